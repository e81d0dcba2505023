import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from common.exceptions import RuleError
from councils import services
from councils.models import ActionItem, Committee, Meeting, Membership
from councils.selectors import committee_composition, committee_list_with_last_meeting
from tests.councils.factories import (
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    MembershipFactory,
)
from tests.partnerships.factories import MajorFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def rule(code):
    return pytest.raises(RuleError, match="") if code is None else _Rule(code)


class _Rule:
    def __init__(self, code):
        self.code = code

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        assert exc_type is RuleError, f"expected RuleError {self.code}, got {exc_type}"
        assert exc.code == self.code, exc.code
        return True


# -- committees ---------------------------------------------------------------


def test_a_steering_committee_needs_a_major_and_a_council_has_none():
    major = MajorFactory()
    with rule("major_required"):
        services.committee_create(kind="steering", name="PSC", established_on=TODAY)
    created = services.committee_create(
        kind="steering", name="PSC", established_on=TODAY, major=major
    )
    assert created.status == Committee.Status.ACTIVE
    with rule("major_not_allowed"):
        services.committee_create(kind="council", name="C", established_on=TODAY, major=major)


def test_the_database_refuses_a_steering_committee_without_a_major():
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.create(kind="steering", name="X", established_on=TODAY)


def test_only_one_active_council():
    first = services.committee_create(kind="council", name="Council", established_on=TODAY)
    with rule("council_exists"):
        services.committee_create(kind="council", name="Council 2", established_on=TODAY)
    services.committee_dissolve(committee=first, dissolved_on=TODAY)
    second = services.committee_create(kind="council", name="Council 2", established_on=TODAY)
    assert second.is_active
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.create(kind="council", name="Council 3", established_on=TODAY)


def test_one_steering_committee_per_major():
    major = MajorFactory()
    first = services.committee_create(kind="steering", name="A", established_on=TODAY, major=major)
    with rule("major_has_committee"):
        services.committee_create(kind="steering", name="B", established_on=TODAY, major=major)
    other = services.committee_create(
        kind="steering", name="B", established_on=TODAY, major=MajorFactory()
    )
    with rule("major_has_committee"):
        services.committee_update(committee=other, major=major)
    services.committee_dissolve(committee=first)
    assert services.committee_update(committee=other, major=major).major == major


def test_dissolving_cancels_planned_meetings():
    committee = CommitteeFactory()
    planned = MeetingFactory(
        committee=committee, scheduled_at=timezone.now() + datetime.timedelta(days=5)
    )
    services.committee_dissolve(committee=committee)
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.CANCELLED and planned.sequence == 1
    with rule("committee_dissolved"):
        services.committee_dissolve(committee=committee)
    with rule("committee_dissolved"):
        services.meeting_schedule(committee=committee, scheduled_at=timezone.now())


# -- memberships --------------------------------------------------------------


def _add(committee, **kwargs):
    values = {
        "name": "Zhang Wei",
        "affiliation": "school",
        "category": "professional_leader",
        "term_start": datetime.date(2024, 1, 1),
    }
    values.update(kwargs)
    return services.membership_add(committee=committee, **values)


def test_one_chair_at_a_time():
    committee = CommitteeFactory()
    chair = _add(committee, role="chair", term_end=datetime.date(2026, 12, 31))
    with rule("chair_taken"):
        _add(committee, name="Li Na", role="chair", term_start=datetime.date(2026, 6, 1))
    # A chair for the next term, once the current one's ends, is fine.
    successor = _add(committee, name="Li Na", role="chair", term_start=datetime.date(2027, 1, 1))
    member = _add(committee, name="Wang Qiang")
    with rule("chair_taken"):
        services.membership_update(membership=member, role="chair")
    services.membership_end(membership=chair, term_end=datetime.date(2026, 5, 31))
    services.membership_update(membership=successor, term_start=datetime.date(2026, 6, 1))
    assert Membership.objects.get(pk=successor.pk).term_start == datetime.date(2026, 6, 1)


def test_the_database_refuses_a_second_open_ended_chair():
    committee = CommitteeFactory()
    MembershipFactory(committee=committee, role="chair")
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(committee=committee, role="chair")


@pytest.mark.postgres
def test_postgres_refuses_overlapping_chair_terms():
    committee = CommitteeFactory()
    MembershipFactory(committee=committee, role="chair", term_end=datetime.date(2026, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(committee=committee, role="chair", term_start=datetime.date(2026, 6, 1))
    MembershipFactory(committee=committee, role="chair", term_start=datetime.date(2027, 1, 1))


def test_an_enterprise_member_names_the_enterprise_and_its_contact(enterprise, other_enterprise):
    from tests.partnerships.factories import EnterpriseContactFactory

    committee = CommitteeFactory()
    with rule("enterprise_required"):
        _add(committee, affiliation="enterprise", category="enterprise_technician")
    contact = EnterpriseContactFactory(enterprise=enterprise)
    with rule("contact_enterprise_mismatch"):
        _add(committee, affiliation="enterprise", enterprise=other_enterprise, contact=contact)
    member = _add(committee, affiliation="enterprise", contact=contact)
    assert member.enterprise == enterprise


def test_a_term_cannot_end_before_it_starts():
    committee = CommitteeFactory()
    with rule("term_dates"):
        _add(committee, term_end=datetime.date(2023, 1, 1))
    member = _add(committee, term_end=datetime.date(2025, 1, 1))
    with rule("membership_ended"):
        services.membership_end(membership=member, term_end=datetime.date(2025, 6, 1))
    with rule("term_dates"):
        services.membership_end(membership=member, term_end=datetime.date(2023, 6, 1))


def test_a_user_sits_on_a_committee_once_per_term(tom):
    committee = CommitteeFactory()
    _add(committee, user=tom, term_end=datetime.date(2025, 12, 31))
    with rule("already_member"):
        _add(committee, user=tom, term_start=datetime.date(2025, 6, 1))
    assert _add(committee, user=tom, term_start=datetime.date(2026, 1, 1)).user == tom


# -- meetings -----------------------------------------------------------------


@pytest.fixture
def board():
    """A steering committee with four current members and one former."""
    committee = CommitteeFactory()
    members = [MembershipFactory(committee=committee) for _ in range(4)]
    former = MembershipFactory(committee=committee, term_end=datetime.date(2024, 1, 1))
    meeting = MeetingFactory(committee=committee)
    return committee, members, former, meeting


def test_attendees_must_be_current_members_of_that_committee(board):
    committee, members, former, meeting = board
    outsider = MembershipFactory()  # another committee
    for wrong in (former, outsider):
        with rule("attendee_not_member"):
            services.meeting_hold(meeting=meeting, minutes="M", attendees=[members[0], wrong])
    held = services.meeting_hold(meeting=meeting, minutes="M", attendees=members[:3])
    assert held.status == Meeting.Status.HELD
    assert set(held.attendees.all()) == set(members[:3])


def test_a_member_whose_term_starts_after_the_meeting_cannot_attend(board):
    committee, members, _former, meeting = board
    late = MembershipFactory(committee=committee, term_start=timezone.localdate())
    with rule("attendee_not_member"):
        services.meeting_hold(meeting=meeting, minutes="M", attendees=[late])


def test_quorum_is_more_than_half_of_the_current_members(board):
    committee, members, _former, meeting = board
    half = services.meeting_hold(meeting=meeting, minutes="M", attendees=members[:2])
    assert half.quorate is False
    more = services.meeting_hold(meeting=meeting, minutes="M", attendees=members[:3])
    assert more.quorate is True


def test_holding_needs_minutes_attendees_and_a_past_date(board):
    committee, members, _former, meeting = board
    with rule("minutes_required"):
        services.meeting_hold(meeting=meeting, minutes=" ", attendees=members)
    with rule("attendees_required"):
        services.meeting_hold(meeting=meeting, minutes="M", attendees=[])
    future = MeetingFactory(
        committee=committee, scheduled_at=timezone.now() + datetime.timedelta(days=3)
    )
    with rule("meeting_in_future"):
        services.meeting_hold(meeting=future, minutes="M", attendees=members)
    assert services.meeting_hold(meeting=meeting, minutes="M", attendees=members).quorate


def test_the_councils_annual_meeting_records_next_years_work_plan():
    council = CouncilFactory()
    members = [MembershipFactory(committee=council) for _ in range(3)]
    annual = MeetingFactory(committee=council, kind=Meeting.Kind.ANNUAL)
    with rule("work_plan_required"):
        services.meeting_hold(meeting=annual, minutes="M", attendees=members)
    held = services.meeting_hold(
        meeting=annual, minutes="M", attendees=members, work_plan="2027: five new order classes"
    )
    assert held.work_plan.startswith("2027")
    with rule("work_plan_required"):
        services.meeting_update(meeting=held, work_plan="")
    # A steering committee's annual meeting has no such duty.
    steering = MeetingFactory(kind=Meeting.Kind.ANNUAL)
    member = MembershipFactory(committee=steering.committee)
    assert services.meeting_hold(meeting=steering, minutes="M", attendees=[member]).quorate


def test_only_a_planned_meeting_is_cancelled(board):
    committee, members, _former, meeting = board
    planned = MeetingFactory(committee=committee)
    cancelled = services.meeting_cancel(meeting=planned, reason="Chair ill")
    assert cancelled.status == Meeting.Status.CANCELLED and cancelled.sequence == 1
    with rule("meeting_not_planned"):
        services.meeting_cancel(meeting=cancelled)
    with rule("meeting_cancelled"):
        services.meeting_hold(meeting=cancelled, minutes="M", attendees=members)
    with rule("meeting_cancelled"):
        services.meeting_update(meeting=cancelled, location="Elsewhere")


def test_a_held_meeting_keeps_its_date_but_its_record_can_change(board):
    committee, members, _former, meeting = board
    services.meeting_hold(meeting=meeting, minutes="M", attendees=members)
    with rule("meeting_already_held"):
        services.meeting_update(meeting=meeting, scheduled_at=timezone.now())
    assert services.meeting_update(meeting=meeting, minutes="Corrected").minutes == "Corrected"


def test_rescheduling_bumps_the_invite_sequence(board):
    _committee, _members, _former, meeting = board
    moved = services.meeting_update(
        meeting=meeting, scheduled_at=meeting.scheduled_at + datetime.timedelta(hours=1)
    )
    assert moved.sequence == 1
    with rule("scheduled_at_invalid"):
        services.meeting_update(meeting=meeting, scheduled_at=datetime.datetime(2026, 1, 1))  # noqa: DTZ001 (naive on purpose)


# -- charters and action items ----------------------------------------------------


def test_charters_are_numbered_and_adopted_at_a_held_meeting(board):
    committee, members, _former, meeting = board
    with rule("meeting_not_held"):
        services.charter_adopt(committee=committee, text="Charter", meeting=meeting)
    services.meeting_hold(meeting=meeting, minutes="M", attendees=members)
    first = services.charter_adopt(committee=committee, text="Charter", meeting=meeting)
    second = services.charter_adopt(committee=committee, text="Charter v2", meeting=meeting)
    assert (first.version, second.version) == (1, 2)
    assert first.adopted_on == meeting.local_date
    other = MeetingFactory(status=Meeting.Status.HELD)
    with rule("meeting_other_committee"):
        services.charter_adopt(committee=committee, text="X", meeting=other)


def test_action_items_follow_a_held_meeting(board, tom):
    committee, members, _former, meeting = board
    due = timezone.localdate() + datetime.timedelta(days=10)
    with rule("meeting_not_held"):
        services.action_item_create(meeting=meeting, description="Do", due_on=due, owner=tom)
    services.meeting_hold(meeting=meeting, minutes="M", attendees=members)
    with rule("due_before_meeting"):
        services.action_item_create(
            meeting=meeting, description="Do", due_on=datetime.date(2000, 1, 1)
        )
    item = services.action_item_create(meeting=meeting, description="Do", due_on=due, owner=tom)
    done = services.action_item_complete(action_item=item)
    assert done.status == ActionItem.Status.DONE and done.completed_on == timezone.localdate()
    with rule("action_item_done"):
        services.action_item_complete(action_item=item)
    reopened = services.action_item_update(action_item=item, status="open")
    assert reopened.status == "open" and reopened.completed_on is None


# -- composition and overdue ------------------------------------------------------


def test_a_steering_committee_needs_school_and_enterprise_members(enterprise):
    committee = CommitteeFactory()
    MembershipFactory(committee=committee, affiliation="school")
    mix = committee_composition(committee)
    assert mix["ok"] is False and mix["missing"] == ["enterprise"]
    MembershipFactory(
        committee=committee,
        affiliation="enterprise",
        category="enterprise_technician",
        enterprise=enterprise,
    )
    mix = committee_composition(committee)
    assert mix["ok"] is True
    assert mix["by_affiliation"]["enterprise"] == 1
    assert mix["by_category"]["enterprise_technician"] == 1
    row = committee_list_with_last_meeting(Committee.objects.filter(pk=committee.pk)).get()
    assert row.composition_ok is True and row.member_count == 2


def test_a_committee_without_a_meeting_held_in_365_days_is_overdue():
    now = timezone.now()
    stale = CommitteeFactory()
    MeetingFactory(committee=stale, status="held", scheduled_at=now - datetime.timedelta(days=400))
    fresh = CommitteeFactory()
    MeetingFactory(committee=fresh, status="held", scheduled_at=now - datetime.timedelta(days=300))
    never = CommitteeFactory()
    new = CommitteeFactory(established_on=timezone.localdate() - datetime.timedelta(days=30))
    rows = {c.pk: c for c in committee_list_with_last_meeting(Committee.objects.all())}
    assert rows[stale.pk].overdue and rows[never.pk].overdue
    assert not rows[fresh.pk].overdue and not rows[new.pk].overdue
    assert rows[never.pk].last_met_at is None
    assert set(Committee.objects.overdue().values_list("pk", flat=True)) == {stale.pk, never.pk}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_chairs_appointed_at_once_leave_exactly_one():
    import threading

    from django.db import connection

    committee = CommitteeFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def appoint(name):
        try:
            barrier.wait()
            _add(committee, name=name, role="chair")
            outcomes.append("ok")
        except RuleError as exc:
            outcomes.append(exc.code)
        except IntegrityError:
            outcomes.append("integrity")
        finally:
            connection.close()

    threads = [threading.Thread(target=appoint, args=(n,)) for n in ("Chen", "Wu")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["chair_taken", "ok"]
    assert Membership.objects.filter(committee=committee, role="chair").count() == 1


def test_members_with_an_account_hear_of_a_scheduled_and_a_cancelled_meeting(
    tom, alice, mailoutbox, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    committee = CommitteeFactory()
    MembershipFactory(committee=committee, user=tom)
    MembershipFactory(committee=committee, user=alice, term_end=datetime.date(2024, 1, 1))
    MembershipFactory(committee=committee)  # no account
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_schedule(
            committee=committee, scheduled_at=timezone.now() + datetime.timedelta(days=9)
        )
        services.meeting_cancel(meeting=meeting, reason="Clash")
    kinds = list(Notification.objects.order_by("pk").values_list("recipient__username", "kind"))
    assert kinds == [("tom", "meeting_scheduled"), ("tom", "meeting_cancelled")]
    assert len(mailoutbox) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_councils_established_at_once_leave_exactly_one():
    import threading

    from django.db import connection

    barrier = threading.Barrier(2)
    outcomes = []

    def establish(name):
        try:
            barrier.wait()
            services.committee_create(kind="council", name=name, established_on=TODAY)
            outcomes.append("ok")
        except RuleError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=establish, args=(n,)) for n in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["council_exists", "ok"]
    assert Committee.objects.filter(kind="council").count() == 1
