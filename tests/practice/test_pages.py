"""The browser pages: the student's phone pages, the teacher's day, accounts."""

import datetime

import pytest
from django.utils import timezone

from practice import services
from practice.models import CheckIn, Journal, PasswordChangeRequired
from tests.accounts.factories import PASSWORD
from tests.internships.factories import StudentFactory
from tests.practice.factories import NEAR, current_placement, student_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def xiaoming(tom):
    user = student_user("xiaoming")
    current_placement(user, supervisor=tom)
    return user


def test_the_student_checks_in_from_todays_card(client, xiaoming):
    client.force_login(xiaoming)
    page = client.get("/practice/me/")
    assert page.status_code == 200
    assert b'rel="manifest"' in page.content and b"checkin-button" in page.content
    response = client.post(
        "/practice/me/", {"lat": NEAR[0], "lng": NEAR[1], "accuracy_m": 15, "reason": ""}
    )
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert checkin.on_site and checkin.date == timezone.localdate()
    again = client.get("/practice/me/")
    assert b"checkin-state" in again.content


def test_an_off_site_check_in_without_reason_is_shown_the_rule(client, xiaoming):
    client.force_login(xiaoming)
    response = client.post("/practice/me/", {"lat": 30, "lng": 120, "accuracy_m": 15})
    assert response.status_code == 200
    assert "say why" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_student_pages_answer(client, xiaoming):
    client.force_login(xiaoming)
    for path in (
        "/",
        "/practice/me/journals/",
        "/practice/me/journals/new/",
        "/practice/me/report/",
        "/practice/me/grade/",
        "/practice/me/data/",
        "/practice/me/incident/",
        "/practice/manifest.webmanifest",
    ):
        assert client.get(path).status_code == 200, path
    manifest = client.get("/practice/manifest.webmanifest").json()
    assert manifest["start_url"] == "/practice/me/" and len(manifest["icons"]) >= 2
    # Staff pages are not theirs.
    for path in ("/practice/day/", "/practice/accounts/", "/internships/placements/"):
        assert client.get(path).status_code == 403, path


def test_a_journal_is_written_and_handed_in(client, xiaoming):
    client.force_login(xiaoming)
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    data = {
        "kind": "weekly",
        # A week of the internship (it started 30 days ago).
        "period_start": (monday - datetime.timedelta(days=7)).isoformat(),
        "period_end": (monday - datetime.timedelta(days=1)).isoformat(),
        "text": "实习" * 250,
        "submit": "1",
    }
    assert client.post("/practice/me/journals/new/", data).status_code == 302
    assert Journal.objects.get().status == "submitted"


def test_the_teachers_day_lists_what_waits(client, tom, xiaoming):
    placement = xiaoming.student_record.placements.get()
    journal = services.journal_create(
        actor=xiaoming,
        placement=placement,
        kind="weekly",
        period_start=placement.starts_on,
        period_end=placement.starts_on,
        text="实习" * 250,
    )
    services.journal_submit(journal=journal, actor=xiaoming)
    client.force_login(tom)
    page = client.get("/practice/day/")
    assert page.status_code == 200
    content = page.content.decode()
    assert f"/api/v1/journals/{journal.pk}/" in content
    # Nobody checked in for 30 days: the student has missed 3+ workdays.
    assert xiaoming.student_record.name in content
    assert client.get("/practice/grades/export.csv").status_code == 200
    assert client.get("/practice/grades/export.xlsx").status_code == 200
    assert client.get(f"/practice/placements/{placement.pk}/grade/").status_code == 200


def test_cohort_accounts_show_the_passwords_once_and_force_a_change(client, alice):
    students = StudentFactory.create_batch(3, cohort=2023)
    client.force_login(alice)
    response = client.post("/practice/accounts/", {"cohort": 2023})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.content.decode().count("<code>") == 3
    student = students[0]
    student.refresh_from_db()
    assert PasswordChangeRequired.objects.filter(user=student.user).exists()
    # The account is held at the password page until the student sets one.
    client.logout()
    client.force_login(student.user)
    assert client.get("/practice/me/")["Location"] == "/practice/password/"
    initial = response.content.decode().split("<code>")[1].split("</code>")[0]
    changed = client.post(
        "/practice/password/",
        {"old_password": initial, "new_password1": PASSWORD + "x", "new_password2": PASSWORD + "x"},
    )
    assert changed.status_code == 302, changed.content
    assert not PasswordChangeRequired.objects.filter(user=student.user).exists()
    assert client.get("/practice/me/").status_code == 200
    # A second run makes no new accounts.
    client.force_login(alice)
    again = client.post("/practice/accounts/", {"cohort": 2023})
    assert again.content.decode().count("<code>") == 0


def test_the_liaison_sees_todays_check_ins(client, lily, enterprise):
    user = student_user("xiaohong")
    current_placement(user, enterprise=enterprise)
    client.force_login(lily)
    page = client.get("/practice/check-ins/today/")
    assert page.status_code == 200 and "Wang xiaohong" in page.content.decode()
