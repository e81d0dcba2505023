"""Personal data per role: which fields of a person each role receives.

Liaisons get only name, student number and major of their own interns;
dates of birth go only to administrators and the supervising teacher;
reporters get no person at all.
"""

import pytest

from tests.accounts.factories import UserFactory
from tests.internships.factories import PlacementFactory, PositionFactory

pytestmark = pytest.mark.django_db

LIAISON_STUDENT_FIELDS = {"id", "student_number", "name", "major"}


@pytest.fixture
def placement(enterprise, tom):
    return PlacementFactory(position=PositionFactory(enterprise=enterprise), supervisor=tom)


def _fields(response) -> list[set]:
    body = response.json()
    rows = body["results"] if "results" in body else [body]
    return [set(row) for row in rows]


def test_a_liaison_receives_only_name_number_and_major_of_their_interns(api, lily, placement):
    client = api.as_(lily)
    assert _fields(client.get("/api/v1/students/")) == [LIAISON_STUDENT_FIELDS]
    detail = client.get(f"/api/v1/students/{placement.student_id}/")
    assert _fields(detail) == [LIAISON_STUDENT_FIELDS]


def test_dates_of_birth_go_to_administrators_and_the_supervising_teacher(
    api, alice, tom, placement
):
    for user in (alice, tom):
        row = api.as_(user).get(f"/api/v1/students/{placement.student_id}/").json()
        assert row["date_of_birth"] == placement.student.date_of_birth.isoformat()
    other_teacher = UserFactory(role="teacher")
    assert (
        api.as_(other_teacher).get(f"/api/v1/students/{placement.student_id}/").status_code == 404
    )


def test_a_liaison_of_another_enterprise_receives_no_student(api, leo, placement):
    assert api.as_(leo).get("/api/v1/students/").json()["results"] == []
    assert api.as_(leo).get(f"/api/v1/students/{placement.student_id}/").status_code == 404


def test_a_reporter_receives_no_person(api, rita, placement):
    for path in (
        "/api/v1/students/",
        "/api/v1/placements/",
        "/api/v1/users/",
        "/api/v1/committee-members/",
        "/api/v1/enterprise-contacts/",
    ):
        assert api.as_(rita).get(path).status_code == 403, path


def test_a_liaisons_placements_carry_no_student_details(api, lily, placement):
    row = api.as_(lily).get(f"/api/v1/placements/{placement.pk}/").json()
    assert row["student"] == placement.student_id
    assert not {"date_of_birth", "name", "student_number"} & set(row)
