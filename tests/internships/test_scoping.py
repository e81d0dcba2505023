"""Who sees what: the liaison of another enterprise sees nothing of this one."""

import pytest

from internships.models import Placement
from internships.services import evaluation_save, placement_log_create
from tests.internships.factories import SCORES, START, PlacementFactory, PositionFactory

pytestmark = pytest.mark.django_db

RESOURCES = ["students", "positions", "placements", "attendance", "placement-logs", "evaluations"]


@pytest.fixture
def world(enterprise, tom):
    """An active placement at lily's enterprise, supervised by tom, with one of everything."""
    from internships.services import attendance_record

    position = PositionFactory(enterprise=enterprise)
    placement = PlacementFactory(position=position, supervisor=tom, status=Placement.Status.ACTIVE)
    attendance = attendance_record(placement=placement, date=START, status="present")
    log = placement_log_create(placement=placement, kind="weekly", date=START, text="Fine")
    evaluation = evaluation_save(placement=placement, side="enterprise", scores=SCORES)
    return {
        "students": placement.student_id,
        "positions": position.pk,
        "placements": placement.pk,
        "attendance": attendance.pk,
        "placement-logs": log.pk,
        "evaluations": evaluation.pk,
    }


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_liaison_of_another_enterprise_gets_404_and_empty_lists(api, leo, world, resource):
    client = api.as_(leo)
    assert client.get(f"/api/v1/{resource}/").json()["count"] == 0
    assert client.get(f"/api/v1/{resource}/{world[resource]}/").status_code == 404


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_enterprises_own_liaison_sees_it(api, lily, world, resource):
    client = api.as_(lily)
    assert client.get(f"/api/v1/{resource}/").json()["count"] == 1
    assert client.get(f"/api/v1/{resource}/{world[resource]}/").status_code == 200


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_supervising_teacher_sees_it_and_another_teacher_does_not(api, tom, world, resource):
    from tests.accounts.factories import UserFactory

    assert api.as_(tom).get(f"/api/v1/{resource}/{world[resource]}/").status_code == 200
    other = UserFactory(role="teacher")
    response = api.as_(other).get(f"/api/v1/{resource}/{world[resource]}/")
    # Positions are offers, not personal data: every teacher reads them.
    assert response.status_code == (200 if resource == "positions" else 404)


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_reporter_sees_no_internship_data(api, rita, world, resource):
    assert api.as_(rita).get(f"/api/v1/{resource}/").status_code == 403


def test_a_liaison_sees_only_name_number_and_major_of_their_own_interns(api, lily, world):
    client = api.as_(lily)
    listed = client.get("/api/v1/students/").json()["results"]
    assert [set(row) for row in listed] == [{"id", "student_number", "name", "major"}]
    detail = client.get(f"/api/v1/students/{world['students']}/").json()
    assert "date_of_birth" not in detail and "cohort" not in detail
    # No search or ordering reveals anything else either.
    assert client.get("/api/v1/students/?ordering=date_of_birth").status_code == 400


def test_a_liaison_does_not_see_students_placed_elsewhere(api, lily, world, other_enterprise):
    elsewhere = PlacementFactory(position=PositionFactory(enterprise=other_enterprise))
    client = api.as_(lily)
    assert client.get(f"/api/v1/students/{elsewhere.student_id}/").status_code == 404
    assert client.get("/api/v1/students/").json()["count"] == 1


def test_a_liaison_cannot_write_to_another_enterprises_placement(api, leo, world):
    client = api.as_(leo)
    pk = world["placements"]
    assert client.patch(f"/api/v1/placements/{pk}/", {"hired": "yes"}).status_code == 404
    for resource, body in [
        ("attendance", {"placement": pk, "date": str(START), "status": "present"}),
        ("placement-logs", {"placement": pk, "kind": "incident", "date": str(START), "text": "x"}),
        ("evaluations", {"placement": pk, "side": "enterprise", "scores": SCORES}),
    ]:
        response = client.post(f"/api/v1/{resource}/", body, format="json")
        assert response.status_code == 400
        assert "placement" in response.json()
    assert client.post(f"/api/v1/positions/{world['positions']}/close/").status_code == 404


def test_liaison_student_list_costs_the_same_for_1_and_30(
    api, lily, enterprise, django_assert_num_queries
):
    position = PositionFactory(enterprise=enterprise, capacity=40)
    PlacementFactory(position=position)
    client = api.as_(lily)
    # token + user, groups, liaison's enterprise, count, page
    with django_assert_num_queries(5):
        client.get("/api/v1/students/?page_size=200")
    PlacementFactory.create_batch(29, position=position)
    with django_assert_num_queries(5):
        assert client.get("/api/v1/students/?page_size=200").json()["count"] == 30


def test_a_liaison_cannot_probe_a_students_cohort_by_filter_or_ordering(api, lily, world):
    client = api.as_(lily)
    # Unknown filters are ignored: the lists stay the same whatever the cohort.
    assert client.get("/api/v1/students/?cohort=1990").json()["count"] == 1
    assert client.get("/api/v1/placements/?cohort=1990").json()["count"] == 1
    assert client.get("/api/v1/students/?ordering=cohort").status_code == 400
