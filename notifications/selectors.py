from django.db.models import QuerySet

from notifications import channels, reminders
from notifications.models import ChannelPreference, Notification, NotificationPreference


def notification_visible_to(user) -> QuerySet[Notification]:
    """Everyone sees their own notifications and nobody else's."""
    if not user or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def channels_reaching(user) -> list[channels.Channel]:
    """The registered channels that can reach this user (a linked identity, say)."""
    return [c for c in channels.available() if user.pk in c.addresses([user.pk])]


def notification_preferences_of(user) -> list[dict]:
    """Every reminder kind of this deployment with the user's e-mail choice (on unless off)
    and, for reminders, their choice per channel that reaches them (its default unless set)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    reaching = channels_reaching(user)
    by_channel = {
        (kind, channel): enabled
        for kind, channel, enabled in ChannelPreference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    }
    items = [
        {
            "kind": spec.code,
            "label": str(spec.label),
            "email": chosen.get(spec.code, True),
            "channels": {
                c.code: by_channel.get((spec.code, c.code), c.default_on) for c in reaching
            },
        }
        for spec in reminders.available_kinds()
    ]
    items += [
        {"kind": code, "label": str(label), "email": chosen.get(code, True), "channels": {}}
        for code, label in reminders.OTHER_KINDS.items()
    ]
    return items
