"""Sending in-app notifications, reminders and their e-mail to users."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from notifications import channels, reminders
from notifications.models import (
    ChannelDelivery,
    ChannelPreference,
    Notification,
    NotificationPreference,
    ReminderDelivery,
)

CLAIM_CHUNK = 500

logger = logging.getLogger(__name__)


def object_type_of(obj: models.Model | None) -> str:
    return obj._meta.model_name if obj is not None else ""


def language_of(user: User) -> str:
    """The language the user chose in their profile, else the site's default."""
    try:
        language = user.profile.language
    except Exception:  # no profile yet
        language = ""
    return language or settings.LANGUAGE_CODE


def _languages(user_ids: Iterable[int]) -> dict[int, str]:
    from accounts.models import Profile

    rows = Profile.objects.filter(user_id__in=set(user_ids)).exclude(language="")
    return dict(rows.values_list("user_id", "language"))


def _email_muted(user_ids: Iterable[int], kind: str) -> set[int]:
    rows = NotificationPreference.objects.filter(user_id__in=set(user_ids), kind=kind, email=False)
    return set(rows.values_list("user_id", flat=True))


@transaction.atomic
def notification_send(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: str,
    body: str = "",
    obj: models.Model | None = None,
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """One notification per distinct active recipient; e-mail queued after commit."""
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                subject=subject[:255],
                body=body,
                object_type=object_type_of(obj),
                object_id=obj.pk if obj is not None else None,
                url=url,
            )
        )
    created = Notification.objects.bulk_create(rows)
    if email and created:
        from notifications.tasks import notification_email_task

        muted = _email_muted(seen, kind)
        ids = [n.pk for n in created if n.recipient_id not in muted]
        transaction.on_commit(lambda: [notification_email_task.delay(pk) for pk in ids])
    return created


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _absolute(url: str) -> str:
    if not url or urlsplit(url).scheme:
        return url
    return settings.SITE_URL.rstrip("/") + url


def _email_message(
    *, notification: Notification, recipient: User, message_id: str, kind_label: Any = ""
) -> EmailMultiAlternatives:
    """The e-mail copy of a notification, HTML and plain text, in the recipient's language."""
    language = language_of(recipient)
    with translation.override(language):
        context = {
            "recipient": recipient,
            "notification": notification,
            "kind_label": kind_label,
            "url": _absolute(notification.url),
            "preferences_url": _absolute("/notifications/preferences/"),
            "site_url": settings.SITE_URL,
            "language": language,
        }
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=text,
        to=[recipient.email],
        headers={
            # The same id on every attempt, so a copy resent after a crash is
            # recognisably the same message to the receiving side.
            "Message-ID": f"<{message_id}@{domain}>",
            "Content-Language": language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def notification_email(*, notification: Notification) -> bool:
    """Send the e-mail copy of a notification to its recipient, at most once.

    The conditional update claims the sending; a failed send gives the claim
    back so the task's retry can try again. Reminders use the delivery table
    instead (``reminder_email_send``).
    """
    recipient = notification.recipient
    if not recipient.email:
        return False
    pending = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True)
    if not pending.update(emailed_at=timezone.now()):
        return False  # sent already (a duplicated task)
    try:
        _email_message(
            notification=notification,
            recipient=recipient,
            message_id=f"notification-{notification.pk}",
        ).send()
    except Exception:
        Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
        raise
    return True


# --- reminders ----------------------------------------------------------------


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def reminder_kind_send(*, kind: str, today: dt.date, chunk_size: int = CLAIM_CHUNK) -> int:
    """Claim, notify and queue the e-mail of every due reminder of one kind.

    Returns how many reminders this run claimed. Each chunk commits on its
    own: a run that dies midway leaves whole chunks behind, and running again
    (or a redelivered task) claims only what is still unclaimed.
    """
    spec = reminders.REGISTRY.get(kind)
    if spec is None:
        raise RuleError(
            "unknown_reminder_kind",
            _("Unknown reminder kind: %(kind)s.") % {"kind": kind},
            field="kind",
        )
    claimed = 0
    for chunk in _chunks(spec.find(today), chunk_size):
        claimed += _reminder_claim_chunk(spec=spec, chunk=chunk)
    return claimed


@transaction.atomic
def _reminder_claim_chunk(*, spec: reminders.ReminderKind, chunk: list[reminders.Due]) -> int:
    # One insert for the chunk, ON CONFLICT DO NOTHING: of two runs inserting
    # the same key at once, PostgreSQL makes the second wait for the first to
    # commit and then skip the row. The token marks the rows this run won.
    token = uuid.uuid4()
    due_by_key: dict[tuple, reminders.Due] = {}
    for due in chunk:
        key = (due.recipient.pk, due.stage, object_type_of(due.obj), due.obj.pk)
        due_by_key.setdefault(key, due)
    muted = _email_muted({key[0] for key in due_by_key}, spec.code)
    rows = []
    # A fixed order of inserts, so two runs over the same items never deadlock.
    for key in sorted(due_by_key):
        user_id, stage, object_type, object_id = key
        email = due_by_key[key].recipient.email and user_id not in muted
        rows.append(
            ReminderDelivery(
                recipient_id=user_id,
                kind=spec.code,
                stage=stage,
                object_type=object_type,
                object_id=object_id,
                claim_token=token,
                status=ReminderDelivery.Status.CLAIMED
                if email
                else ReminderDelivery.Status.SKIPPED,
            )
        )
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    won = list(ReminderDelivery.objects.filter(claim_token=token).order_by("pk"))
    if not won:
        return 0
    languages = _languages(d.recipient_id for d in won)
    notifications = []
    for delivery in won:
        due = due_by_key[
            (delivery.recipient_id, delivery.stage, delivery.object_type, delivery.object_id)
        ]
        with translation.override(languages.get(delivery.recipient_id, settings.LANGUAGE_CODE)):
            subject, body = str(due.subject)[:255], str(due.body)
        notifications.append(
            Notification(
                recipient_id=delivery.recipient_id,
                kind=spec.code,
                subject=subject,
                body=body,
                object_type=delivery.object_type,
                object_id=delivery.object_id,
                url=due.url,
            )
        )
    Notification.objects.bulk_create(notifications)
    for delivery, notification in zip(won, notifications, strict=True):
        delivery.notification = notification
    ReminderDelivery.objects.bulk_update(won, ["notification"])
    to_email = [d.pk for d in won if d.status == ReminderDelivery.Status.CLAIMED]
    if to_email:
        transaction.on_commit(lambda: _queue_reminder_emails(to_email), robust=True)
    to_send = _channel_claims(spec=spec, won=won)
    if to_send:
        transaction.on_commit(lambda: _queue_channel_sends(to_send), robust=True)
    return len(won)


def _channel_claims(*, spec: reminders.ReminderKind, won: list[ReminderDelivery]) -> list[int]:
    """One ChannelDelivery per claimed reminder and channel that reaches its recipient
    and that the recipient has not switched off for the kind; in the claim's transaction."""
    registered = channels.available()
    if not registered:
        return []
    user_ids = {d.recipient_id for d in won}
    choices = {
        (user_id, channel): enabled
        for user_id, channel, enabled in ChannelPreference.objects.filter(
            user_id__in=user_ids, kind=spec.code
        ).values_list("user_id", "channel", "enabled")
    }
    rows = []
    for channel in registered:
        addresses = channel.addresses(user_ids)
        for delivery in won:
            address = addresses.get(delivery.recipient_id)
            wanted = choices.get((delivery.recipient_id, channel.code), channel.default_on)
            if address and wanted:
                rows.append(
                    ChannelDelivery(delivery=delivery, channel=channel.code, address=address[:255])
                )
    # The reminder rows were won by this transaction just now, so their
    # channel rows are new: a plain insert, whose ids come back.
    return [row.pk for row in ChannelDelivery.objects.bulk_create(rows)]


def _queue_channel_sends(ids: list[int]) -> None:
    from notifications.tasks import channel_send_task

    try:
        for pk in ids:
            channel_send_task.delay(pk)
    except Exception:
        # As for e-mail: the rows are committed, the sweep queues them again.
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise
        logger.exception("could not queue %d channel messages", len(ids))


def _queue_reminder_emails(delivery_ids: list[int]) -> None:
    from notifications.tasks import reminder_email_task

    try:
        for pk in delivery_ids:
            reminder_email_task.delay(pk)
    except Exception:
        # The broker is unreachable: the claims are committed, and the sweep
        # (every 15 minutes, and in the daily job) queues these again.
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise
        logger.exception("could not queue %d reminder e-mails", len(delivery_ids))


def reminders_send(*, today: dt.date, kinds: Iterable[str] | None = None) -> dict[str, int]:
    """The whole daily job in this process: every available kind, claims per kind."""
    wanted = set(kinds) if kinds else None
    return {
        spec.code: reminder_kind_send(kind=spec.code, today=today)
        for spec in reminders.available_kinds()
        if wanted is None or spec.code in wanted
    }


def reminders_dispatch(*, today: dt.date) -> list[str]:
    """The daily beat job: one task per kind, plus a sweep of e-mails still pending."""
    from notifications.tasks import reminder_kind_send_task

    codes = [spec.code for spec in reminders.available_kinds()]
    for code in codes:
        reminder_kind_send_task.delay(code, today.isoformat())
    reminder_emails_requeue()
    return codes


def reminder_emails_requeue(*, older_than: dt.timedelta | None = None) -> int:
    """Queue again the e-mails claimed but never sent, e.g. when the broker lost
    their messages or the process died between commit and queueing. Queueing
    twice is harmless: the send takes a lease first."""
    if older_than is None:
        older_than = dt.timedelta(seconds=settings.REMINDER_EMAIL_REQUEUE_SECONDS)
    now = timezone.now()
    ids = list(
        ReminderDelivery.objects.filter(
            status=ReminderDelivery.Status.CLAIMED, claimed_at__lte=now - older_than
        )
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .values_list("pk", flat=True)
    )
    _queue_reminder_emails(ids)
    return len(ids) + channel_sends_requeue(older_than=older_than)


def channel_sends_requeue(*, older_than: dt.timedelta) -> int:
    """Queue again the channel messages still pending (a lost task, a dead worker)."""
    now = timezone.now()
    ids = list(
        ChannelDelivery.objects.filter(
            status=ChannelDelivery.Status.PENDING, created_at__lte=now - older_than
        )
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .values_list("pk", flat=True)
    )
    _queue_channel_sends(ids)
    return len(ids)


class ReminderEmailBusy(Exception):
    """Another worker holds the sending lease of this delivery."""

    def __init__(self, retry_in: float):
        super().__init__(f"being sent elsewhere; retry in {retry_in:.0f}s")
        self.retry_in = retry_in


def reminder_email_send(*, delivery_id: int) -> bool:
    """Send the e-mail of one claimed reminder; True when this call sent it.

    Not one transaction on purpose: the lease must be committed before the
    (slow, external) SMTP call, and "sent" recorded right after it. The
    lease is a conditional update, so of two workers given the same delivery
    only one sends; "sent" is a conditional update too, so a late duplicate
    finds nothing left to do.
    """
    now = timezone.now()
    lease = dt.timedelta(seconds=settings.REMINDER_EMAIL_LEASE_SECONDS)
    pending = ReminderDelivery.objects.filter(
        pk=delivery_id, status=ReminderDelivery.Status.CLAIMED
    )
    won = pending.filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now)).update(
        locked_until=now + lease, attempts=F("attempts") + 1
    )
    if not won:
        current = ReminderDelivery.objects.filter(pk=delivery_id).first()
        if current is None or current.status != ReminderDelivery.Status.CLAIMED:
            return False  # sent, given up or skipped already
        raise ReminderEmailBusy(max(1.0, (current.locked_until - now).total_seconds()))
    delivery = ReminderDelivery.objects.select_related("recipient__profile", "notification").get(
        pk=delivery_id
    )
    try:
        message = _reminder_email_message(delivery=delivery)
        message.send()
    except Exception as exc:
        pending.update(locked_until=None, last_error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    pending.update(
        status=ReminderDelivery.Status.SENT,
        sent_at=timezone.now(),
        locked_until=None,
        last_error="",
    )
    return True


def _reminder_email_message(*, delivery: ReminderDelivery) -> EmailMultiAlternatives:
    spec = reminders.REGISTRY.get(delivery.kind)
    notification = delivery.notification
    if notification is None:  # deleted by the user's admin; rebuild a minimal one
        notification = Notification(subject=delivery.kind, kind=delivery.kind)
    message = _email_message(
        notification=notification,
        recipient=delivery.recipient,
        message_id=f"reminder-{delivery.pk}",
        kind_label=spec.label if spec else "",  # lazy: rendered in the recipient's language
    )
    if spec is not None and spec.attach is not None:
        obj = spec.model._default_manager.filter(pk=delivery.object_id).first()
        attachment = spec.attach(obj) if obj is not None else None
        if attachment:
            message.attach(*attachment)
    return message


def reminder_email_fail(*, delivery_id: int, error: str) -> bool:
    """Give up on an e-mail after its last retry; the in-app notification stays."""
    return bool(
        ReminderDelivery.objects.filter(
            pk=delivery_id, status=ReminderDelivery.Status.CLAIMED
        ).update(status=ReminderDelivery.Status.FAILED, locked_until=None, last_error=error[:2000])
    )


@transaction.atomic
def reminder_email_retry(*, delivery_ids: Iterable[int]) -> int:
    """Try again the e-mails that failed (e.g. after fixing the SMTP settings)."""
    ids = list(
        ReminderDelivery.objects.select_for_update()
        .filter(pk__in=list(delivery_ids), status=ReminderDelivery.Status.FAILED)
        .values_list("pk", flat=True)
    )
    ReminderDelivery.objects.filter(pk__in=ids).update(
        status=ReminderDelivery.Status.CLAIMED, locked_until=None
    )
    transaction.on_commit(lambda: _queue_reminder_emails(ids))
    return len(ids)


# --- other channels ----------------------------------------------------------


def channel_send(*, channel_delivery_id: int) -> bool:
    """Send one reminder on one channel; True when this call delivered it.

    The same lease and conditional "sent" as ``reminder_email_send``: of two
    workers given the same row only one calls the vendor, and a late
    duplicate finds the row sent. ``ChannelRetry`` and other failures give
    the lease back and propagate for the task to retry; ``ChannelRejected``
    marks the row failed at once.
    """
    now = timezone.now()
    lease = dt.timedelta(seconds=settings.REMINDER_EMAIL_LEASE_SECONDS)
    pending = ChannelDelivery.objects.filter(
        pk=channel_delivery_id, status=ChannelDelivery.Status.PENDING
    )
    won = pending.filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now)).update(
        locked_until=now + lease, attempts=F("attempts") + 1
    )
    if not won:
        current = ChannelDelivery.objects.filter(pk=channel_delivery_id).first()
        if current is None or current.status != ChannelDelivery.Status.PENDING:
            return False
        raise ReminderEmailBusy(max(1.0, (current.locked_until - now).total_seconds()))
    row = ChannelDelivery.objects.select_related("delivery__notification").get(
        pk=channel_delivery_id
    )
    channel = channels.REGISTRY.get(row.channel)
    if channel is None:
        channel_send_fail(channel_delivery_id=row.pk, error="channel no longer configured")
        return False
    notification = row.delivery.notification
    message = channels.ChannelMessage(
        delivery_id=row.pk,
        channel=row.channel,
        address=row.address,
        user_id=row.delivery.recipient_id,
        kind=row.delivery.kind,
        subject=notification.subject if notification else row.delivery.kind,
        body=notification.body if notification else "",
        url=_absolute(notification.url) if notification else "",
    )
    try:
        channel.send(message)
    except channels.ChannelRejected as exc:
        logger.warning("channel %s refused message %s: %s", row.channel, row.pk, exc)
        channel_send_fail(channel_delivery_id=row.pk, error=f"rejected: {exc}")
        return False
    except Exception as exc:
        logger.warning("channel %s message %s not sent yet: %s", row.channel, row.pk, exc)
        pending.update(locked_until=None, last_error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    pending.update(
        status=ChannelDelivery.Status.SENT, sent_at=timezone.now(), locked_until=None, last_error=""
    )
    return True


def channel_send_fail(*, channel_delivery_id: int, error: str) -> bool:
    """Give up on a channel message; the in-app notification and the e-mail stay."""
    return bool(
        ChannelDelivery.objects.filter(
            pk=channel_delivery_id, status=ChannelDelivery.Status.PENDING
        ).update(status=ChannelDelivery.Status.FAILED, locked_until=None, last_error=error[:2000])
    )


# --- preferences ----------------------------------------------------------------


@transaction.atomic
def notification_preference_set(*, user: User, kind: str, email: bool) -> NotificationPreference:
    if kind not in reminders.REGISTRY and kind not in reminders.OTHER_KINDS:
        raise RuleError(
            "unknown_reminder_kind",
            _("Unknown reminder kind: %(kind)s.") % {"kind": kind},
            field="kind",
        )
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"email": email}
    )
    return preference


@transaction.atomic
def channel_preference_set(*, user: User, kind: str, channel: str, enabled: bool):
    """Switch one channel on or off for one reminder kind."""
    if kind not in reminders.REGISTRY:
        raise RuleError(
            "unknown_reminder_kind",
            _("Unknown reminder kind: %(kind)s.") % {"kind": kind},
            field="kind",
        )
    if channel not in channels.REGISTRY:
        raise RuleError(
            "unknown_channel",
            _("Unknown channel: %(channel)s.") % {"channel": channel},
            field="channels",
        )
    preference, _created = ChannelPreference.objects.update_or_create(
        user=user, kind=kind, channel=channel, defaults={"enabled": enabled}
    )
    return preference


@transaction.atomic
def notification_preferences_set(
    *, user: User, kind: str, email: bool | None = None, channels: dict[str, bool] | None = None
) -> None:
    """The e-mail choice and the channel choices of one kind, all or nothing."""
    if email is not None:
        notification_preference_set(user=user, kind=kind, email=email)
    for channel, enabled in sorted((channels or {}).items()):
        channel_preference_set(user=user, kind=kind, channel=channel, enabled=enabled)
