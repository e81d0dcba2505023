"""E-mail choices applied to reminders; the commands; the daily schedule."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from notifications.models import Notification, ReminderDelivery
from notifications.services import notification_preference_set, notification_send
from tests.notifications.conftest import TODAY
from tests.notifications.factories import planned_placement

pytestmark = pytest.mark.django_db


def test_a_user_who_switched_a_kind_off_gets_it_in_app_only(run, alice, tom):
    notification_preference_set(user=tom, kind="placement_unprepared", email=False)
    planned_placement(supervisor=tom, starts_on=TODAY + dt.timedelta(days=1), insurance_policy="")
    run()
    assert Notification.objects.filter(recipient=tom, kind="placement_unprepared").count() == 1
    assert ReminderDelivery.objects.get(recipient=tom).status == "skipped"
    assert [m.to for m in mail.outbox] == [[alice.email]]


def test_other_kinds_still_arrive_by_email(run, tom):
    notification_preference_set(user=tom, kind="placement_unevaluated", email=False)
    planned_placement(supervisor=tom, starts_on=TODAY + dt.timedelta(days=1), insurance_policy="")
    run()
    assert [m.to for m in mail.outbox] == [[tom.email]]


def test_immediate_notifications_respect_the_choice_too(
    tom, alice, django_capture_on_commit_callbacks
):
    notification_preference_set(user=tom, kind="placement_unprepared", email=False)
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[tom, alice], kind="placement_unprepared", subject="Now")
    assert Notification.objects.count() == 2
    assert [m.to for m in mail.outbox] == [[alice.email]]


def test_send_reminders_runs_for_a_given_date_and_again_sends_nothing(tom, alice):
    planned_placement(supervisor=tom, starts_on=dt.date(2027, 3, 3), insurance_policy="")
    out = StringIO()
    call_command("send_reminders", "--date", "2027-03-01", stdout=out)
    assert "placement_unprepared: 2 sent" in out.getvalue()
    assert Notification.objects.count() == 2
    out = StringIO()
    call_command("send_reminders", "--date", "2027-03-02", stdout=out)
    assert "placement_unprepared: 0 sent" in out.getvalue()
    assert Notification.objects.count() == 2


def test_send_reminders_refuses_a_bad_date():
    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "2027-02-30")


def test_roll_statuses_runs_for_a_given_date():
    out = StringIO()
    call_command("roll_statuses", "--date", "2027-03-01", stdout=out)
    assert "statuses rolled for 2027-03-01" in out.getvalue()


def test_the_daily_jobs_are_in_the_database_schedule():
    from django_celery_beat.models import PeriodicTask

    jobs = {t.task: t for t in PeriodicTask.objects.select_related("crontab")}
    for task in (
        "notifications.tasks.reminders_send_task",
        "partnerships.tasks.statuses_roll_task",
    ):
        assert jobs[task].enabled
        assert str(jobs[task].crontab.timezone) == "Asia/Shanghai"
        assert jobs[task].crontab.hour == "6"
    sweep = PeriodicTask.objects.get(task="notifications.tasks.reminder_emails_requeue_task")
    assert sweep.interval.every == 15 and sweep.interval.period == "minutes"


def test_the_beat_job_queues_one_task_per_kind(tom, settings):
    from notifications.tasks import reminders_send_task

    planned_placement(supervisor=tom, starts_on=TODAY + dt.timedelta(days=1), insurance_policy="")
    kinds = reminders_send_task.delay(TODAY.isoformat()).get()
    assert "placement_unprepared" in kinds
    assert Notification.objects.filter(recipient=tom).count() == 1


def test_a_broker_outage_at_commit_keeps_the_claims_for_the_sweep(
    tom, settings, caplog, django_capture_on_commit_callbacks
):
    from unittest import mock

    from notifications import services

    settings.CELERY_TASK_ALWAYS_EAGER = False
    planned_placement(supervisor=tom, starts_on=TODAY + dt.timedelta(days=1), insurance_policy="")
    with mock.patch(
        "notifications.tasks.reminder_email_task.delay", side_effect=ConnectionError("down")
    ):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.reminder_kind_send(kind="placement_unprepared", today=TODAY) == 1
    assert "could not queue 1 reminder e-mails" in caplog.text
    assert ReminderDelivery.objects.get().status == "claimed"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert services.reminder_emails_requeue(older_than=dt.timedelta(0)) == 1
    assert [m.to for m in mail.outbox] == [[tom.email]]
