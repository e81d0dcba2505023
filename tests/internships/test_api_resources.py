import datetime

import pytest
from django.test import override_settings

from internships.models import Attendance, Evaluation, Placement, Position
from internships.selectors import placement_grade
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.internships.factories import (
    END,
    SCORES,
    START,
    PlacementFactory,
    PositionFactory,
    StudentFactory,
)
from tests.partnerships.factories import MajorFactory

pytestmark = pytest.mark.django_db


# -- students -----------------------------------------------------------------


def test_an_administrator_creates_students_with_unique_numbers(api, alice):
    major = MajorFactory()
    client = api.as_(alice)
    data = {
        "student_number": "2024010101",
        "name": "王芳",
        "major": major.pk,
        "cohort": 2024,
        "date_of_birth": "2006-04-09",
    }
    created = client.post("/api/v1/students/", data)
    assert created.status_code == 201
    assert set(created.json()) == {
        "id",
        "student_number",
        "name",
        "major",
        "cohort",
        "date_of_birth",
        "sex",
    }
    again = client.post("/api/v1/students/", data)
    assert again.status_code == 400
    assert again.json()["code"] == "student_number_taken"
    assert client.post("/api/v1/students/", {**data, "cohort": 1800}).status_code == 400


def test_the_student_list_costs_the_same_for_5_and_100(api, alice, django_assert_num_queries):
    StudentFactory.create_batch(5)
    client = api.as_(alice)
    # token + user, groups, count, page
    with django_assert_num_queries(4):
        client.get("/api/v1/students/?page_size=200")
    StudentFactory.create_batch(95)
    with django_assert_num_queries(4):
        assert client.get("/api/v1/students/?page_size=200").json()["count"] == 100


# -- positions ----------------------------------------------------------------

POSITION = {
    "title": "装配工 Assembler",
    "kind": "post",
    "capacity": 4,
    "starts_on": "2026-09-01",
    "ends_on": "2027-01-15",
    "daily_hours": "8.0",
    "night_shift": False,
    "exception_filing": "",
    "monthly_pay": "3200.00",
    "post_wage": "4000.00",
    "post_headcount": 40,
}


def test_a_liaison_creates_edits_and_closes_their_own_enterprises_positions(
    api, lily, enterprise, other_enterprise
):
    client = api.as_(lily)
    created = client.post("/api/v1/positions/", POSITION)
    assert created.status_code == 201, created.content
    assert created.json()["enterprise"] == enterprise.pk
    assert set(created.json()) >= {"id", "enterprise", *POSITION}
    url = f"/api/v1/positions/{created.json()['id']}/"
    assert client.patch(url, {"capacity": 6}).json()["capacity"] == 6
    naming_own = client.patch(url, {"enterprise": enterprise.pk, "capacity": 7})
    assert naming_own.json()["capacity"] == 7
    assert client.post(url + "close/").status_code == 200


def test_a_liaison_naming_another_enterprise_is_refused_not_rewritten(
    api, lily, enterprise, other_enterprise
):
    client = api.as_(lily)
    created = client.post("/api/v1/positions/", {**POSITION, "enterprise": other_enterprise.pk})
    assert created.status_code == 400
    assert created.json() == {
        "enterprise": ["You may only offer positions of your own enterprise."],
        "code": "enterprise_not_yours",
    }
    assert not Position.objects.filter(title=POSITION["title"]).exists()
    position = PositionFactory(enterprise=enterprise, title="Welder")
    moved = client.patch(f"/api/v1/positions/{position.pk}/", {"enterprise": other_enterprise.pk})
    assert moved.status_code == 400
    assert moved.json()["code"] == "enterprise_not_yours"
    position.refresh_from_db()
    assert position.enterprise == enterprise


def test_an_administrator_must_name_the_positions_enterprise(api, alice, enterprise):
    client = api.as_(alice)
    missing = client.post("/api/v1/positions/", POSITION)
    assert missing.status_code == 400
    assert missing.json()["code"] == "enterprise_required"
    named = client.post("/api/v1/positions/", {**POSITION, "enterprise": enterprise.pk})
    assert named.status_code == 201


def test_position_rules_are_refused_with_their_codes(api, alice, enterprise):
    client = api.as_(alice)
    base = {**POSITION, "enterprise": enterprise.pk}
    for change, code, field in [
        ({"daily_hours": "9"}, "hours_exceeded", "daily_hours"),
        ({"night_shift": True}, "night_shift", "exception_filing"),
        ({"monthly_pay": "3000"}, "pay_below_minimum", "monthly_pay"),
    ]:
        response = client.post("/api/v1/positions/", {**base, **change})
        assert response.status_code == 400
        assert response.json()["code"] == code
        assert field in response.json()
    assert client.post("/api/v1/positions/", {**base, "capacity": 0}).status_code == 400
    assert client.post("/api/v1/positions/", base).status_code == 201


def test_a_closed_position_takes_no_placement(api, alice):
    position = PositionFactory(is_open=False)
    response = api.as_(alice).post(
        "/api/v1/placements/", {"student": StudentFactory().pk, "position": position.pk}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "position_closed"


def test_the_position_list_costs_the_same_for_5_and_100(
    api, lily, enterprise, django_assert_num_queries
):
    PositionFactory.create_batch(5, enterprise=enterprise)
    client = api.as_(lily)
    # token + user, groups, liaison's enterprise, count, page
    with django_assert_num_queries(5):
        client.get("/api/v1/positions/?page_size=200")
    PositionFactory.create_batch(95, enterprise=enterprise)
    with django_assert_num_queries(5):
        assert client.get("/api/v1/positions/?page_size=200").json()["count"] == 100


# -- attendance ---------------------------------------------------------------


@pytest.fixture
def active(enterprise, tom):
    return PlacementFactory(
        position=PositionFactory(enterprise=enterprise),
        supervisor=tom,
        status=Placement.Status.ACTIVE,
    )


def test_attendance_is_one_per_day_inside_the_placement(api, lily, active):
    client = api.as_(lily)
    day = {"placement": active.pk, "date": str(START), "status": "present"}
    created = client.post("/api/v1/attendance/", day)
    assert created.status_code == 201
    assert set(created.json()) == {"id", "placement", "date", "status", "hours", "night_hours"}
    duplicate = client.post("/api/v1/attendance/", {**day, "status": "absent"})
    assert duplicate.status_code == 400
    assert duplicate.json()["code"] == "attendance_duplicate"
    before = client.post(
        "/api/v1/attendance/", {**day, "date": str(START - datetime.timedelta(days=1))}
    )
    assert before.status_code == 400
    assert before.json()["code"] == "attendance_outside_dates"
    after = client.post("/api/v1/attendance/", {**day, "date": str(END + datetime.timedelta(1))})
    assert after.json()["code"] == "attendance_outside_dates"
    assert client.post("/api/v1/attendance/", {**day, "status": "late"}).status_code == 400
    url = f"/api/v1/attendance/{created.json()['id']}/"
    assert client.patch(url, {"status": "leave"}).json()["status"] == "leave"


def test_a_week_is_recorded_all_or_nothing(active):
    from common.exceptions import RuleError
    from internships.services import attendance_record_week

    week = {START + datetime.timedelta(days=i): "present" for i in range(5)}
    rows = attendance_record_week(placement=active, statuses=week)
    assert len(rows) == 5
    # Saving the sheet again corrects a day instead of refusing it.
    attendance_record_week(placement=active, statuses={START: "absent"})
    assert Attendance.objects.get(placement=active, date=START).status == "absent"
    # One bad day (before the start) and nothing of the week is written.
    bad = {START - datetime.timedelta(days=1): "present", END: "present"}
    with pytest.raises(RuleError):
        attendance_record_week(placement=active, statuses=bad)
    assert not Attendance.objects.filter(date=END).exists()


def test_the_attendance_list_costs_the_same_for_5_and_100(
    api, alice, active, django_assert_num_queries
):
    from internships.services import attendance_record_week

    attendance_record_week(
        placement=active, statuses={START + datetime.timedelta(i): "present" for i in range(5)}
    )
    client = api.as_(alice)
    # token + user, groups, count, page
    with django_assert_num_queries(4):
        client.get("/api/v1/attendance/?page_size=200")
    attendance_record_week(
        placement=active, statuses={START + datetime.timedelta(i): "present" for i in range(100)}
    )
    with django_assert_num_queries(4):
        assert client.get("/api/v1/attendance/?page_size=200").json()["count"] == 100


# -- logs ---------------------------------------------------------------------


def test_an_incident_notifies_the_supervisor_and_administrators_at_once(
    api, lily, tom, alice, active, django_capture_on_commit_callbacks, mailoutbox
):
    other_teacher = UserFactory(role="teacher")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.as_(lily).post(
            "/api/v1/placement-logs/",
            {"placement": active.pk, "kind": "incident", "date": str(START), "text": "Cut hand"},
        )
    assert response.status_code == 201
    assert set(response.json()) == {"id", "placement", "kind", "date", "text"}
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"tom", "alice"}
    assert other_teacher.notifications.count() == 0
    assert Notification.objects.filter(kind="placement_incident", object_id=active.pk).exists()


def test_a_weekly_report_notifies_nobody(api, lily, active, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        api.as_(lily).post(
            "/api/v1/placement-logs/",
            {"placement": active.pk, "kind": "weekly", "date": str(START), "text": "Good week"},
        )
    assert Notification.objects.count() == 0


def test_the_log_list_costs_the_same_for_5_and_100(api, tom, active, django_assert_num_queries):
    from internships.services import placement_log_create

    for _ in range(5):
        placement_log_create(placement=active, kind="visit", date=START, text="Visited")
    client = api.as_(tom)
    # token + user, groups, count, page
    with django_assert_num_queries(4):
        client.get("/api/v1/placement-logs/?page_size=200")
    for _ in range(95):
        placement_log_create(placement=active, kind="visit", date=START, text="Visited")
    with django_assert_num_queries(4):
        assert client.get("/api/v1/placement-logs/?page_size=200").json()["count"] == 100


# -- evaluations --------------------------------------------------------------


def test_each_side_evaluates_once_and_the_grade_weighs_both(api, lily, tom, active):
    enterprise_side = api.as_(lily).post(
        "/api/v1/evaluations/",
        {"placement": active.pk, "side": "enterprise", "scores": SCORES, "comment": "Reliable"},
    )
    assert enterprise_side.status_code == 201, enterprise_side.content
    assert set(enterprise_side.json()) == {"id", "placement", "side", "scores", "comment", "total"}
    assert enterprise_side.json()["total"] == 85.0
    again = api.as_(lily).post(
        "/api/v1/evaluations/", {"placement": active.pk, "side": "enterprise", "scores": SCORES}
    )
    assert again.status_code == 400
    assert again.json()["code"] == "evaluation_exists"
    wrong_side = api.as_(lily).post(
        "/api/v1/evaluations/", {"placement": active.pk, "side": "school", "scores": SCORES}
    )
    assert wrong_side.status_code == 403
    assert placement_grade(active) is None
    school = {**SCORES, "skills": 100}  # total 89
    assert (
        api.as_(tom)
        .post("/api/v1/evaluations/", {"placement": active.pk, "side": "school", "scores": school})
        .json()["total"]
        == 89.0
    )
    assert placement_grade(active) == 87.0
    with override_settings(INTERNSHIP_GRADE_WEIGHTS={"enterprise": 30, "school": 70}):
        assert placement_grade(active) == 87.8


@pytest.mark.parametrize(
    "scores",
    [
        {**SCORES, "skills": 101},
        {**SCORES, "skills": -1},
        {**SCORES, "skills": "high"},
        {**SCORES, "skills": 80.5},
        {k: v for k, v in SCORES.items() if k != "learning"},
        {**SCORES, "humour": 90},
        [1, 2, 3],
    ],
)
def test_scores_must_be_every_criterion_from_0_to_100(api, alice, active, scores):
    response = api.as_(alice).post(
        "/api/v1/evaluations/", {"placement": active.pk, "side": "school", "scores": scores}
    )
    assert response.status_code == 400
    assert "scores" in response.json()
    assert not Evaluation.objects.exists()


def test_an_evaluation_is_edited_in_place(api, alice, active):
    client = api.as_(alice)
    created = client.post(
        "/api/v1/evaluations/", {"placement": active.pk, "side": "school", "scores": SCORES}
    ).json()
    patched = client.patch(
        f"/api/v1/evaluations/{created['id']}/", {"scores": {**SCORES, "learning": 100}}
    )
    assert patched.status_code == 200
    assert patched.json()["total"] == 90.0


def test_the_evaluation_list_costs_the_same_for_2_and_40(
    api, alice, enterprise, django_assert_num_queries
):
    from internships.services import evaluation_save

    position = PositionFactory(enterprise=enterprise, capacity=50)

    def evaluated(n):
        for placement in PlacementFactory.create_batch(n, position=position, status="active"):
            evaluation_save(placement=placement, side="school", scores=SCORES)

    evaluated(2)
    client = api.as_(alice)
    # token + user, groups, count, page
    with django_assert_num_queries(4):
        client.get("/api/v1/evaluations/?page_size=200")
    evaluated(38)
    with django_assert_num_queries(4):
        assert client.get("/api/v1/evaluations/?page_size=200").json()["count"] == 40


def test_only_the_supervising_teacher_and_the_enterprises_liaison_evaluate(tom, leo, enterprise):
    from common.exceptions import RuleError
    from internships.services import evaluation_save

    placement = PlacementFactory(position=PositionFactory(enterprise=enterprise), status="active")
    with pytest.raises(RuleError) as teacher:
        evaluation_save(placement=placement, side="school", scores=SCORES, author=tom)
    with pytest.raises(RuleError) as liaison:
        evaluation_save(placement=placement, side="enterprise", scores=SCORES, author=leo)
    assert teacher.value.status == liaison.value.status == 403
    services_placement = placement
    from internships.services import placement_update

    placement_update(placement=services_placement, supervisor=tom)
    services_placement.refresh_from_db()
    assert (
        evaluation_save(
            placement=services_placement, side="school", scores=SCORES, author=tom
        ).total
        == 85.0
    )


def test_an_administrators_position_needs_an_enterprise(api, alice):
    response = api.as_(alice).post("/api/v1/positions/", POSITION)
    assert response.status_code == 400
    assert "enterprise" in response.json()


def test_attendance_is_not_recorded_for_days_still_to_come(api, lily, enterprise):
    from django.utils import timezone

    today = timezone.localdate()
    placement = PlacementFactory(
        position=PositionFactory(
            enterprise=enterprise,
            starts_on=today - datetime.timedelta(days=10),
            ends_on=today + datetime.timedelta(days=30),
        ),
        status=Placement.Status.ACTIVE,
    )
    client = api.as_(lily)
    day = {"placement": placement.pk, "status": "present"}
    ahead = client.post(
        "/api/v1/attendance/", {**day, "date": str(today + datetime.timedelta(days=10))}
    )
    assert ahead.status_code == 400
    assert ahead.json()["code"] == "attendance_in_future"
    assert client.post("/api/v1/attendance/", {**day, "date": str(today)}).status_code == 201
