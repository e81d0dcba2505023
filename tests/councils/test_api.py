import datetime

import pytest
from django.utils import timezone

from councils.models import Committee, Meeting, Membership
from councils.services import charter_adopt
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
def seated(enterprise):
    """A steering committee on which lily's enterprise has a seat."""
    committee = CommitteeFactory(name="PSC Robotics")
    MembershipFactory(committee=committee, name="Teacher Zhao", affiliation="school")
    MembershipFactory(
        committee=committee,
        name="Engineer Sun",
        affiliation="enterprise",
        category="enterprise_technician",
        enterprise=enterprise,
    )
    return committee


def test_an_administrator_creates_a_committee_with_status_active_by_default(api, alice):
    client = api.as_(alice)
    major = MajorFactory()
    created = client.post(
        "/api/v1/committees/",
        {
            "kind": "steering",
            "name": "PSC",
            "major": major.pk,
            "established_on": timezone.localdate().isoformat(),
        },
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert {"id", "kind", "name", "major", "established_on", "status"} <= set(data)
    assert data["status"] == "active" and data["overdue"] is False
    again = client.post(
        "/api/v1/committees/",
        {"kind": "steering", "name": "PSC 2", "major": major.pk, "established_on": "2025-09-01"},
    )
    assert again.status_code == 400 and again.json()["code"] == "major_has_committee"
    assert "major" in again.json()


@pytest.mark.parametrize(
    "body, field",
    [
        ({"kind": "steering", "name": "X", "established_on": "2025-01-01"}, "major"),
        ({"kind": "board", "name": "X", "established_on": "2025-01-01"}, "kind"),
        ({"kind": "council", "name": "X", "established_on": "01/01/2025"}, "established_on"),
        ({"kind": "council", "name": "X", "established_on": "2025-01-01", "major": "x"}, "major"),
        (
            {"kind": "council", "name": "X", "established_on": "2025-01-01", "major": 10**30},
            "major",
        ),
        ({"kind": "council", "name": "", "established_on": "2025-01-01"}, "name"),
        ({"kind": "council", "name": "X", "established_on": "2025-01-01", "status": "z"}, "status"),
    ],
)
def test_bad_committee_input_is_a_400(api, alice, body, field):
    response = api.as_(alice).post("/api/v1/committees/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_a_second_active_council_is_refused(api, alice):
    CouncilFactory()
    response = api.as_(alice).post(
        "/api/v1/committees/", {"kind": "council", "name": "C2", "established_on": "2025-01-01"}
    )
    assert response.status_code == 400 and response.json()["code"] == "council_exists"


def test_a_committee_is_dissolved_not_deleted(api, alice):
    committee = CommitteeFactory()
    client = api.as_(alice)
    assert client.delete(f"/api/v1/committees/{committee.pk}/").status_code == 405
    response = client.post(f"/api/v1/committees/{committee.pk}/dissolve/", {})
    assert response.status_code == 200 and response.json()["status"] == "dissolved"
    again = client.post(f"/api/v1/committees/{committee.pk}/dissolve/", {})
    assert again.status_code == 400 and again.json()["code"] == "committee_dissolved"


def test_committee_filters(api, alice):
    stale = CommitteeFactory(name="Stale")
    CouncilFactory(name="Council")
    MeetingFactory(
        committee=stale, status="held", scheduled_at=timezone.now() - datetime.timedelta(days=500)
    )
    client = api.as_(alice)

    def names(query):
        response = client.get(f"/api/v1/committees/?{query}")
        assert response.status_code == 200, response.content
        return [r["name"] for r in response.json()["results"]]

    assert names("kind=council") == ["Council"]
    assert names("search=stal") == ["Stale"]
    assert names("ordering=-name") == ["Stale", "Council"]
    assert set(names("overdue=true")) == {"Stale", "Council"}
    assert client.get("/api/v1/committees/?kind=nope").status_code == 400
    assert client.get("/api/v1/committees/?major=abc").status_code == 400
    assert client.get("/api/v1/committees/?ordering=secret").status_code == 400
    assert client.get("/api/v1/committees/?page=0").status_code == 400


def test_members_are_added_with_one_chair(api, alice, tom):
    committee = CommitteeFactory()
    client = api.as_(alice)
    body = {
        "committee": committee.pk,
        "name": "Prof. Liu",
        "affiliation": "school",
        "category": "professional_leader",
        "role": "chair",
        "user": tom.pk,
        "term_start": "2025-01-01",
    }
    created = client.post("/api/v1/committee-members/", body)
    assert created.status_code == 201, created.content
    assert {
        "id",
        "committee",
        "name",
        "affiliation",
        "category",
        "role",
        "enterprise",
        "user",
        "term_start",
        "term_end",
    } <= set(created.json())
    second = client.post(
        "/api/v1/committee-members/", {**body, "name": "Prof. Wu", "user": None}, format="json"
    )
    assert second.status_code == 400 and second.json()["code"] == "chair_taken"
    ended = client.post(
        f"/api/v1/committee-members/{created.json()['id']}/end/", {"term_end": "2025-12-31"}
    )
    assert ended.status_code == 200 and ended.json()["term_end"] == "2025-12-31"
    bad = client.post(
        "/api/v1/committee-members/",
        {**body, "affiliation": "mars", "term_start": "yesterday", "user": 10**12},
    )
    assert bad.status_code == 400
    assert {"affiliation", "term_start", "user"} <= set(bad.json())


def test_meetings_are_scheduled_held_and_cancelled(api, alice):
    committee = CommitteeFactory()
    members = [MembershipFactory(committee=committee) for _ in range(3)]
    outsider = MembershipFactory()
    client = api.as_(alice)
    when = (timezone.now() - datetime.timedelta(days=2)).isoformat()
    created = client.post(
        "/api/v1/meetings/",
        {
            "committee": committee.pk,
            "kind": "regular",
            "scheduled_at": when,
            "location": "R301",
            "agenda": "Curriculum",
        },
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert {
        "id",
        "committee",
        "kind",
        "scheduled_at",
        "location",
        "agenda",
        "status",
        "minutes",
        "attendees",
        "quorate",
    } <= set(data)
    assert data["status"] == "planned" and data["quorate"] is None
    url = f"/api/v1/meetings/{data['id']}/"
    wrong = client.post(
        url + "hold/", {"minutes": "M", "attendees": [members[0].pk, outsider.pk]}, format="json"
    )
    assert wrong.status_code == 400 and wrong.json()["code"] == "attendee_not_member"
    assert "attendees" in wrong.json()
    unknown = client.post(url + "hold/", {"minutes": "M", "attendees": [10**9]}, format="json")
    assert unknown.json()["code"] == "attendee_not_member"
    for bad in ({"minutes": "M"}, {"minutes": "M", "attendees": "x"}, {"attendees": [1]}):
        assert client.post(url + "hold/", bad, format="json").status_code == 400
    held = client.post(
        url + "hold/",
        {"minutes": "Agreed", "attendees": [m.pk for m in members[:2]], "quorate": False},
        format="json",
    )
    assert held.status_code == 200, held.content
    assert held.json()["status"] == "held" and held.json()["quorate"] is True
    assert sorted(held.json()["attendees"]) == sorted(m.pk for m in members[:2])
    # quorate and status are read-only
    client.patch(url, {"quorate": False, "status": "planned"}, format="json")
    assert Meeting.objects.get(pk=data["id"]).status == "held"
    cancel = client.post(url + "cancel/", {"reason": "Storm"})
    assert cancel.status_code == 400 and cancel.json()["code"] == "meeting_not_planned"
    later = MeetingFactory(committee=committee, scheduled_at=timezone.now())
    cancelled = client.post(f"/api/v1/meetings/{later.pk}/cancel/", {"reason": "Storm"})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancel_reason"] == "Storm"


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": None}])
def test_a_meeting_is_cancelled_only_with_a_reason(api, alice, body):
    meeting = MeetingFactory(scheduled_at=timezone.now() + datetime.timedelta(days=3))
    response = api.as_(alice).post(f"/api/v1/meetings/{meeting.pk}/cancel/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "reason_required"
    assert response.json()["reason"] == ["Give the reason for the cancellation."]
    meeting.refresh_from_db()
    assert meeting.status == "planned" and meeting.cancel_reason == ""


@pytest.mark.parametrize(
    "body, field",
    [
        ({"scheduled_at": "tomorrow"}, "scheduled_at"),
        ({"kind": "party"}, "kind"),
        ({"committee": "abc"}, "committee"),
        ({"committee": 999999}, "committee"),
        ({"duration_minutes": 10**9}, "duration_minutes"),
    ],
)
def test_bad_meeting_input_is_a_400(api, alice, body, field):
    committee = CommitteeFactory()
    base = {"committee": committee.pk, "scheduled_at": "2026-03-01T09:00:00+08:00"}
    response = api.as_(alice).post("/api/v1/meetings/", {**base, **body}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_action_items_have_an_owner_and_a_due_date(api, alice, tom):
    meeting = MeetingFactory(status="held", minutes="M")
    client = api.as_(alice)
    due = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    created = client.post(
        "/api/v1/action-items/",
        {
            "meeting": meeting.pk,
            "description": "Draft the curriculum",
            "owner": tom.pk,
            "due_on": due,
        },
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert {"id", "meeting", "description", "owner", "due_on", "status"} <= set(data)
    assert data["owner"] == tom.pk and data["status"] == "open"
    done = client.patch(f"/api/v1/action-items/{data['id']}/", {"status": "done"})
    assert done.status_code == 200 and done.json()["status"] == "done"
    planned = MeetingFactory()
    refused = client.post(
        "/api/v1/action-items/", {"meeting": planned.pk, "description": "X", "due_on": due}
    )
    assert refused.status_code == 400 and refused.json()["code"] == "meeting_not_held"
    bad = client.post(
        "/api/v1/action-items/",
        {
            "meeting": meeting.pk,
            "description": "X",
            "due_on": "soon",
            "owner": "me",
            "status": "maybe",
        },
    )
    assert bad.status_code == 400 and {"due_on", "owner", "status"} <= set(bad.json())


def test_a_teacher_reads_but_does_not_write(api, tom, seated):
    client = api.as_(tom)
    meeting = MeetingFactory(committee=seated)
    assert client.get(f"/api/v1/committees/{seated.pk}/").status_code == 200
    assert client.get(f"/api/v1/meetings/{meeting.pk}/ics/").status_code == 200
    assert client.patch(f"/api/v1/committees/{seated.pk}/", {"name": "X"}).status_code == 403
    assert client.post(f"/api/v1/meetings/{meeting.pk}/cancel/", {}).status_code == 403
    assert client.post("/api/v1/committee-members/", {}).status_code == 403
    assert client.post("/api/v1/action-items/", {}).status_code == 403


def test_a_liaison_reads_only_the_committees_their_enterprise_sits_on(api, lily, seated):
    foreign = CommitteeFactory(name="Foreign")
    foreign_meeting = MeetingFactory(committee=foreign)
    foreign_member = MembershipFactory(committee=foreign)
    foreign_item = ActionItemFactory(meeting=MeetingFactory(committee=foreign, status="held"))
    own_meeting = MeetingFactory(committee=seated)
    client = api.as_(lily)
    assert [c["name"] for c in client.get("/api/v1/committees/").json()["results"]] == [
        "PSC Robotics"
    ]
    assert client.get(f"/api/v1/committees/{foreign.pk}/").status_code == 404
    assert client.get(f"/api/v1/meetings/{foreign_meeting.pk}/").status_code == 404
    assert client.get(f"/api/v1/meetings/{foreign_meeting.pk}/ics/").status_code == 404
    assert client.get(f"/api/v1/committee-members/{foreign_member.pk}/").status_code == 404
    assert client.get(f"/api/v1/action-items/{foreign_item.pk}/").status_code == 404
    assert client.get(f"/api/v1/meetings/{own_meeting.pk}/").status_code == 200
    members = client.get("/api/v1/committee-members/").json()["results"]
    assert {m["name"] for m in members} == {"Teacher Zhao", "Engineer Sun"}
    assert all(m["user"] is None for m in members)
    assert client.post(f"/api/v1/meetings/{own_meeting.pk}/cancel/", {}).status_code == 403


def test_a_reporter_gets_403_and_anonymous_401(api, rita, seated):
    client = api.as_(rita)
    for path in ("committees", "committee-members", "meetings", "action-items"):
        assert client.get(f"/api/v1/{path}/").status_code == 403
    api.credentials()
    assert api.get("/api/v1/committees/").status_code == 401


def test_an_administrator_cannot_name_an_unknown_committee(api, alice):
    response = api.as_(alice).post(
        "/api/v1/committee-members/",
        {
            "committee": 12345,
            "name": "X",
            "affiliation": "school",
            "category": "other",
            "term_start": "2025-01-01",
        },
    )
    assert response.status_code == 400 and "committee" in response.json()


# -- query counts -------------------------------------------------------------


def _grow(n_committees):
    for _ in range(n_committees):
        committee = CommitteeFactory()
        members = MembershipFactory.create_batch(2, committee=committee)
        meeting = MeetingFactory(committee=committee, status="held", minutes="M")
        meeting.attendees.set(members)
        ActionItemFactory(meeting=meeting)


@pytest.mark.parametrize(
    "path, queries",
    [
        # token + user, caller's groups, count, page (annotated with subqueries)
        ("committees", 4),
        # token + user, groups, count, page
        ("committee-members", 4),
        # token + user, groups, count, page, attendees of the page
        ("meetings", 5),
        # token + user, groups, count, page
        ("action-items", 4),
    ],
)
def test_lists_cost_the_same_queries_for_5_and_50_rows(
    api, alice, django_assert_num_queries, path, queries
):
    client = api.as_(alice)
    _grow(5)
    with django_assert_num_queries(queries):
        assert client.get(f"/api/v1/{path}/?page_size=200").status_code == 200
    _grow(45)
    with django_assert_num_queries(queries):
        response = client.get(f"/api/v1/{path}/?page_size=200")
    assert response.json()["count"] >= 50


def test_a_liaisons_list_costs_the_same_queries_for_5_and_50_rows(
    api, lily, enterprise, django_assert_num_queries
):
    client = api.as_(lily)

    def grow(n):
        for _ in range(n):
            MembershipFactory(affiliation="enterprise", enterprise=enterprise)

    grow(5)
    # token + user, groups, the liaison's enterprise, count, page
    with django_assert_num_queries(5):
        client.get("/api/v1/committees/?page_size=200")
    grow(45)
    with django_assert_num_queries(5):
        assert client.get("/api/v1/committees/?page_size=200").json()["count"] == 50


def test_models_stay_consistent_after_the_api(api, alice):
    assert Committee.objects.count() == 0 and Membership.objects.count() == 0


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("post", "/api/v1/committees/", ["not", "an", "object"]),
        ("post", "/api/v1/meetings/{meeting}/hold/", {"minutes": "M", "attendees": ["a"]}),
        ("post", "/api/v1/meetings/{meeting}/hold/", {"minutes": "M", "attendees": [2**70]}),
        ("post", "/api/v1/meetings/{meeting}/hold/", ["x"]),
        ("post", "/api/v1/committee-members/{member}/end/", {"term_end": "2025-13-40"}),
        ("post", "/api/v1/committees/{committee}/dissolve/", {"dissolved_on": "x"}),
        ("patch", "/api/v1/meetings/{meeting}/", {"scheduled_at": "2026-02-30T10:00"}),
        ("patch", "/api/v1/action-items/{item}/", {"due_on": 12}),
        ("get", "/api/v1/meetings/?scheduled_after=yesterday", None),
        ("get", "/api/v1/action-items/?owner=zz", None),
        ("get", "/api/v1/committee-members/?committee=99999999999999999999999", None),
        ("get", "/api/v1/meetings/?page_size=-1", None),
    ],
)
def test_malformed_input_is_a_400_never_a_500(api, alice, method, path, body):
    item = ActionItemFactory()
    ids = {
        "meeting": item.meeting.pk,
        "member": MembershipFactory(committee=item.meeting.committee).pk,
        "committee": item.meeting.committee.pk,
        "item": item.pk,
    }
    client = api.as_(alice)
    url = path.format(**ids)
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, body, format="json")
    assert response.status_code == 400, response.content


def test_a_planned_meeting_is_rescheduled_but_not_moved_to_another_committee(api, alice):
    meeting = MeetingFactory(scheduled_at=timezone.now() + datetime.timedelta(days=10))
    client = api.as_(alice)
    url = f"/api/v1/meetings/{meeting.pk}/"
    moved = client.patch(url, {"scheduled_at": "2027-01-05T09:00:00+08:00"}, format="json")
    assert moved.status_code == 200 and moved.json()["scheduled_at"].startswith("2027-01-05T09")
    other = CommitteeFactory()
    refused = client.patch(url, {"committee": other.pk}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "committee_fixed"


def test_the_composition_and_charters_of_a_committee(api, tom, seated):
    client = api.as_(tom)
    mix = client.get(f"/api/v1/committees/{seated.pk}/composition/").json()
    assert mix["ok"] is True and mix["total"] == 2
    assert mix["by_affiliation"]["enterprise"] == 1
    assert mix["by_category"]["enterprise_technician"] == 1
    lonely = CommitteeFactory()
    MembershipFactory(committee=lonely)
    assert client.get(f"/api/v1/committees/{lonely.pk}/composition/").json()["missing"] == [
        "enterprise"
    ]
    meeting = MeetingFactory(committee=seated, status="held", minutes="M")
    charter_adopt(committee=seated, text="Article 1", meeting=meeting)
    charter_adopt(committee=seated, text="Article 1, amended", meeting=meeting)
    charters = client.get(f"/api/v1/committees/{seated.pk}/charters/").json()
    assert charters["count"] == 2  # paginated, as every list
    assert [c["version"] for c in charters["results"]] == [2, 1]
    # The committees' own filters do not hide the committee from its charters.
    filtered = client.get(f"/api/v1/committees/{seated.pk}/charters/?kind=council")
    assert filtered.json()["count"] == 2


def test_established_on_and_term_start_default_to_today(api, alice):
    client = api.as_(alice)
    created = client.post("/api/v1/committees/", {"kind": "council", "name": "Council"})
    assert created.status_code == 201, created.content
    assert created.json()["established_on"] == timezone.localdate().isoformat()
    member = client.post(
        "/api/v1/committee-members/",
        {
            "committee": created.json()["id"],
            "name": "Li",
            "affiliation": "school",
            "category": "other",
        },
    )
    assert member.status_code == 201, member.content
    assert member.json()["term_start"] == timezone.localdate().isoformat()
    assert member.json()["role"] == "member"
