"""The allocation endpoints, as each role uses them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from allocation.models import Application
from tests.allocation.factories import make_plan, world
from tests.internships.factories import PlacementFactory, PositionFactory
from tests.practice.factories import student_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(enterprise):
    user = student_user("ming")
    major = user.student_record.major
    plan = make_plan(major=major)
    positions = [PositionFactory(enterprise=enterprise, capacity=1) for _ in range(3)]
    return user, plan, positions


def _round_body(plan, positions, **extra):
    now = timezone.now()
    return {
        "plan": plan.pk,
        "opens_at": (now - datetime.timedelta(hours=1)).isoformat(),
        "closes_at": (now + datetime.timedelta(days=2)).isoformat(),
        "positions": [p.pk for p in positions],
        "max_choices": 2,
        **extra,
    }


def test_a_whole_round_through_the_api(api, alice, lily, setting):
    user, plan, positions = setting
    created = api.as_(alice).post(
        "/api/v1/allocation-rounds/", _round_body(plan, positions[:2]), format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert set(body) >= {
        "id",
        "plan",
        "opens_at",
        "closes_at",
        "positions",
        "max_choices",
        "status",
    }
    assert body["status"] == "draft"
    rid = body["id"]
    assert api.post(f"/api/v1/allocation-rounds/{rid}/open/").json()["status"] == "open"

    api.as_(user)
    first = api.post(
        "/api/v1/applications/",
        {"round": rid, "position": positions[0].pk, "rank": 1},
        format="json",
    )
    assert first.status_code == 201, first.content
    assert first.json()["enterprise_decision"] == "pending"
    outside = api.post(
        "/api/v1/applications/",
        {"round": rid, "position": positions[2].pk, "rank": 2},
        format="json",
    )
    assert outside.status_code == 400 and outside.json()["code"] == "position_not_in_round"
    twice = api.post(
        "/api/v1/applications/",
        {"round": rid, "position": positions[0].pk, "rank": 2},
        format="json",
    )
    assert twice.status_code == 400 and twice.json()["code"] == "position_ranked_twice"
    too_many = api.post(
        "/api/v1/applications/",
        {"round": rid, "position": positions[1].pk, "rank": 3},
        format="json",
    )
    assert too_many.status_code == 400

    # The liaison sees and accepts the applicant.
    api.as_(lily)
    listing = api.get("/api/v1/applications/").json()
    assert [a["id"] for a in listing["results"]] == [first.json()["id"]]
    accepted = api.post(f"/api/v1/applications/{first.json()['id']}/accept/", {}, format="json")
    assert accepted.json()["enterprise_decision"] == "accepted"

    api.as_(alice)
    assert api.post(f"/api/v1/allocation-rounds/{rid}/close/").status_code == 200
    api.as_(user)
    late = api.post(
        "/api/v1/applications/",
        {"round": rid, "position": positions[1].pk, "rank": 2},
        format="json",
    )
    assert late.status_code == 409 and late.json()["code"] == "round_closed"

    api.as_(alice)
    preview = api.post(f"/api/v1/allocation-rounds/{rid}/run/").json()
    assert preview["assigned"] == [
        {"student": user.student_record.pk, "position": positions[0].pk, "rank": 1}
    ]
    assert preview["score"] == 1 and "unplaced" in preview
    assert (
        api.get(f"/api/v1/allocation-rounds/{rid}/preview/").json()["assigned"]
        == preview["assigned"]
    )
    published = api.post(f"/api/v1/allocation-rounds/{rid}/publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"
    again = api.post(f"/api/v1/allocation-rounds/{rid}/publish/")
    assert again.status_code == 409 and again.json()["code"] == "round_published"


def test_publishing_after_a_hand_made_placement_is_a_409_naming_it(api, alice, setting):
    user, plan, positions = setting
    api.as_(alice)
    rid = api.post(
        "/api/v1/allocation-rounds/", _round_body(plan, positions[:1]), format="json"
    ).json()["id"]
    api.post(f"/api/v1/allocation-rounds/{rid}/open/")
    Application.objects.create(
        round_id=rid, student=user.student_record, position=positions[0], rank=1
    )
    api.post(f"/api/v1/allocation-rounds/{rid}/close/")
    api.post(f"/api/v1/allocation-rounds/{rid}/run/")
    PlacementFactory(position=positions[0])
    refused = api.post(f"/api/v1/allocation-rounds/{rid}/publish/")
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "capacity_full"
    assert body["assignment"] == {"student": user.student_record.pk, "position": positions[0].pk}
    assert api.get(f"/api/v1/allocation-rounds/{rid}/").json()["status"] == "previewed"


def test_a_student_sees_only_their_own_applications(api, setting):
    user, plan, positions = setting
    from tests.allocation.factories import make_round

    round_ = make_round(positions=positions, plan=plan)
    others = world(n_students=1, capacities=(1,))
    Application.objects.create(
        round=round_, student=user.student_record, position=positions[0], rank=1
    )
    Application.objects.create(round=round_, student=others[1][0], position=positions[1], rank=1)
    rows = api.as_(user).get("/api/v1/applications/").json()["results"]
    assert [r["student"] for r in rows] == [user.student_record.pk]
    assert api.get("/api/v1/allocation-rounds/").status_code == 403


def test_the_round_list_costs_the_same_for_many_rows(api, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.allocation.factories import make_round

    plan, _students, positions = world(n_students=1, capacities=(1,))
    make_round(positions=positions, plan=plan)
    api.as_(alice).get("/api/v1/allocation-rounds/")
    with CaptureQueriesContext(connection) as one:
        assert api.get("/api/v1/allocation-rounds/").json()["count"] == 1
    for _ in range(5):
        make_round(positions=positions, plan=plan)
    with CaptureQueriesContext(connection) as six:
        assert api.get("/api/v1/allocation-rounds/").json()["count"] == 6
    assert len(six) == len(one)
