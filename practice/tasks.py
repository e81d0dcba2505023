from celery import shared_task

from practice import services


@shared_task
def checkin_locations_erase_task() -> int:
    """Erase check-in coordinates past PRACTICE_LOCATION_RETENTION_DAYS (daily)."""
    return services.checkin_locations_erase()
