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


LIAISON_HIDDEN_PLACEMENT_KEYS = {
    "supervisor",
    "guardian_consent",
    "insurance_policy",
    "insurance_expires_on",
}


def test_a_liaison_is_not_told_the_insurance_consent_or_supervisor(api, lily, alice, placement):
    client = api.as_(lily)
    detail = client.get(f"/api/v1/placements/{placement.pk}/").json()
    listed = client.get("/api/v1/placements/").json()["results"]
    assert [row["id"] for row in listed] == [placement.pk]
    for row in (detail, listed[0]):
        assert not LIAISON_HIDDEN_PLACEMENT_KEYS & set(row), row
        assert row["mentor_name"] == placement.mentor_name
    # Nor in the answer to a change the liaison may make.
    changed = client.patch(f"/api/v1/placements/{placement.pk}/", {"mentor_name": "Li Gong"})
    assert changed.status_code == 200
    assert not LIAISON_HIDDEN_PLACEMENT_KEYS & set(changed.json())
    # The administrator still receives them, with their values.
    for row in (
        api.as_(alice).get(f"/api/v1/placements/{placement.pk}/").json(),
        api.as_(alice).get("/api/v1/placements/").json()["results"][0],
    ):
        assert row["insurance_policy"] == "PICC-2026-0001"
        assert row["guardian_consent"] is True
        assert row["supervisor"] == placement.supervisor_id
        assert row["insurance_expires_on"] == placement.insurance_expires_on.isoformat()


def test_a_liaison_trying_to_set_a_hidden_field_is_refused(api, lily, placement):
    response = api.as_(lily).patch(
        f"/api/v1/placements/{placement.pk}/", {"insurance_policy": "FAKE-1"}
    )
    assert response.status_code == 403
    assert response.json()["code"] == "field_not_editable"


def test_the_portal_pages_show_no_insurance_consent_or_supervisor(client, lily, tom, placement):
    tom.first_name, tom.last_name = "Tom", "Supervisor"
    tom.save()
    client.force_login(lily)
    for url in ("/portal/interns/", f"/portal/interns/{placement.pk}/"):
        page = client.get(url).content.decode()
        assert placement.student.name in page, url
        for secret in ("PICC-2026-0001", "Supervisor", "Guardian", "Insurance"):
            assert secret not in page, (url, secret)


@pytest.mark.parametrize(
    "field,other",
    [
        ("guardian_consent", False),
        ("insurance_policy", "FAKE-1"),
        ("insurance_expires_on", "2030-01-01"),
        ("supervisor", 999_999),
    ],
)
def test_a_liaisons_guess_of_a_hidden_field_gets_the_same_answer_right_or_wrong(
    api, alice, lily, placement, field, other
):
    """Were a matching value accepted, the answer would confirm the stored one."""
    placement.guardian_consent = True
    placement.insurance_policy = "PICC-2026-0001"
    placement.save()
    right = api.as_(alice).get(f"/api/v1/placements/{placement.pk}/").json()[field]
    assert right not in (None, "", other)
    client = api.as_(lily)
    answers = [
        client.patch(f"/api/v1/placements/{placement.pk}/", {field: value}, format="json")
        for value in (right, other)
    ]
    assert [a.status_code for a in answers] == [403, 403]
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["code"] == "field_not_editable"


def test_a_liaison_cannot_filter_placements_by_supervisor(api, lily, tom, placement):
    client = api.as_(lily)
    response = client.get(f"/api/v1/placements/?supervisor={tom.pk + 1000}")
    # The parameter is not a liaison's filter: it is ignored, so the count is
    # the same whoever is named.
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert client.get(f"/api/v1/placements/?supervisor={tom.pk}").json()["count"] == 1
