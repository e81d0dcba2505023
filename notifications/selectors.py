from django.db.models import QuerySet

from notifications.models import Notification


def notification_visible_to(user) -> QuerySet[Notification]:
    """Everyone sees their own notifications and nobody else's."""
    if not user or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)
