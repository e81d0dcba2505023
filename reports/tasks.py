from celery import shared_task


# acks_late + reject_on_worker_lost: a worker process that dies mid-report
# gives the message back. The redelivered task finds the report claimed and
# stops (the claim has not expired yet); a message that comes back after the
# time limit (a whole worker lost, its unacked message restored) claims it
# again. Either way the sweep (report_requeue_stale_task) picks up claims
# that expired. See docs/reports.md.
@shared_task(acks_late=True, reject_on_worker_lost=True)
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
