import datetime
from decimal import Decimal

import pytest

from internships.models import Attendance, Evaluation, Placement, Position
from tests.internships.factories import (
    END,
    START,
    PlacementFactory,
    PositionFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def as_lily(client, lily):
    client.force_login(lily)
    return client


@pytest.fixture
def as_tom(client, tom):
    client.force_login(tom)
    return client


# -- administrator pages ----------------------------------------------------------


def test_the_placement_list_filters_by_kind_status_and_warnings(as_alice):
    post = PositionFactory(
        kind="post", starts_on=datetime.date(2026, 3, 1), ends_on=datetime.date(2026, 12, 31)
    )
    long = PlacementFactory(position=post, student=StudentFactory(name="Long Intern"))
    PlacementFactory(student=StudentFactory(name="Short Intern"), status="active")
    page = as_alice.get("/internships/placements/?has_warnings=true").content.decode()
    assert "Long Intern" in page and "Short Intern" not in page
    page = as_alice.get("/internships/placements/?status=active").content.decode()
    assert "Short Intern" in page and "Long Intern" not in page
    page = as_alice.get("/internships/placements/?kind=post&sort=-ends_on").content.decode()
    assert "Long Intern" in page and "Short Intern" not in page
    assert as_alice.get(f"/internships/placements/{long.pk}/").status_code == 200


def test_the_placement_list_costs_the_same_for_3_and_60_rows(as_alice, django_assert_num_queries):
    position = PositionFactory(capacity=100)
    PlacementFactory.create_batch(3, position=position)
    # session, user, groups, unread notifications, the filter form's major
    # options, count, page
    with django_assert_num_queries(7):
        as_alice.get("/internships/placements/?page_size=100")
    PlacementFactory.create_batch(57, position=position)
    with django_assert_num_queries(7):
        as_alice.get("/internships/placements/?page_size=100")


def test_the_placement_form_shows_a_rule_failure_next_to_its_field(as_alice):
    position = PositionFactory(kind="shadow")
    minor = StudentFactory(date_of_birth=START.replace(year=START.year - 15))
    response = as_alice.post(
        "/internships/placements/new/", {"student": minor.pk, "position": position.pk}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Students under 16" in form.errors["student"][0]
    assert not Placement.objects.exists()
    ok = as_alice.post(
        "/internships/placements/new/", {"student": StudentFactory().pk, "position": position.pk}
    )
    assert ok.status_code == 302


def test_the_position_form_shows_night_shift_next_to_the_filing(as_alice, enterprise):
    data = {
        "enterprise": enterprise.pk,
        "title": "Night packer",
        "kind": "cognitive",
        "capacity": 3,
        "starts_on": "2026-09-01",
        "ends_on": "2026-10-01",
        "daily_hours": "8",
        "night_shift": "on",
        "exception_filing": "",
        "monthly_pay": "0",
        "post_wage": "0",
        "post_headcount": "0",
    }
    response = as_alice.post("/internships/positions/new/", data)
    assert "exception_filing" in response.context["form"].errors
    assert not Position.objects.exists()
    assert (
        as_alice.post(
            "/internships/positions/new/", {**data, "exception_filing": "辽教备〔2026〕9号"}
        ).status_code
        == 302
    )


def test_an_administrator_activates_and_the_refusal_is_explained(as_alice):
    # A follow-post placement needs the agreement (a cognitive one does not).
    placement = PlacementFactory(position=PositionFactory(kind="shadow"), agreement_signed=False)
    response = as_alice.post(f"/internships/placements/{placement.pk}/activate/do/", follow=True)
    assert "tripartite agreement" in response.content.decode()
    placement.refresh_from_db()
    assert placement.status == "planned"


def test_the_student_and_position_lists_render(as_alice, django_assert_num_queries):
    StudentFactory.create_batch(3)
    PositionFactory.create_batch(3)
    assert as_alice.get("/internships/students/?cohort=2024").status_code == 200
    assert as_alice.get("/internships/positions/?kind=post").status_code == 200


def test_the_student_list_costs_the_same_for_5_and_60(as_alice, django_assert_num_queries):
    StudentFactory.create_batch(5)
    # session, user, groups, unread notifications, major options, count,
    # page
    with django_assert_num_queries(7):
        as_alice.get("/internships/students/?page_size=100")
    StudentFactory.create_batch(55)
    with django_assert_num_queries(7):
        as_alice.get("/internships/students/?page_size=100")


def test_a_teacher_sees_only_the_placements_they_supervise(as_tom, tom):
    mine = PlacementFactory(supervisor=tom, student=StudentFactory(name="Mine"))
    other = PlacementFactory(student=StudentFactory(name="Theirs"))
    page = as_tom.get("/internships/placements/").content.decode()
    assert "Mine" in page and "Theirs" not in page
    assert as_tom.get(f"/internships/placements/{other.pk}/").status_code == 404
    assert as_tom.get("/internships/placements/new/").status_code == 403
    assert as_tom.get(f"/internships/placements/{mine.pk}/").status_code == 200


def test_a_teacher_records_a_visit_and_the_school_evaluation(as_tom, tom):
    placement = PlacementFactory(supervisor=tom, status="active")
    as_tom.post(
        f"/internships/placements/{placement.pk}/logs/",
        {"kind": "visit", "date": str(START), "text": "Visited the workshop"},
    )
    assert "Visited the workshop" in as_tom.get("/internships/visits/").content.decode()
    scores = {"skills": 90, "attitude": 90, "teamwork": 90, "discipline": 90, "learning": 90}
    response = as_tom.post(
        f"/internships/placements/{placement.pk}/evaluation/school/", {**scores, "comment": "ok"}
    )
    assert response.status_code == 302
    assert Evaluation.objects.get(placement=placement, side="school").total == 90
    refused = as_tom.post(f"/internships/placements/{placement.pk}/evaluation/enterprise/", scores)
    assert refused.status_code == 200
    assert not Evaluation.objects.filter(side="enterprise").exists()


def test_the_liaison_cannot_open_staff_pages(as_lily):
    assert as_lily.get("/internships/placements/").status_code == 403


# -- the liaison portal -----------------------------------------------------------


@pytest.fixture
def interns(enterprise):
    position = PositionFactory(enterprise=enterprise, capacity=10)
    return [
        PlacementFactory(
            position=position, student=StudentFactory(name=f"Intern {i}"), status="active"
        )
        for i in range(2)
    ]


def test_the_portal_home_and_lists_show_only_the_liaisons_enterprise(
    as_lily, interns, other_enterprise
):
    elsewhere = PlacementFactory(
        position=PositionFactory(enterprise=other_enterprise, title="Foreign post"),
        student=StudentFactory(name="Foreign Intern"),
    )
    assert as_lily.get("/portal/").status_code == 200
    page = as_lily.get("/portal/interns/").content.decode()
    assert "Intern 0" in page and "Foreign Intern" not in page
    assert "2005" not in page  # no date of birth
    assert "Foreign post" not in as_lily.get("/portal/positions/").content.decode()
    assert as_lily.get(f"/portal/interns/{elsewhere.pk}/").status_code == 404
    assert as_lily.get(f"/portal/positions/{elsewhere.position_id}/edit/").status_code == 404
    assert as_lily.post(f"/portal/positions/{elsewhere.position_id}/close/").status_code == 404


def test_the_portal_is_only_for_liaisons(as_alice):
    assert as_alice.get("/portal/").status_code == 403


def test_a_liaison_creates_and_closes_a_position_for_their_enterprise(as_lily, enterprise):
    data = {
        "title": "Assembler",
        "kind": "post",
        "capacity": 2,
        "starts_on": "2026-09-01",
        "ends_on": "2026-12-01",
        "daily_hours": "8",
        "exception_filing": "",
        "monthly_pay": "1000",
        "post_wage": "4000",
        "post_headcount": "10",
    }
    refused = as_lily.post("/portal/positions/new/", data)
    assert "monthly_pay" in refused.context["form"].errors
    assert (
        as_lily.post("/portal/positions/new/", {**data, "monthly_pay": "3200"}).status_code == 302
    )
    position = Position.objects.get(title="Assembler")
    assert position.enterprise == enterprise
    as_lily.post(f"/portal/positions/{position.pk}/close/")
    position.refresh_from_db()
    assert not position.is_open


def test_the_portal_refuses_a_position_named_for_another_enterprise(
    as_lily, enterprise, other_enterprise
):
    data = {
        "title": "Forklift driver",
        "kind": "cognitive",
        "capacity": 2,
        "starts_on": "2026-09-01",
        "ends_on": "2026-12-01",
        "daily_hours": "8",
        "monthly_pay": "3200",
        "post_wage": "4000",
        "post_headcount": "10",
    }
    refused = as_lily.post("/portal/positions/new/", {**data, "enterprise": other_enterprise.pk})
    assert refused.status_code == 200
    assert "You may only offer positions of your own enterprise." in refused.content.decode()
    assert not Position.objects.filter(title="Forklift driver").exists()
    mine = PositionFactory(enterprise=enterprise, title="Packer")
    edit = {**data, "title": "Packer", "enterprise": other_enterprise.pk}
    assert as_lily.post(f"/portal/positions/{mine.pk}/edit/", edit).status_code == 200
    mine.refresh_from_db()
    assert mine.enterprise == enterprise
    assert as_lily.post("/portal/positions/new/", data).status_code == 302
    assert Position.objects.get(title="Forklift driver").enterprise == enterprise


def test_the_weekly_sheet_saves_a_week_of_interns_at_once(as_lily, interns):
    monday = START  # 2026-03-02 is a Monday
    page = as_lily.get(f"/portal/attendance/?week={monday}").content.decode()
    assert "Intern 0" in page and "Intern 1" in page
    data = {"week": str(monday)}
    for placement in interns:
        for i in range(5):
            data[f"a-{placement.pk}-{monday + datetime.timedelta(days=i)}"] = "present"
    data[f"a-{interns[0].pk}-{monday}"] = "leave"
    response = as_lily.post("/portal/attendance/", data)
    assert response.status_code == 302
    assert Attendance.objects.count() == 10
    assert Attendance.objects.get(placement=interns[0], date=monday).status == "leave"
    # Saving again corrects the sheet.
    data[f"a-{interns[0].pk}-{monday}"] = "present"
    as_lily.post("/portal/attendance/", data)
    assert Attendance.objects.get(placement=interns[0], date=monday).status == "present"


def test_the_weekly_sheet_takes_each_days_hours(as_lily, interns):
    monday = START
    day = f"{interns[0].pk}-{monday}"
    data = {"week": str(monday), f"a-{day}": "present", f"h-{day}": "9.5"}
    assert as_lily.post("/portal/attendance/", data).status_code == 302
    row = Attendance.objects.get(placement=interns[0], date=monday)
    assert row.hours == Decimal("9.5")
    page = as_lily.get(f"/portal/attendance/?week={monday}").content.decode()
    assert f'name="h-{day}" value="9.5"' in page
    # A status saved again without touching the hours keeps them; cleared, they go.
    as_lily.post("/portal/attendance/", {**data, f"a-{day}": "leave"})
    row.refresh_from_db()
    assert (row.status, row.hours) == ("leave", Decimal("9.5"))
    as_lily.post("/portal/attendance/", {**data, f"h-{day}": ""})
    row.refresh_from_db()
    assert row.hours is None


def test_bad_hours_save_nothing_of_the_sheet_and_say_why(as_lily, interns):
    monday = START
    data = {
        "week": str(monday),
        f"a-{interns[0].pk}-{monday}": "present",
        f"h-{interns[0].pk}-{monday}": "8",
        f"a-{interns[1].pk}-{monday}": "present",
        f"h-{interns[1].pk}-{monday}": "25",
    }
    response = as_lily.post("/portal/attendance/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hours are a number from 0 to 24" in page
    assert 'value="25"' in page and "is-invalid" in page
    assert Attendance.objects.count() == 0


def test_a_bad_cell_saves_nothing_of_the_sheet(as_lily, interns):
    monday = START
    data = {
        "week": str(monday),
        f"a-{interns[0].pk}-{monday}": "present",
        f"a-{interns[1].pk}-{monday}": "asleep",
    }
    response = as_lily.post("/portal/attendance/", data)
    assert response.status_code == 200
    assert Attendance.objects.count() == 0


def test_the_liaison_logs_evaluates_and_records_the_hire(as_lily, interns, tom):
    placement = interns[0]
    as_lily.post(
        f"/portal/interns/{placement.pk}/logs/",
        {"kind": "weekly", "date": str(START), "text": "Learned the lathe"},
    )
    assert "Learned the lathe" in as_lily.get(f"/portal/interns/{placement.pk}/").content.decode()
    scores = {"skills": 70, "attitude": 80, "teamwork": 90, "discipline": 100, "learning": 60}
    assert as_lily.post(f"/portal/interns/{placement.pk}/evaluation/", scores).status_code == 302
    assert Evaluation.objects.get(placement=placement, side="enterprise").total == 80
    bad = as_lily.post(f"/portal/interns/{placement.pk}/evaluation/", {**scores, "skills": 120})
    assert bad.status_code == 200
    from internships.services import placement_complete

    placement_complete(placement=placement)
    as_lily.post(f"/portal/interns/{placement.pk}/hired/", {"hired": "yes"})
    placement.refresh_from_db()
    assert placement.hired == "yes"


def test_the_weekly_sheet_costs_the_same_for_2_and_20_interns(
    as_lily, enterprise, django_assert_num_queries
):
    position = PositionFactory(enterprise=enterprise, capacity=30)
    PlacementFactory.create_batch(2, position=position, status="active")
    # session, user, groups, unread notifications, liaison's enterprise,
    # placements, attendance
    with django_assert_num_queries(7):
        as_lily.get(f"/portal/attendance/?week={START}")
    PlacementFactory.create_batch(18, position=position, status="active")
    with django_assert_num_queries(7):
        as_lily.get(f"/portal/attendance/?week={START}")


def test_the_portal_intern_list_costs_the_same_for_2_and_30(
    as_lily, enterprise, django_assert_num_queries
):
    position = PositionFactory(enterprise=enterprise, capacity=40)
    PlacementFactory.create_batch(2, position=position)
    # session, user, groups, unread notifications, liaison's enterprise,
    # count, page
    with django_assert_num_queries(7):
        as_lily.get("/portal/interns/?page_size=100")
    PlacementFactory.create_batch(28, position=position)
    with django_assert_num_queries(7):
        as_lily.get("/portal/interns/?page_size=100")


def test_end_is_after_start():
    assert END > START


def test_the_position_list_costs_the_same_for_3_and_60(as_alice, django_assert_num_queries):
    PositionFactory.create_batch(3)
    # session, user, groups, unread notifications, count, page (with the
    # placed count annotated)
    with django_assert_num_queries(6):
        as_alice.get("/internships/positions/?page_size=100")
    PositionFactory.create_batch(57)
    with django_assert_num_queries(6):
        as_alice.get("/internships/positions/?page_size=100")


def test_the_portal_position_list_costs_the_same_for_3_and_60(
    as_lily, enterprise, django_assert_num_queries
):
    PositionFactory.create_batch(3, enterprise=enterprise)
    # session, user, groups, unread notifications, liaison's enterprise,
    # count, page
    with django_assert_num_queries(7):
        as_lily.get("/portal/positions/?page_size=100")
    PositionFactory.create_batch(57, enterprise=enterprise)
    with django_assert_num_queries(7):
        as_lily.get("/portal/positions/?page_size=100")


def test_the_visit_list_costs_the_same_for_2_and_40(as_tom, tom, django_assert_num_queries):
    from internships.services import placement_log_create

    placement = PlacementFactory(supervisor=tom, status="active")

    def visits(n):
        for _ in range(n):
            placement_log_create(placement=placement, kind="visit", date=START, text="Visit")

    visits(2)
    # session, user, groups, unread notifications, count, page
    with django_assert_num_queries(6):
        as_tom.get("/internships/visits/?page_size=100")
    visits(38)
    with django_assert_num_queries(6):
        as_tom.get("/internships/visits/?page_size=100")


def test_future_days_of_the_sheet_take_no_entry(as_lily, enterprise):
    from django.utils import timezone

    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    position = PositionFactory(
        enterprise=enterprise,
        starts_on=monday - datetime.timedelta(days=7),
        ends_on=monday + datetime.timedelta(days=30),
    )
    placement = PlacementFactory(position=position, status="active")
    page = as_lily.get(f"/portal/attendance/?week={monday}").content.decode()
    assert f'name="a-{placement.pk}-{today}"' in page
    assert f'name="a-{placement.pk}-{today + datetime.timedelta(days=1)}"' not in page
