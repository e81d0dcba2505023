"""The reports API: request (202), status, download, scoping, throttling, failure."""

import json
import logging
from unittest import mock

import pytest
from django.core.cache import cache
from rest_framework.settings import api_settings

from reports.models import Report
from reports.services import report_generate
from tests.accounts.factories import UserFactory
from tests.partnerships.factories import EnterpriseFactory, MajorFactory
from tests.reports.factories import ReportFactory, sample_document

pytestmark = pytest.mark.django_db

STATUS_FIELDS = {"id", "kind", "year", "format", "status", "download_url", "error"}


@pytest.fixture(autouse=True)
def _fresh_throttle_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fake_document():
    with mock.patch("reports.documents.build_document", return_value=sample_document()) as m:
        yield m


def _request(client, capture, body):
    with capture(execute=True):
        return client.post("/api/v1/reports/", body)


def test_a_report_request_is_accepted_generated_and_downloadable(
    api, alice, fake_document, django_capture_on_commit_callbacks
):
    client = api.as_(alice)
    response = _request(
        client,
        django_capture_on_commit_callbacks,
        {"kind": "annual", "year": 2026, "format": "json"},
    )
    assert response.status_code == 202, response.content
    assert set(response.json()) == {"id", "status"}
    report_id = response.json()["id"]

    status = client.get(f"/api/v1/reports/{report_id}/").json()
    assert STATUS_FIELDS <= set(status)
    assert status["status"] == "done"
    assert status["error"] == ""
    assert status["download_url"].endswith(f"/api/v1/reports/{report_id}/download/")

    download = client.get(f"/api/v1/reports/{report_id}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/json"
    assert f'filename="annual-report-2026-{report_id}.json"' in download["Content-Disposition"]
    body = json.loads(b"".join(download.streaming_content))
    assert body["tables"][0]["rows"][0]["enterprise"] == "沈阳新松机器人自动化股份有限公司"


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_each_format_downloads_with_its_content_type(
    api, rita, fake_document, django_capture_on_commit_callbacks, fmt, content_type
):
    client = api.as_(rita)
    created = _request(
        client, django_capture_on_commit_callbacks, {"kind": "annual", "year": 2026, "format": fmt}
    )
    download = client.get(f"/api/v1/reports/{created.json()['id']}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith("attachment;")
    assert f".{fmt}" in download["Content-Disposition"]


def test_a_queued_report_is_not_downloadable_yet(api, alice):
    report = ReportFactory(requested_by=alice)
    client = api.as_(alice)
    status = client.get(f"/api/v1/reports/{report.pk}/").json()
    assert status["status"] == "queued"
    assert status["download_url"] is None
    assert client.get(f"/api/v1/reports/{report.pk}/download/").status_code == 404


def test_only_the_requester_and_administrators_see_a_report(api, alice, rita):
    other_reporter = UserFactory(username="ruth", role="reporter")
    ritas = ReportFactory(requested_by=rita)
    alices = ReportFactory(requested_by=alice)
    client = api.as_(other_reporter)
    assert client.get(f"/api/v1/reports/{ritas.pk}/").status_code == 404
    assert client.get(f"/api/v1/reports/{ritas.pk}/download/").status_code == 404
    assert client.get("/api/v1/reports/").json()["count"] == 0
    client = api.as_(rita)
    assert client.get(f"/api/v1/reports/{alices.pk}/").status_code == 404
    assert [r["id"] for r in client.get("/api/v1/reports/").json()["results"]] == [ritas.pk]
    assert api.as_(alice).get(f"/api/v1/reports/{ritas.pk}/").status_code == 200


def test_teachers_and_liaisons_may_not_use_reports(api, tom, lily):
    body = {"kind": "annual", "year": 2026, "format": "json"}
    for user in (tom, lily):
        client = api.as_(user)
        assert client.post("/api/v1/reports/", body).status_code == 403
        assert client.get("/api/v1/reports/").status_code == 403
        assert client.get("/api/v1/reports/summary/?year=2026").status_code == 403


def test_anonymous_requests_are_401(client):
    assert client.get("/api/v1/reports/").status_code == 401
    assert client.post("/api/v1/reports/", {}).status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "weekly", "year": 2026, "format": "json"},
        {"kind": "annual", "year": "20x6", "format": "json"},
        {"kind": "annual", "year": 1999, "format": "json"},
        {"kind": "annual", "year": 99999999999999999999, "format": "json"},
        {"kind": "annual", "year": 2026, "format": "pdf"},
        {"kind": "annual", "year": 2026},
        {"kind": "major", "year": 2026, "format": "csv"},
        {"kind": "major", "year": 2026, "format": "csv", "subject": 987654},
        {"kind": "major", "year": 2026, "format": "csv", "subject": "abc"},
        {"kind": "enterprise", "year": 2026, "format": "csv", "subject": 99999999999999999999},
    ],
)
def test_malformed_or_unknown_input_is_400(api, alice, body):
    response = api.as_(alice).post("/api/v1/reports/", body, format="json")
    assert response.status_code == 400, response.content
    assert not Report.objects.exists()


def test_a_subject_report_names_its_subject(api, rita, fake_document):
    major = MajorFactory(name="机电一体化技术")
    enterprise = EnterpriseFactory()
    client = api.as_(rita)
    made = client.post(
        "/api/v1/reports/", {"kind": "major", "year": 2026, "format": "xlsx", "subject": major.pk}
    )
    assert made.status_code == 202
    report = Report.objects.get(pk=made.json()["id"])
    assert (report.subject_id, report.subject_name) == (major.pk, str(major))
    missing = client.post(
        "/api/v1/reports/",
        {
            "kind": "enterprise",
            "year": 2026,
            "format": "xlsx",
            "subject": major.pk + enterprise.pk + 10,
        },
    )
    assert missing.status_code == 400
    assert missing.json()["code"] == "subject_not_found"


def test_report_requests_beyond_the_rate_are_429_with_retry_after(api, rita, monkeypatch):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "reports", "2/hour")
    client = api.as_(rita)
    body = {"kind": "annual", "year": 2026, "format": "json"}
    assert client.post("/api/v1/reports/", body).status_code == 202
    assert client.post("/api/v1/reports/", body).status_code == 202
    refused = client.post("/api/v1/reports/", body)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert Report.objects.count() == 2
    # Reading is not limited, and the limit is per user.
    assert client.get("/api/v1/reports/").status_code == 200
    other = UserFactory(username="ruth", role="reporter")
    assert api.as_(other).post("/api/v1/reports/", body).status_code == 202


def test_a_failing_report_says_why(api, alice, django_capture_on_commit_callbacks):
    boom = mock.patch("reports.documents.build_document", side_effect=ValueError("no data source"))
    client = api.as_(alice)
    with boom:
        created = _request(
            client,
            django_capture_on_commit_callbacks,
            {"kind": "annual", "year": 2026, "format": "xlsx"},
        )
    status = client.get(f"/api/v1/reports/{created.json()['id']}/").json()
    assert status["status"] == "failed"
    assert "no data source" in status["error"]
    assert status["download_url"] is None


def test_a_report_is_generated_once_even_when_the_task_runs_twice(alice, fake_document):
    report = ReportFactory(requested_by=alice)
    assert report_generate(report_id=report.pk).status == "done"
    assert report_generate(report_id=report.pk) is None
    assert fake_document.call_count == 1


def test_the_report_list_costs_the_same_for_few_and_many(api, alice, django_assert_num_queries):
    client = api.as_(alice)
    ReportFactory(requested_by=alice)
    # token + user, role (groups), count, page of reports (with requester)
    with django_assert_num_queries(4):
        assert client.get("/api/v1/reports/").status_code == 200
    ReportFactory.create_batch(30, requested_by=alice)
    client = api.as_(alice)
    with django_assert_num_queries(4):
        assert client.get("/api/v1/reports/").json()["count"] == 31


def test_old_report_files_are_purged(alice, fake_document, settings):
    from datetime import timedelta

    from django.utils import timezone

    from reports.services import report_purge
    from reports.tasks import report_purge_task

    old, recent = ReportFactory(requested_by=alice), ReportFactory(requested_by=alice)
    for report in (old, recent):
        report_generate(report_id=report.pk)
    old.refresh_from_db()
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    Report.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=31))
    settings.REPORT_RETENTION_DAYS = 30
    assert report_purge_task.delay().get() == 1
    assert not storage.exists(name)
    assert list(Report.objects.values_list("pk", flat=True)) == [recent.pk]
    assert report_purge() == 0


def test_the_purge_is_in_the_beat_schedule():
    from django_celery_beat.models import PeriodicTask

    assert PeriodicTask.objects.filter(
        task="reports.tasks.report_purge_task", enabled=True
    ).exists()


def test_a_report_the_broker_refuses_waits_and_is_queued_again(
    api, alice, settings, django_capture_on_commit_callbacks
):
    from reports.services import report_requeue_stale

    settings.CELERY_TASK_ALWAYS_EAGER = False
    client = api.as_(alice)
    with mock.patch(
        "reports.tasks.report_generate_task.delay", side_effect=OSError("broker unreachable")
    ):
        created = _request(
            client,
            django_capture_on_commit_callbacks,
            {"kind": "annual", "year": 2026, "format": "csv"},
        )
        assert created.status_code == 202
        # Still down: the report keeps waiting, nothing is lost.
        assert report_requeue_stale(older_than_seconds=0) == 0
    status = client.get(f"/api/v1/reports/{created.json()['id']}/").json()
    assert status["status"] == "queued"
    # The broker is back: the sweep queues it again.
    with mock.patch("reports.tasks.report_generate_task.delay") as delay:
        assert report_requeue_stale(older_than_seconds=0) == 1
    delay.assert_called_once_with(created.json()["id"])


def test_the_requeue_sweep_is_in_the_beat_schedule():
    from django_celery_beat.models import PeriodicTask

    assert PeriodicTask.objects.filter(
        task="reports.tasks.report_requeue_stale_task", enabled=True
    ).exists()


def test_a_report_whose_file_is_gone_is_a_404_with_a_message(
    api, client, alice, fake_document, django_capture_on_commit_callbacks, caplog
):
    api_client = api.as_(alice)
    body = {"kind": "annual", "year": 2026, "format": "csv"}
    created = _request(api_client, django_capture_on_commit_callbacks, body)
    report = Report.objects.get(pk=created.json()["id"])
    url = f"/api/v1/reports/{report.pk}/download/"
    assert api_client.get(url).status_code == 200
    report.file.storage.delete(report.file.name)
    with caplog.at_level(logging.WARNING, logger="common.files"):
        response = api_client.get(url)
    assert response.status_code == 404
    assert response.json()["code"] == "file_missing"
    assert "Request the report again" in response.json()["detail"]
    assert any(report.file.name in r.getMessage() for r in caplog.records)
    # The reports page links to the same download; a browser session gets it too.
    client.force_login(alice)
    assert url in client.get("/reports/").content.decode()
    page = client.get(url)
    assert page.status_code == 404 and "Request the report again" in page.json()["detail"]


def test_reports_filter_by_their_file_format(api, alice, django_capture_on_commit_callbacks):
    # ?format= is the list's filter here, not DRF's choice of renderer.
    client = api.as_(alice)
    for fmt in ("csv", "xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/api/v1/reports/", {"kind": "annual", "year": 2026, "format": fmt})
    response = client.get("/api/v1/reports/?format=csv")
    assert response.status_code == 200
    assert [row["format"] for row in response.json()["results"]] == ["csv"]
