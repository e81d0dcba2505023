from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app message to one user, about one object."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=60)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Set (conditionally) by the worker that sends the e-mail copy, so a
    # duplicated task never sends it twice.
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def read(self) -> bool:
        return self.read_at is not None


class ReminderDelivery(models.Model):
    """One reminder to one user about one object at one stage, claimed before sending.

    The unique constraint is what makes a reminder go out exactly once: every
    run inserts its claims with ON CONFLICT DO NOTHING, and only the run whose
    insert won creates the notification and queues the e-mail. ``status`` is
    the e-mail's fate; the in-app notification exists from the claim on.
    """

    class Status(models.TextChoices):
        CLAIMED = "claimed", _("Claimed, e-mail pending")
        SENT = "sent", _("E-mail sent")
        FAILED = "failed", _("E-mail failed")
        SKIPPED = "skipped", _("No e-mail (opted out or no address)")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_deliveries",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    stage = models.CharField(_("stage"), max_length=40)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.BigIntegerField(_("object id"))
    # The run that won the insert; lets a bulk insert that skips conflicts
    # re-read exactly the rows it claimed itself.
    claim_token = models.UUIDField(_("claim token"), db_index=True)
    notification = models.OneToOneField(
        Notification,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delivery",
        verbose_name=_("notification"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CLAIMED
    )
    attempts = models.PositiveIntegerField(_("e-mail attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # While set and in the future, one worker is sending the e-mail; others wait.
    locked_until = models.DateTimeField(_("sending until"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at", "-id"]
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "stage", "object_type", "object_id"],
                name="reminder_delivery_once",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["claimed", "sent", "failed", "skipped"]),
                name="reminder_delivery_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "claimed_at"], name="reminder_delivery_pending")]

    def __str__(self) -> str:
        return (
            f"{self.kind}/{self.stage} {self.object_type}:{self.object_id} -> {self.recipient_id}"
        )


class NotificationPreference(models.Model):
    """A user's choice to receive (or not) the e-mail copy of one kind.

    No row means yes: e-mail is on by default. In-app notifications always
    arrive whatever the choice.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    email = models.BooleanField(_("by e-mail"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'e-mail' if self.email else 'in-app only'}"


class ChannelDelivery(models.Model):
    """One claimed reminder sent on one channel besides e-mail (WeCom, DingTalk, ...).

    Unique per (reminder delivery, channel): the row is created in the claim's
    transaction, so a reminder goes out once per channel however often the
    job runs; sending takes a lease and records "sent" conditionally, like
    the e-mail, so a duplicated task finds nothing left to do.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    delivery = models.ForeignKey(
        ReminderDelivery,
        on_delete=models.CASCADE,
        related_name="channel_deliveries",
        verbose_name=_("reminder delivery"),
    )
    channel = models.CharField(_("channel"), max_length=30)
    address = models.CharField(_("address on the channel"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    locked_until = models.DateTimeField(_("sending until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("channel delivery")
        verbose_name_plural = _("channel deliveries")
        constraints = [
            models.UniqueConstraint(fields=["delivery", "channel"], name="channel_delivery_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "sent", "failed"]),
                name="channel_delivery_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="channel_delivery_pending")]

    def __str__(self) -> str:
        return f"{self.channel} {self.delivery_id} -> {self.address}"


class ChannelPreference(models.Model):
    """A user's choice for one channel and one kind; no row means the channel's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="channel_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    channel = models.CharField(_("channel"), max_length=30)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        ordering = ["user", "kind", "channel"]
        verbose_name = _("channel preference")
        verbose_name_plural = _("channel preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="channel_preference_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.channel}: {self.enabled}"
