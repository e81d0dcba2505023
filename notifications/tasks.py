"""Celery entry points: each takes ids (or a date), loads rows and calls one service."""

from __future__ import annotations

import datetime as dt
import smtplib

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from notifications.models import Notification


def _day(value: str | None) -> dt.date:
    return dt.date.fromisoformat(value) if value else timezone.localdate()


@shared_task(
    bind=True,
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
    acks_late=True,
)
def notification_email_task(self, notification_id: int) -> None:
    from notifications.services import notification_email

    notification = (
        Notification.objects.select_related("recipient__profile").filter(pk=notification_id).first()
    )
    if notification is not None:
        notification_email(notification=notification)


@shared_task(acks_late=True)
def reminders_send_task(date: str | None = None) -> list[str]:
    """The daily beat job: finds nothing itself, queues one task per reminder kind."""
    from notifications.services import reminders_dispatch

    return reminders_dispatch(today=_day(date))


# A deadlock between two runs claiming overlapping chunks is retried; the
# claims already committed make the retry cheap.
@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=5,
)
def reminder_kind_send_task(self, kind: str, date: str | None = None) -> int:
    from notifications.services import reminder_kind_send

    return reminder_kind_send(kind=kind, today=_day(date))


EMAIL_MAX_RETRIES = 8


@shared_task(bind=True, acks_late=True, max_retries=EMAIL_MAX_RETRIES)
def reminder_email_task(self, delivery_id: int) -> bool:
    """Send one reminder's e-mail; on failure retry with exponential backoff
    (30 s, 1 min, 2 min, ... up to an hour), then give up and record it."""
    from notifications import services

    try:
        return services.reminder_email_send(delivery_id=delivery_id)
    except services.ReminderEmailBusy as busy:
        # Another worker holds the lease: look again once it has lapsed, in
        # case that worker died mid-send. (Run eagerly there is no one to wait
        # for; the daily sweep picks it up.)
        if not self.request.is_eager:
            reminder_email_task.apply_async((delivery_id,), countdown=busy.retry_in)
        return False
    except Exception as exc:
        if self.request.retries >= EMAIL_MAX_RETRIES:
            services.reminder_email_fail(
                delivery_id=delivery_id, error=f"{type(exc).__name__}: {exc}"
            )
            return False
        if self.request.is_eager:
            # No broker (a local trial, the tests): retry at once, in process,
            # since Celery's eager mode re-raises a retry instead of running it.
            return reminder_email_task.apply(
                (delivery_id,), retries=self.request.retries + 1
            ).result
        raise self.retry(exc=exc, countdown=min(3600, 30 * 2**self.request.retries))


@shared_task(acks_late=True)
def reminder_emails_requeue_task() -> int:
    """Every few minutes: queue again the reminder e-mails claimed but not sent."""
    from notifications.services import reminder_emails_requeue

    return reminder_emails_requeue()


@shared_task(bind=True, acks_late=True, max_retries=EMAIL_MAX_RETRIES)
def channel_send_task(self, channel_delivery_id: int) -> bool:
    """Send one reminder on one channel (WeCom, DingTalk, webhook); on failure retry
    after the vendor's wait or with exponential backoff, then give up and record it."""
    from notifications import channels, services

    try:
        return services.channel_send(channel_delivery_id=channel_delivery_id)
    except services.ReminderEmailBusy as busy:
        if not self.request.is_eager:
            channel_send_task.apply_async((channel_delivery_id,), countdown=busy.retry_in)
        return False
    except Exception as exc:
        if self.request.retries >= EMAIL_MAX_RETRIES:
            services.channel_send_fail(
                channel_delivery_id=channel_delivery_id, error=f"{type(exc).__name__}: {exc}"
            )
            return False
        if self.request.is_eager:
            # No broker: the sweep tries again later (an eager retry at once
            # would only meet the same rate limit or outage).
            return False
        countdown = min(3600, settings.CHANNEL_RETRY_SECONDS * 2**self.request.retries)
        if isinstance(exc, channels.ChannelRetry) and exc.retry_in:
            countdown = max(1, int(exc.retry_in))
        raise self.retry(exc=exc, countdown=countdown)
