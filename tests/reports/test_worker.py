"""A report whose worker dies is produced again, or fails saying so.

Real Celery workers (tests/notifications/worker_app.py, config.settings.base,
nothing eager) on a real Redis broker and the PostgreSQL test database. The
worker runs with a short task time limit, so a claim expires within the test.
A fault hook installed in the worker process only makes a report stall or
die once its file is written and before it is kept.
"""

import datetime as dt
import io
import json
import time

import pytest
from django.utils import timezone, translation

from accounts.access import Role
from reports.documents import build_document
from reports.models import Report
from reports.writers import write_json
from tests.accounts.factories import UserFactory
from tests.notifications.test_worker import Worker, broker_url, client, wait_for
from tests.partnerships.factories import EnterpriseFactory
from tests.reports.factories import ReportFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

TIME_LIMIT = 10  # seconds; the soft limit is 9: room for a loaded machine
GENERATE = "reports.tasks.report_generate_task"
SWEEP = "reports.tasks.report_requeue_stale_task"


@pytest.fixture
def broker(_require_redis):
    url = broker_url()
    import redis

    redis.Redis.from_url(url).flushdb()  # our own database number only
    return url


def start_worker(path, broker, media) -> Worker:
    return Worker(
        path,
        broker,
        concurrency=1,
        env={"CELERY_TASK_TIME_LIMIT": str(TIME_LIMIT), "MEDIA_ROOT": str(media)},
    )


def annual_report() -> Report:
    EnterpriseFactory.create_batch(3)
    admin = UserFactory(role=Role.ADMINISTRATOR)
    return ReportFactory(kind="annual", year=2026, format="json", requested_by=admin)


def status_of(report: Report) -> str:
    report.refresh_from_db()
    return report.status


def expected_json(report: Report) -> dict:
    """The report as this process writes it (generated_at aside)."""
    with translation.override(report.language or "en"):
        handle = io.BytesIO()
        write_json(build_document(report), handle)
    expected = json.loads(handle.getvalue())
    expected.pop("generated_at")
    return expected


def test_a_report_whose_worker_was_killed_is_produced_by_another_after_the_sweep(tmp_path, broker):
    report = annual_report()
    media = tmp_path / "media"
    app = client(broker)
    first = start_worker(tmp_path / "a", broker, media)
    second = None
    try:
        first.arm("stall-report")
        app.send(GENERATE, report.pk)
        stalled = first.fault_dir / "report-stalled"
        wait_for(stalled.exists, timeout=30, what="the report to be mid-way", worker=first)
        first.kill()  # SIGKILL, main process and pool: the machine is gone
        assert status_of(report) == "running" and report.attempts == 1
        assert not report.file

        second = start_worker(tmp_path / "b", broker, media)
        # (That the sweep leaves a claim young enough to belong to a live worker
        # is tested in test_recovery.py, without the timing of real processes.)
        expiry = report.started_at + dt.timedelta(seconds=TIME_LIMIT)
        time.sleep(max(0.0, (expiry - timezone.now()).total_seconds()) + 0.5)
        app.send(SWEEP)
        wait_for(lambda: status_of(report) == "done", timeout=60, what="the report", worker=second)
    finally:
        first.stop()
        if second is not None:
            second.stop()
    report.refresh_from_db()
    assert report.attempts == 2 and report.error == ""
    produced = json.loads((media / report.file.name).read_bytes())
    assert produced.pop("generated_at")
    assert produced == expected_json(report)
    assert produced["year"] == 2026 and produced["tables"]


def test_a_report_whose_worker_dies_every_time_fails_saying_so(tmp_path, broker):
    report = annual_report()
    app = client(broker)
    worker = start_worker(tmp_path, broker, tmp_path / "media")
    try:
        worker.arm("kill-report")  # every process writing this report dies
        app.send(GENERATE, report.pk)

        last_sweep = [0.0]

        def failed() -> bool:
            if time.monotonic() - last_sweep[0] >= 1:  # what beat does every few minutes
                app.send(SWEEP)
                last_sweep[0] = time.monotonic()
            return status_of(report) == "failed"

        wait_for(failed, timeout=120, what="the report to fail", worker=worker)
        time.sleep(TIME_LIMIT + 1)
        app.send(SWEEP)  # a failed report stays failed
        time.sleep(1)
    finally:
        worker.stop()
    assert "WorkerLostError" in worker.output()  # the pool process really died
    report.refresh_from_db()
    assert report.status == "failed" and report.attempts == 3 and not report.file
    assert report.error == (
        "The report could not be generated: the worker stopped 3 times while producing this report"
    )
    assert report.finished_at is not None
