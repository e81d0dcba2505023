"""A report whose worker died is claimed again once its claim has expired.

Here the worker's death is the state it leaves behind (claimed, never
finished); tests/reports/test_worker.py kills real workers.
"""

from datetime import timedelta
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone

from reports.models import Report
from reports.services import report_generate, report_requeue_stale
from tests.reports.factories import ReportFactory, sample_document

pytestmark = pytest.mark.django_db

LIMIT = 900


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.CELERY_TASK_TIME_LIMIT = LIMIT
    settings.REPORT_MAX_ATTEMPTS = 3


@pytest.fixture
def fake_document():
    with mock.patch("reports.documents.build_document", return_value=sample_document()) as m:
        yield m


def left_running(report: Report, *, seconds_ago: int, attempts: int) -> None:
    """What a worker that claimed the report and then died leaves behind."""
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING,
        started_at=timezone.now() - timedelta(seconds=seconds_ago),
        attempts=attempts,
    )


def test_a_claim_within_the_time_limit_is_left_to_its_worker_and_an_expired_one_is_taken(
    alice, fake_document
):
    report = ReportFactory(requested_by=alice)
    left_running(report, seconds_ago=LIMIT - 5, attempts=1)
    with mock.patch("reports.tasks.report_generate_task.delay") as delay:
        assert report_requeue_stale() == 0
    delay.assert_not_called()
    assert report_generate(report_id=report.pk) is None  # a redelivered task stops
    assert fake_document.call_count == 0

    left_running(report, seconds_ago=LIMIT + 5, attempts=1)
    with mock.patch("reports.tasks.report_generate_task.delay") as delay:
        assert report_requeue_stale() == 1
    delay.assert_called_once_with(report.pk)
    done = report_generate(report_id=report.pk)
    assert done.status == "done" and done.attempts == 2 and done.file
    assert fake_document.call_count == 1


def test_a_report_whose_worker_stopped_at_every_attempt_fails_saying_so(api, alice):
    report = ReportFactory(requested_by=alice)
    left_running(report, seconds_ago=LIMIT + 5, attempts=3)
    with mock.patch("reports.tasks.report_generate_task.delay") as delay:
        assert report_requeue_stale() == 0
    delay.assert_not_called()
    status = api.as_(alice).get(f"/api/v1/reports/{report.pk}/").json()
    assert status["status"] == "failed"
    assert status["error"] == (
        "The report could not be generated: the worker stopped 3 times while producing this report"
    )
    assert report_generate(report_id=report.pk) is None  # and stays failed


def test_a_redelivered_task_fails_a_report_out_of_attempts_in_the_requesters_language(alice):
    report = ReportFactory(requested_by=alice, language="zh-hans")
    left_running(report, seconds_ago=LIMIT + 5, attempts=3)
    assert report_generate(report_id=report.pk) is None
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.error == "报表生成失败：生成此报表时工作进程已 3 次中止"


def test_a_report_that_runs_past_the_soft_time_limit_fails_saying_so(alice, settings):
    settings.CELERY_TASK_SOFT_TIME_LIMIT = 840
    report = ReportFactory(requested_by=alice)
    with mock.patch("reports.documents.build_document", side_effect=SoftTimeLimitExceeded()):
        failed = report_generate(report_id=report.pk)
    assert failed.status == "failed" and failed.attempts == 1
    assert failed.error == (
        "The report could not be generated: it took longer than the time limit of 840 seconds"
    )
