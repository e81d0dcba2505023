"""Sending in-app notifications (and their e-mail) to users."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from notifications.models import Notification


def object_type_of(obj: models.Model | None) -> str:
    return obj._meta.model_name if obj is not None else ""


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

        ids = [n.pk for n in created]  # bulk_create returns keys on PostgreSQL and SQLite
        transaction.on_commit(lambda: [notification_email_task.delay(pk) for pk in ids])
    return created


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_email(*, notification: Notification) -> None:
    """Send the e-mail copy of a notification to its recipient."""
    from django.core.mail import send_mail

    recipient = notification.recipient
    if not recipient.email:
        return
    send_mail(
        subject=notification.subject,
        message=notification.body or notification.subject,
        from_email=None,
        recipient_list=[recipient.email],
    )
