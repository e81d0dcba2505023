import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.models import ActionItem, CharterVersion, Committee, Meeting, Membership
from tests.councils.factories import (
    ActionItemFactory,
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    MembershipFactory,
)
from tests.partnerships.factories import MajorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def teacher_client(client, tom):
    client.force_login(tom)
    return client


def test_the_list_shows_last_met_and_flags_overdue_committees(admin_client):
    stale = CommitteeFactory(name="Stale committee")
    MeetingFactory(
        committee=stale, status="held", scheduled_at=timezone.now() - datetime.timedelta(days=400)
    )
    fresh = CommitteeFactory(name="Fresh committee")
    MeetingFactory(
        committee=fresh, status="held", scheduled_at=timezone.now() - datetime.timedelta(days=10)
    )
    page = admin_client.get("/councils/").content.decode()
    assert "Stale committee" in page and "Fresh committee" in page
    assert page.count("Yearly meeting overdue") == 1
    overdue = admin_client.get("/councils/?overdue=true").content.decode()
    assert "Stale committee" in overdue and "Fresh committee" not in overdue
    assert "1 row" in overdue
    sorted_page = admin_client.get("/councils/?sort=-name").content.decode()
    assert sorted_page.index("Stale committee") < sorted_page.index("Fresh committee")
    assert admin_client.get("/councils/?major=abc&sort=bogus&page=x").status_code == 200


def test_a_teacher_reads_the_pages_but_gets_no_forms(teacher_client):
    committee = CommitteeFactory()
    meeting = MeetingFactory(committee=committee)
    assert teacher_client.get("/councils/").status_code == 200
    page = teacher_client.get(f"/councils/committees/{committee.pk}/").content.decode()
    assert "Add member" not in page
    assert teacher_client.get(f"/councils/meetings/{meeting.pk}/").status_code == 200
    assert teacher_client.get("/councils/committees/new/").status_code == 403
    assert teacher_client.post(f"/councils/meetings/{meeting.pk}/cancel/").status_code == 403


def test_liaisons_and_reporters_do_not_get_the_pages(client, lily, rita):
    for user in (lily, rita):
        client.force_login(user)
        assert client.get("/councils/").status_code == 403


def test_an_administrator_establishes_a_committee_and_sees_rule_errors(admin_client):
    major = MajorFactory()
    response = admin_client.post(
        "/councils/committees/new/",
        {"kind": "steering", "name": "PSC", "established_on": "2026-01-05"},
    )
    assert response.status_code == 200
    assert "belongs to a major" in response.content.decode()
    response = admin_client.post(
        "/councils/committees/new/",
        {"kind": "steering", "name": "PSC", "major": major.pk, "established_on": "2026-01-05"},
    )
    committee = Committee.objects.get(name="PSC")
    assert response["Location"] == f"/councils/committees/{committee.pk}/"


def test_the_committee_page_shows_members_mix_charter_meetings_and_open_items(
    admin_client, enterprise
):
    committee = CommitteeFactory(name="PSC Robotics")
    chair = MembershipFactory(committee=committee, name="Prof. Chen", role="chair")
    MembershipFactory(
        committee=committee,
        name="Engineer Sun",
        affiliation="enterprise",
        category="enterprise_technician",
        enterprise=enterprise,
    )
    meeting = MeetingFactory(committee=committee, status="held", minutes="M")
    meeting.attendees.set([chair])
    CharterVersion.objects.create(
        committee=committee,
        version=1,
        text="Article 1",
        adopted_at_meeting=meeting,
        adopted_on=meeting.local_date,
    )
    ActionItemFactory(meeting=meeting, description="Revise the curriculum")
    page = admin_client.get(f"/councils/committees/{committee.pk}/").content.decode()
    for text in (
        "Prof. Chen",
        "Engineer Sun",
        "Enterprise technician",
        "Article 1",
        "Revise the curriculum",
        "Version 1",
    ):
        assert text in page
    assert "needs members from both" not in page


def test_the_page_warns_about_an_incomplete_steering_committee(admin_client):
    committee = CommitteeFactory()
    MembershipFactory(committee=committee)
    page = admin_client.get(f"/councils/committees/{committee.pk}/").content.decode()
    assert "needs members from both the school and enterprises" in page


def test_adding_a_second_chair_shows_the_rule_next_to_the_role(admin_client):
    committee = CommitteeFactory()
    MembershipFactory(committee=committee, role="chair")
    body = {
        "name": "Prof. Wu",
        "affiliation": "school",
        "category": "professional_leader",
        "role": "chair",
        "term_start": "2025-01-01",
    }
    url = f"/councils/committees/{committee.pk}/members/new/"
    response = admin_client.post(url, body)
    assert response.status_code == 200 and "already has a chair" in response.content.decode()
    response = admin_client.post(url, {**body, "role": "vice_chair"})
    assert response.status_code == 302
    assert Membership.objects.filter(committee=committee).count() == 2


def test_attendance_is_taken_with_the_checkbox_list(admin_client):
    council = CouncilFactory()
    members = [MembershipFactory(committee=council, name=f"Member {i}") for i in range(3)]
    MembershipFactory(committee=council, name="Gone", term_end=datetime.date(2024, 1, 1))
    meeting = MeetingFactory(committee=council, kind="annual")
    page = admin_client.get(f"/councils/meetings/{meeting.pk}/").content.decode()
    assert page.count('type="checkbox" name="attendees"') == 3 and "Gone" not in page
    url = f"/councils/meetings/{meeting.pk}/hold/"
    body = {"attendees": [m.pk for m in members[:2]], "minutes": "Agreed the plan"}
    refused = admin_client.post(url, body)
    assert refused.status_code == 200
    assert "records next year" in refused.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"
    held = admin_client.post(url, {**body, "work_plan": "2027 plan"})
    assert held.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.quorate is True
    assert meeting.attendees.count() == 2


def test_action_items_are_added_and_completed_from_the_meeting_page(admin_client, tom):
    meeting = MeetingFactory(status="held", minutes="M")
    due = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    response = admin_client.post(
        f"/councils/meetings/{meeting.pk}/actions/new/",
        {"description": "Sign the order-class agreement", "owner": tom.pk, "due_on": due},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    admin_client.post(f"/councils/actions/{item.pk}/complete/")
    assert ActionItem.objects.get().status == "done"


def test_meetings_are_scheduled_cancelled_and_downloaded(admin_client):
    committee = CommitteeFactory()
    response = admin_client.post(
        f"/councils/committees/{committee.pk}/meetings/new/",
        {
            "kind": "regular",
            "scheduled_at": "2027-03-01T09:30",
            "duration_minutes": 120,
            "location": "R301",
            "agenda": "Plan",
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == f"/councils/meetings/{meeting.pk}/"
    assert timezone.localtime(meeting.scheduled_at).hour == 9
    ics = admin_client.get(f"/councils/meetings/{meeting.pk}/invite.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    admin_client.post(f"/councils/meetings/{meeting.pk}/cancel/", {"reason": "Clash"})
    assert Meeting.objects.get().status == "cancelled"


def test_a_charter_is_adopted_at_a_held_meeting(admin_client):
    committee = CommitteeFactory()
    meeting = MeetingFactory(committee=committee, status="held", minutes="M")
    response = admin_client.post(
        f"/councils/committees/{committee.pk}/charter/new/",
        {"adopted_at_meeting": meeting.pk, "text": "Article 1. Purpose."},
    )
    assert response.status_code == 302
    assert CharterVersion.objects.get().version == 1


def test_the_dashboard_lists_overdue_committees_and_next_meetings(admin_client):
    CommitteeFactory(name="Never met")
    soon = MeetingFactory(scheduled_at=timezone.now() + datetime.timedelta(days=3))
    page = admin_client.get("/").content.decode()
    assert "Never met" in page and soon.committee.name in page


# -- query counts -------------------------------------------------------------


def _grow_committees(n):
    for _ in range(n):
        committee = CommitteeFactory()
        MembershipFactory.create_batch(2, committee=committee)
        MeetingFactory(committee=committee, status="held")


def test_the_list_costs_the_same_queries_for_5_and_50_rows(admin_client, django_assert_num_queries):
    _grow_committees(5)
    # session, user, groups, count, unread notifications, the majors of the
    # filter, page
    with django_assert_num_queries(7):
        admin_client.get("/councils/?page_size=50")
    _grow_committees(45)
    with django_assert_num_queries(7):
        assert "50 rows" in admin_client.get("/councils/?page_size=50").content.decode()


def test_the_committee_page_costs_the_same_for_5_and_50_members_and_meetings(
    admin_client, django_assert_num_queries, enterprise
):
    committee = CommitteeFactory()

    def grow(n):
        for _ in range(n):
            member = MembershipFactory(
                committee=committee, affiliation="enterprise", enterprise=enterprise
            )
            meeting = MeetingFactory(committee=committee, status="held")
            meeting.attendees.add(member)
            ActionItemFactory(meeting=meeting)

    grow(5)
    # session, user, groups, unread notifications, committee, members, the
    # mix, charters, meetings, open items
    with django_assert_num_queries(10):
        admin_client.get(f"/councils/committees/{committee.pk}/")
    grow(45)
    with django_assert_num_queries(10):
        admin_client.get(f"/councils/committees/{committee.pk}/")


def test_the_meeting_page_costs_the_same_for_5_and_50_members(
    admin_client, django_assert_num_queries
):
    meeting = MeetingFactory(status="held", minutes="M")

    def grow(n):
        for _ in range(n):
            member = MembershipFactory(committee=meeting.committee)
            meeting.attendees.add(member)
            ActionItemFactory(meeting=meeting)

    grow(5)
    # session, user, groups, unread notifications, meeting, attendees, current
    # members (count, checkboxes), action items, charters, audit history
    with django_assert_num_queries(11):
        admin_client.get(f"/councils/meetings/{meeting.pk}/")
    grow(45)
    with django_assert_num_queries(11):
        admin_client.get(f"/councils/meetings/{meeting.pk}/")


def test_an_action_item_is_edited_and_reopened(admin_client):
    item = ActionItemFactory(status="done")
    url = f"/councils/actions/{item.pk}/edit/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {"description": "Updated", "due_on": "1999-01-01", "status": "open"},
    )
    assert response.status_code == 200 and "cannot be due before" in response.content.decode()
    due = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = admin_client.post(url, {"description": "Updated", "due_on": due, "status": "open"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.description == "Updated" and item.status == "open"


def test_the_dashboard_block_costs_the_same_for_5_and_50_committees(
    admin_client, django_assert_num_queries
):
    def grow(n):
        for _ in range(n):
            MeetingFactory(scheduled_at=timezone.now() + datetime.timedelta(days=3))

    grow(5)
    admin_client.get("/")
    # Other areas add their own cards to the home page, so compare with the
    # small case rather than pin a number here.
    with CaptureQueriesContext(connection) as small:
        admin_client.get("/")
    grow(45)
    # the same queries: the overdue committees and the next meetings are one
    # query each, whatever their number
    with django_assert_num_queries(len(small.captured_queries)):
        page = admin_client.get("/").content.decode()
    assert "Next committee meetings" in page


def test_the_dashboard_lists_meetings_whose_record_is_missing(admin_client):
    past = MeetingFactory(committee__name="Forgot the minutes")
    page = admin_client.get("/").content.decode()
    assert "Meetings awaiting their record" in page and "Forgot the minutes" in page
    assert f"/councils/meetings/{past.pk}/" in page
