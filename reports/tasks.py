from celery import shared_task


@shared_task(acks_late=True)
def report_generate_task(report_id: int) -> None:
    from reports.services import report_generate

    report_generate(report_id=report_id)


@shared_task
def report_purge_task() -> int:
    from reports.services import report_purge

    return report_purge()


@shared_task
def report_requeue_stale_task() -> int:
    from reports.services import report_requeue_stale

    return report_requeue_stale()
