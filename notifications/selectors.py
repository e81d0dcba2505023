from django.db.models import QuerySet

from notifications import reminders
from notifications.models import Notification, NotificationPreference


def notification_visible_to(user) -> QuerySet[Notification]:
    """Everyone sees their own notifications and nobody else's."""
    if not user or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def notification_preferences_of(user) -> list[dict]:
    """Every reminder kind of this deployment with the user's e-mail choice (on unless off)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    kinds = [(spec.code, spec.label) for spec in reminders.available_kinds()]
    kinds += list(reminders.OTHER_KINDS.items())
    return [
        {"kind": code, "label": str(label), "email": chosen.get(code, True)}
        for code, label in kinds
    ]
