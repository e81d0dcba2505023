"""Meetings (with the invite), idle committees and overdue action items."""

import datetime as dt

import pytest
from django.core import mail

from accounts.access import Role
from councils.models import ActionItem, Committee, Meeting
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.councils.factories import (
    ActionItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MembershipFactory,
    local_dt,
)
from tests.notifications.conftest import TODAY

pytestmark = pytest.mark.django_db

day = dt.timedelta(days=1)


def subjects(user, kind):
    return list(
        Notification.objects.filter(recipient=user, kind=kind)
        .order_by("id")
        .values_list("subject", flat=True)
    )


@pytest.fixture
def committee(db):
    return CommitteeFactory(name="Mechatronics Steering Committee")


def test_members_are_invited_7_days_and_1_day_before_a_meeting_with_the_ics(
    run, committee, tom, lily, alice
):
    MembershipFactory(committee=committee, user=tom)
    MembershipFactory(committee=committee, user=lily, affiliation="enterprise")
    MembershipFactory(committee=committee)  # no account: nobody to remind
    MembershipFactory(committee=committee, user=alice, term_end=TODAY)  # term over by then
    meeting = MeetingFactory(committee=committee, scheduled_at=local_dt(2026, 12, 8, 14))
    for offset in range(8):
        run(TODAY + offset * day, kinds=["meeting_upcoming"])
    for user in (tom, lily):
        assert subjects(user, "meeting_upcoming") == [
            "Meeting in 7 days: Mechatronics Steering Committee",
            "Meeting tomorrow: Mechatronics Steering Committee",
        ]
    assert subjects(alice, "meeting_upcoming") == []
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        [(name, content, mimetype)] = message.attachments
        assert mimetype == "text/calendar" and name.endswith(".ics")
        text = content.decode() if isinstance(content, bytes) else content
        assert "BEGIN:VEVENT" in text and str(meeting.uid) in text
        assert "Mechatronics Steering Committee" in message.body
    assert "2026-12-08 14:00" in Notification.objects.filter(recipient=tom).first().body


def test_a_missed_week_sends_only_the_1_day_invite(run, committee, tom):
    MembershipFactory(committee=committee, user=tom)
    MeetingFactory(committee=committee, scheduled_at=local_dt(2026, 12, 2, 9))
    run(kinds=["meeting_upcoming"])
    assert subjects(tom, "meeting_upcoming") == [
        "Meeting tomorrow: Mechatronics Steering Committee"
    ]


def test_cancelled_and_far_meetings_send_nothing(run, committee, tom):
    MembershipFactory(committee=committee, user=tom)
    MeetingFactory(
        committee=committee,
        scheduled_at=local_dt(2026, 12, 3, 9),
        status=Meeting.Status.CANCELLED,
    )
    MeetingFactory(committee=committee, scheduled_at=local_dt(2026, 12, 9, 9))  # 8 days
    run(kinds=["meeting_upcoming"])
    assert subjects(tom, "meeting_upcoming") == []


def test_a_committee_idle_for_a_year_reminds_the_administrators_once(run, committee, alice, tom):
    second_admin = UserFactory(role=Role.ADMINISTRATOR)
    MeetingFactory(
        committee=committee, scheduled_at=local_dt(2025, 11, 20), status=Meeting.Status.HELD
    )
    busy = CommitteeFactory(name="Logistics Steering Committee")
    MeetingFactory(committee=busy, scheduled_at=local_dt(2026, 6, 1), status=Meeting.Status.HELD)
    CommitteeFactory(name="New committee", established_on=TODAY - 100 * day)
    CommitteeFactory(name="Dissolved", status=Committee.Status.DISSOLVED)
    for offset in range(3):
        run(TODAY + offset * day, kinds=["committee_idle"])
    for admin in (alice, second_admin):
        assert subjects(admin, "committee_idle") == [
            "No meeting held for a year: Mechatronics Steering Committee"
        ]
    assert subjects(tom, "committee_idle") == []
    assert "2025-11-20" in Notification.objects.filter(recipient=alice).get().body


def test_an_idle_committee_that_meets_and_lapses_again_is_reminded_again(run, committee, alice):
    run(kinds=["committee_idle"])  # never met
    MeetingFactory(
        committee=committee, scheduled_at=local_dt(2026, 12, 2), status=Meeting.Status.HELD
    )
    run(TODAY + 10 * day, kinds=["committee_idle"])
    run(dt.date(2027, 12, 5), kinds=["committee_idle"])
    assert (
        subjects(alice, "committee_idle")
        == ["No meeting held for a year: Mechatronics Steering Committee"] * 2
    )


def test_an_overdue_action_item_reminds_its_owner_once(run, tom, lily):
    item = ActionItemFactory(owner=tom, due_on=TODAY - day, description="Draft the 2027 plan")
    ActionItemFactory(owner=lily, due_on=TODAY + 2 * day)  # not overdue yet
    ActionItemFactory(owner=lily, due_on=TODAY - day, status=ActionItem.Status.DONE)
    run(kinds=["action_item_overdue"])
    run(TODAY + day, kinds=["action_item_overdue"])
    assert subjects(tom, "action_item_overdue") == ["Overdue action item: Draft the 2027 plan"]
    assert subjects(lily, "action_item_overdue") == []
    [notification] = Notification.objects.filter(recipient=tom)
    assert notification.url == f"/councils/meetings/{item.meeting_id}/"


def test_a_meeting_moved_to_another_day_is_announced_again(run, committee, tom):
    MembershipFactory(committee=committee, user=tom)
    meeting = MeetingFactory(committee=committee, scheduled_at=local_dt(2026, 12, 6, 9))
    run(kinds=["meeting_upcoming"])
    run(TODAY + day, kinds=["meeting_upcoming"])
    Meeting.objects.filter(pk=meeting.pk).update(scheduled_at=local_dt(2026, 12, 9, 9))
    run(TODAY + 2 * day, kinds=["meeting_upcoming"])
    run(TODAY + 3 * day, kinds=["meeting_upcoming"])
    assert subjects(tom, "meeting_upcoming") == [
        "Meeting in 5 days: Mechatronics Steering Committee",
        "Meeting in 6 days: Mechatronics Steering Committee",
    ]


def test_a_meeting_that_has_begun_is_not_announced_by_a_late_run(run, committee, tom):
    from django.utils import timezone

    MembershipFactory(committee=committee, user=tom)
    begun = MeetingFactory(committee=committee, scheduled_at=timezone.now() - dt.timedelta(hours=1))
    later = MeetingFactory(committee=committee, scheduled_at=timezone.now() + dt.timedelta(hours=2))
    run(timezone.localdate(), kinds=["meeting_upcoming"])
    ids = set(Notification.objects.filter(recipient=tom).values_list("object_id", flat=True))
    assert ids == {later.pk} and begun.pk not in ids
