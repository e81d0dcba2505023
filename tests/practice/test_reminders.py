"""The practice reminders: due items found once, sent once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from common.workdays import workdays_between
from notifications.models import Notification
from practice import services
from practice.models import CheckIn, Journal
from practice.reminders import (
    find_checkins_missed,
    find_checkins_missed_3,
    find_journals_missing,
    find_journals_unreviewed,
)
from tests.practice.factories import current_placement, student_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def xiaoming():
    return student_user("xiaoming")


@pytest.fixture
def placement(xiaoming, tom):
    return current_placement(xiaoming, supervisor=tom)


def last_workday_before(day):
    return workdays_between(day - datetime.timedelta(days=14), day - datetime.timedelta(days=1))[-1]


def test_a_workday_without_check_in_reminds_the_student(xiaoming, placement):
    day = last_workday_before(timezone.localdate() - datetime.timedelta(days=1))
    due = list(find_checkins_missed(day))
    assert [(d.recipient, d.stage) for d in due] == [(xiaoming, f"day-{day.isoformat()}")]
    CheckIn.objects.create(placement=placement, date=day, at=timezone.now(), on_site=True)
    assert list(find_checkins_missed(day)) == []


def test_three_missed_workdays_remind_the_supervisor_once_per_run(xiaoming, tom, placement):
    today = timezone.localdate()
    due = list(find_checkins_missed_3(today))
    assert [d.recipient for d in due] == [tom]
    stage = due[0].stage
    # The next day the same run goes on: the same stage, so it is not sent again.
    assert [d.stage for d in find_checkins_missed_3(today + datetime.timedelta(days=1))] == [stage]
    # A check-in on the last workday ends the run.
    last = last_workday_before(today)
    CheckIn.objects.create(placement=placement, date=last, at=timezone.now(), on_site=True)
    assert list(find_checkins_missed_3(last + datetime.timedelta(days=1))) == []


def test_last_weeks_journal_missing_reminds_the_student(xiaoming, placement):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    due = list(find_journals_missing(today))
    assert [(d.recipient, d.stage) for d in due] == [(xiaoming, f"week-{monday.isoformat()}")]
    journal = services.journal_create(
        actor=xiaoming, placement=placement, kind="weekly",
        period_start=monday, period_end=monday + datetime.timedelta(days=6), text="实" * 400,
    )  # fmt: skip
    services.journal_submit(journal=journal, actor=xiaoming)
    assert list(find_journals_missing(today)) == []


def test_a_journal_waiting_a_week_reminds_the_supervisor_and_goes_out_once(
    xiaoming, tom, placement
):
    journal = services.journal_create(
        actor=xiaoming, placement=placement, kind="weekly",
        period_start=placement.starts_on, period_end=placement.starts_on, text="实" * 400,
    )  # fmt: skip
    services.journal_submit(journal=journal, actor=xiaoming)
    Journal.objects.filter(pk=journal.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=8)
    )
    today = timezone.localdate()
    assert [d.recipient for d in find_journals_unreviewed(today)] == [tom]
    call_command("send_reminders", "--kind", "journal_unreviewed", stdout=None)
    call_command("send_reminders", "--kind", "journal_unreviewed", stdout=None)
    assert Notification.objects.filter(kind="journal_unreviewed", recipient=tom).count() == 1
