"""The reports page: request a report, follow its status, download it."""

import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.settings import api_settings

from reports.models import Report
from tests.partnerships.factories import MajorFactory
from tests.reports.factories import ReportFactory, sample_document

pytestmark = pytest.mark.django_db
URL = "/reports/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_page_is_for_administrators(client, tom, lily, rita):
    assert reverse("reports:index") == URL
    for user in (tom, lily, rita):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_an_administrator_requests_a_report_and_gets_a_download_link(
    client, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with mock.patch("reports.documents.build_document", return_value=sample_document()):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, {"kind": "annual", "year": "2026", "format": "xlsx"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.requested_by, report.status) == (alice, "done")
    page = client.get(URL).content.decode()
    assert reverse("api:report-download", kwargs={"pk": report.pk}) in page
    assert "data-pending-report" not in page
    download = client.get(reverse("api:report-download", kwargs={"pk": report.pk}))
    assert download.status_code == 200


def test_a_pending_report_makes_the_page_poll_without_inline_script(client, alice):
    ReportFactory(requested_by=alice)
    client.force_login(alice)
    page = client.get(URL).content.decode()
    assert "data-pending-report" in page
    assert "reports/reports.js" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "style=" not in page


def test_a_subject_report_needs_a_matching_subject(client, alice):
    major = MajorFactory()
    client.force_login(alice)
    missing = client.post(URL, {"kind": "major", "year": "2026", "format": "csv"})
    assert missing.status_code == 200
    assert "Choose the major" in missing.content.decode()
    wrong = client.post(
        URL, {"kind": "enterprise", "year": "2026", "format": "csv", "subject": f"major:{major.pk}"}
    )
    assert wrong.status_code == 200
    assert not Report.objects.exists()
    made = client.post(
        URL, {"kind": "major", "year": "2026", "format": "csv", "subject": f"major:{major.pk}"}
    )
    assert made.status_code == 302
    assert Report.objects.get().subject_id == major.pk


def test_the_page_applies_the_request_limit(client, alice, monkeypatch):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "reports", "1/hour")
    client.force_login(alice)
    body = {"kind": "annual", "year": "2026", "format": "json"}
    assert client.post(URL, body).status_code == 302
    refused = client.post(URL, body)
    assert refused.status_code == 429
    assert Report.objects.count() == 1


def test_the_page_costs_the_same_for_few_and_many_reports(client, alice, django_assert_num_queries):
    client.force_login(alice)
    ReportFactory(requested_by=alice)
    client.get(URL)
    # session, user, groups (role), majors and enterprises (and education groups)
    # for the subject select, count and page of reports, unread notifications.
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(URL)
    ReportFactory.create_batch(30, requested_by=alice)
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(URL).status_code == 200


PAGE_QUERIES = 9
