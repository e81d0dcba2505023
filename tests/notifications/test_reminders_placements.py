"""Placement reminders: who gets them, and when."""

import datetime as dt

import pytest
from django.core import mail

from accounts.access import Role
from notifications.models import Notification, ReminderDelivery
from tests.accounts.factories import UserFactory
from tests.notifications.conftest import TODAY
from tests.notifications.factories import planned_placement

pytestmark = pytest.mark.django_db


def received(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind))


def test_an_uninsured_placement_starting_within_7_days_reminds_supervisor_and_admins(
    run, alice, tom, lily
):
    placement = planned_placement(
        supervisor=tom, starts_on=TODAY + dt.timedelta(days=6), insurance_policy=""
    )
    run()
    for user in (tom, alice):
        [notification] = received(user, "placement_unprepared")
        assert notification.object_id == placement.pk
        assert "insurance" in notification.body
    assert received(lily, "placement_unprepared") == []
    assert sorted(m.to[0] for m in mail.outbox) == [alice.email, tom.email]


def test_an_unsigned_placement_is_reminded_and_a_ready_one_is_not(run, alice, tom):
    unsigned = planned_placement(
        supervisor=tom, starts_on=TODAY + dt.timedelta(days=2), agreement_signed=False
    )
    planned_placement(supervisor=tom, starts_on=TODAY + dt.timedelta(days=2))  # ready
    planned_placement(  # uninsured but 8 days away: not yet
        supervisor=tom, starts_on=TODAY + dt.timedelta(days=8), insurance_policy=""
    )
    run()
    [notification] = received(tom, "placement_unprepared")
    assert notification.object_id == unsigned.pk
    assert "tripartite agreement" in notification.body


def test_insurance_ending_before_the_placement_counts_as_missing(run, tom):
    placement = planned_placement(
        supervisor=tom,
        starts_on=TODAY + dt.timedelta(days=3),
        ends_on=TODAY + dt.timedelta(days=90),
        insurance_expires_on=TODAY + dt.timedelta(days=30),
    )
    run()
    assert [n.object_id for n in received(tom, "placement_unprepared")] == [placement.pk]


def test_an_unprepared_placement_is_reminded_once_however_often_the_job_runs(run, alice, tom):
    planned_placement(supervisor=tom, starts_on=TODAY + dt.timedelta(days=7), insurance_policy="")
    for day in range(5):
        run(TODAY + dt.timedelta(days=day))
    assert len(received(tom, "placement_unprepared")) == 1
    assert len(received(alice, "placement_unprepared")) == 1
    assert len(mail.outbox) == 2


def test_a_placement_ended_7_days_ago_without_evaluation_reminds_supervisor_and_liaisons(
    run, alice, tom, lily, leo, enterprise
):
    placement = planned_placement(
        supervisor=tom,
        position__enterprise=enterprise,
        status="active",
        starts_on=TODAY - dt.timedelta(days=100),
        ends_on=TODAY - dt.timedelta(days=7),
    )
    run()
    for user in (tom, lily):
        [notification] = received(user, "placement_unevaluated")
        assert notification.object_id == placement.pk
    assert received(leo, "placement_unevaluated") == []
    assert received(alice, "placement_unevaluated") == []


def test_a_placement_ended_6_days_ago_or_terminated_is_not_reminded(run, tom, enterprise):
    planned_placement(
        supervisor=tom,
        status="completed",
        starts_on=TODAY - dt.timedelta(days=100),
        ends_on=TODAY - dt.timedelta(days=6),
    )
    planned_placement(
        supervisor=tom,
        status="terminated",
        starts_on=TODAY - dt.timedelta(days=100),
        ends_on=TODAY - dt.timedelta(days=7),
    )
    run()
    assert received(tom, "placement_unevaluated") == []


def test_a_missed_run_still_catches_an_unevaluated_placement_once(run, tom):
    planned_placement(
        supervisor=tom,
        status="completed",
        starts_on=TODAY - dt.timedelta(days=100),
        ends_on=TODAY - dt.timedelta(days=10),
    )
    run()
    run(TODAY + dt.timedelta(days=1))
    assert len(received(tom, "placement_unevaluated")) == 1


def test_an_inactive_supervisor_gets_nothing_but_the_administrators_do(run, alice):
    gone = UserFactory(role=Role.TEACHER, is_active=False)
    planned_placement(supervisor=gone, starts_on=TODAY, insurance_policy="")
    run()
    assert received(gone, "placement_unprepared") == []
    assert len(received(alice, "placement_unprepared")) == 1
    assert ReminderDelivery.objects.filter(recipient=gone).count() == 0


def evaluate(placement, side):
    from tests.internships.factories import EvaluationFactory

    EvaluationFactory(placement=placement, side=side)


def test_each_side_is_reminded_only_of_its_own_missing_evaluation(run, tom, lily, enterprise):
    ended = dict(
        supervisor=tom,
        position__enterprise=enterprise,
        status="completed",
        starts_on=TODAY - dt.timedelta(days=100),
        ends_on=TODAY - dt.timedelta(days=7),
    )
    school_done, enterprise_done, both_done = (planned_placement(**ended) for _ in range(3))
    evaluate(school_done, "school")
    evaluate(enterprise_done, "enterprise")
    evaluate(both_done, "school")
    evaluate(both_done, "enterprise")
    run()
    assert [n.object_id for n in received(tom, "placement_unevaluated")] == [enterprise_done.pk]
    assert [n.object_id for n in received(lily, "placement_unevaluated")] == [school_done.pk]
