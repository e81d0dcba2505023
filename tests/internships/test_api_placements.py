import datetime

import pytest

from internships.models import Placement, Position
from tests.accounts.factories import UserFactory
from tests.internships.factories import (
    END,
    START,
    PlacementFactory,
    PositionFactory,
    StudentFactory,
)
from tests.partnerships.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

FIELDS = {
    "id",
    "student",
    "position",
    "enterprise",
    "supervisor",
    "mentor_name",
    "plan",
    "starts_on",
    "ends_on",
    "status",
    "agreement_signed",
    "guardian_consent",
    "insurance_policy",
    "insurance_expires_on",
    "hired",
    "warnings",
    "destination",
    "destination_approved_on",
}


def body(student, position, **extra):
    return {
        "student": student.pk,
        "position": position.pk,
        "starts_on": str(position.starts_on),
        "ends_on": str(position.ends_on),
        "agreement_signed": True,
        "guardian_consent": True,
        "insurance_policy": "PICC-2026-7",
        "insurance_expires_on": str(position.ends_on),
        **extra,
    }


def test_an_administrator_creates_a_placement_with_exactly_the_api_fields(api, alice, tom):
    position = PositionFactory()
    response = api.as_(alice).post(
        "/api/v1/placements/",
        body(StudentFactory(), position, supervisor=tom.pk, mentor_name="Liu Qiang"),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == FIELDS
    assert data["enterprise"] == position.enterprise_id
    assert data["status"] == "planned"
    assert data["warnings"] == []
    assert data["hired"] == "unknown"


def test_read_only_fields_are_ignored_on_input(api, alice):
    other = EnterpriseFactory()
    position = PositionFactory()
    response = api.as_(alice).post(
        "/api/v1/placements/",
        body(StudentFactory(), position, enterprise=other.pk, status="active", warnings=["x"]),
    )
    assert response.status_code == 201
    assert response.json()["enterprise"] == position.enterprise_id
    assert response.json()["status"] == "planned"


def test_omitted_dates_default_to_the_positions(api, alice):
    position = PositionFactory()
    response = api.as_(alice).post(
        "/api/v1/placements/", {"student": StudentFactory().pk, "position": position.pk}
    )
    assert response.status_code == 201
    assert response.json()["starts_on"] == str(START)
    assert response.json()["ends_on"] == str(END)


def _minor():
    return StudentFactory(date_of_birth=START.replace(year=START.year - 15))


CREATE_RULES = [
    # (code, status, setup returning (failing body kwargs, passing body kwargs))
    "underage",
    "first_year_student",
    "enterprise_intern_share",
    "post_intern_share",
    "pay_below_minimum",
    "hours_exceeded",
    "night_shift",
    "capacity_full",
    "overlapping_placement",
]


def _case(code):
    """A failing and a passing placement for one rule, from the same setup."""
    if code == "underage":
        position = PositionFactory(kind="shadow")
        return body(_minor(), position), body(StudentFactory(), position)
    if code == "first_year_student":
        position = PositionFactory(kind="post")
        return body(StudentFactory(cohort=2025), position), body(StudentFactory(), position)
    if code == "enterprise_intern_share":
        enterprise = EnterpriseFactory(workforce=10)  # one post intern at most
        position = PositionFactory(enterprise=enterprise, kind="post")
        PlacementFactory(position=position)
        later = datetime.date(2026, 7, 1)
        return body(StudentFactory(), position), body(
            StudentFactory(),
            position,
            starts_on=str(later),
            ends_on=str(later.replace(month=8)),
            insurance_expires_on=str(later.replace(month=8)),
        )
    if code == "post_intern_share":
        position = PositionFactory(kind="post", post_headcount=5)  # one post intern at most
        PlacementFactory(position=position)
        other = PositionFactory(kind="post", post_headcount=5, enterprise=position.enterprise)
        return body(StudentFactory(), position), body(StudentFactory(), other)
    if code == "pay_below_minimum":
        low = PositionFactory(kind="post", monthly_pay=2000, post_wage=3500)
        fair = PositionFactory(kind="post", monthly_pay=2800, post_wage=3500)
        return body(StudentFactory(), low), body(StudentFactory(), fair)
    if code == "hours_exceeded":
        long = PositionFactory(daily_hours=10)
        return body(StudentFactory(), long), body(StudentFactory(), PositionFactory())
    if code == "night_shift":
        night = PositionFactory(night_shift=True)
        filed = PositionFactory(night_shift=True, exception_filing="辽教备〔2026〕3号")
        return body(StudentFactory(), night), body(StudentFactory(), filed)
    if code == "capacity_full":
        position = PositionFactory(capacity=1)
        PlacementFactory(position=position)
        return body(StudentFactory(), position), body(StudentFactory(), PositionFactory())
    if code == "overlapping_placement":
        student = StudentFactory()
        PlacementFactory(student=student)
        later = datetime.date(2026, 7, 1)
        position = PositionFactory()
        return body(student, position), body(
            student, position, starts_on=str(later), ends_on=str(later.replace(month=8))
        )
    raise AssertionError(code)


@pytest.mark.parametrize("code", CREATE_RULES)
def test_each_create_rule_refuses_with_its_code_and_passes_from_the_same_setup(api, alice, code):
    failing, passing = _case(code)
    client = api.as_(alice)
    refused = client.post("/api/v1/placements/", failing)
    assert refused.status_code == (409 if code == "capacity_full" else 400), refused.content
    assert refused.json()["code"] == code
    assert any(isinstance(v, list) and v for k, v in refused.json().items() if k != "code")
    accepted = client.post("/api/v1/placements/", passing)
    assert accepted.status_code == 201, accepted.content


@pytest.mark.parametrize(
    "change,code",
    [
        ({"insurance_expires_on": str(END - datetime.timedelta(days=1))}, "insurance_missing"),
        ({"insurance_policy": ""}, "insurance_missing"),
        ({"agreement_signed": False}, "agreement_unsigned"),
        ({"guardian_consent": False}, "guardian_consent_missing"),
    ],
)
def test_activation_refuses_missing_paperwork_and_passes_once_it_is_there(api, alice, change, code):
    minor = StudentFactory(date_of_birth=START.replace(year=START.year - 17))
    position = PositionFactory(kind="shadow")  # a cognitive one needs no agreement
    client = api.as_(alice)
    created = client.post("/api/v1/placements/", body(minor, position, **change)).json()
    refused = client.post(f"/api/v1/placements/{created['id']}/activate/")
    assert refused.status_code == 400
    assert refused.json()["code"] == code
    fixed = body(minor, position)
    assert client.patch(f"/api/v1/placements/{created['id']}/", fixed).status_code == 200
    activated = client.post(f"/api/v1/placements/{created['id']}/activate/")
    assert activated.status_code == 200, activated.content
    assert activated.json()["status"] == "active"


def test_the_long_post_internship_warning_is_in_the_body(api, alice):
    position = PositionFactory(
        kind="post", starts_on=datetime.date(2026, 3, 1), ends_on=datetime.date(2026, 12, 31)
    )
    response = api.as_(alice).post("/api/v1/placements/", body(StudentFactory(), position))
    assert response.status_code == 201
    assert response.json()["warnings"] == ["long_post_internship"]
    listed = api.get("/api/v1/placements/?has_warnings=true").json()
    assert [r["id"] for r in listed["results"]] == [response.json()["id"]]


def test_the_lifecycle_runs_planned_active_completed_then_hired(api, alice):
    placement = PlacementFactory()
    client = api.as_(alice)
    url = f"/api/v1/placements/{placement.pk}/"
    early = client.patch(url, {"hired": "yes"})
    assert early.status_code == 400 and early.json()["code"] == "placement_not_finished"
    assert client.post(url + "complete/").json()["code"] == "placement_not_active"
    assert client.post(url + "activate/").json()["status"] == "active"
    assert client.post(url + "activate/").json()["code"] == "placement_not_planned"
    assert client.post(url + "complete/").json()["status"] == "completed"
    assert client.patch(url, {"hired": "yes"}).json()["hired"] == "yes"
    assert client.post(url + "terminate/", {"reason": "x"}).status_code == 400


def test_termination_needs_a_reason(api, alice):
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    client = api.as_(alice)
    url = f"/api/v1/placements/{placement.pk}/terminate/"
    for missing in ({}, {"reason": ""}, {"reason": "  "}):
        refused = client.post(url, missing)
        assert refused.status_code == 400
        assert refused.json() == {
            "reason": ["Give the reason for the termination."],
            "code": "reason_required",
        }
    done = client.post(url, {"reason": "Health reasons"})
    assert done.status_code == 200
    assert done.json()["status"] == "terminated"
    placement.refresh_from_db()
    assert placement.termination_reason == "Health reasons"


def test_malformed_input_is_a_400(api, alice):
    client = api.as_(alice)
    position = PositionFactory()
    student = StudentFactory()
    for bad in [
        {"student": "abc", "position": position.pk},
        {"student": student.pk, "position": 999999},
        {"student": student.pk, "position": position.pk, "starts_on": "2026-13-40"},
        {"student": student.pk, "position": position.pk, "ends_on": "2026-01-01"},
        {"student": student.pk, "position": position.pk, "hired": "maybe"},
    ]:
        assert client.post("/api/v1/placements/", bad).status_code == 400, bad
    for query in ["status=nope", "cohort=x", "enterprise=x", "ordering=secret", "kind=z"]:
        assert client.get(f"/api/v1/placements/?{query}").status_code == 400, query


def test_the_supervisor_must_be_a_teacher(api, alice):
    liaison = UserFactory(role="liaison", role__enterprise=EnterpriseFactory())
    response = api.as_(alice).post(
        "/api/v1/placements/", body(StudentFactory(), PositionFactory(), supervisor=liaison.pk)
    )
    assert response.status_code == 400
    assert response.json()["code"] == "supervisor_not_teacher"


def test_filters_narrow_the_list(api, alice, tom):
    post = PositionFactory(kind="post")
    a = PlacementFactory(position=post, supervisor=tom, student=StudentFactory(cohort=2023))
    b = PlacementFactory(status=Placement.Status.ACTIVE)
    client = api.as_(alice)

    def ids(query):
        return [r["id"] for r in client.get(f"/api/v1/placements/?{query}").json()["results"]]

    assert ids("status=active") == [b.pk]
    assert ids("kind=post") == [a.pk]
    assert ids(f"enterprise={post.enterprise_id}") == [a.pk]
    assert ids(f"major={a.student.major_id}") == [a.pk]
    assert ids("cohort=2023") == [a.pk]
    assert ids(f"supervisor={tom.pk}") == [a.pk]
    assert ids(f"student={b.student_id}") == [b.pk]
    assert ids(f"search={b.student.student_number}") == [b.pk]


def test_the_list_costs_the_same_queries_for_3_and_60_rows(api, alice, django_assert_num_queries):
    position = PositionFactory(capacity=100)
    PlacementFactory.create_batch(3, position=position)
    client = api.as_(alice)
    # token + user, caller's groups, count, page (placements alone: every
    # field is a column, warnings included)
    with django_assert_num_queries(4):
        assert client.get("/api/v1/placements/?page_size=200").status_code == 200
    PlacementFactory.create_batch(57, position=position)
    with django_assert_num_queries(4):
        assert len(client.get("/api/v1/placements/?page_size=200").json()["results"]) == 60


def test_teachers_and_liaisons_may_not_create_or_activate(api, tom, lily, enterprise):
    placement = PlacementFactory(position=PositionFactory(enterprise=enterprise), supervisor=tom)
    student, position = StudentFactory(), PositionFactory(enterprise=enterprise)
    for user in (tom, lily):
        client = api.as_(user)
        assert client.post("/api/v1/placements/", body(student, position)).status_code == 403
        assert client.post(f"/api/v1/placements/{placement.pk}/activate/").status_code == 403


def test_a_liaison_records_the_hiring_outcome_but_not_the_paperwork(api, lily, enterprise):
    placement = PlacementFactory(
        position=PositionFactory(enterprise=enterprise), status=Placement.Status.COMPLETED
    )
    client = api.as_(lily)
    url = f"/api/v1/placements/{placement.pk}/"
    assert client.patch(url, {"hired": "yes"}).json()["hired"] == "yes"
    denied = client.patch(url, {"insurance_policy": "X"})
    assert denied.status_code == 403
    assert denied.json()["code"] == "field_not_editable"


def test_positions_kind_choices_are_the_api_codes():
    assert Position.Kind.values == ["cognitive", "shadow", "post"]
    assert Placement.Status.values == ["planned", "active", "completed", "terminated"]
