from celery import shared_task

from notifications.models import Notification


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
    acks_late=True,
)
def notification_email_task(self, notification_id: int) -> None:
    from notifications.services import notification_email

    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is not None:
        notification_email(notification=notification)
