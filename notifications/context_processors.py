def unread_count(request):
    """The bell's number; one COUNT per page for signed-in users."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from notifications.selectors import notification_visible_to

    return {"unread_notifications": notification_visible_to(user).unread().count()}
