"""A whole internship played through the API by its four people.

An administrator sets up the plan, the workplace and the placement; the
student checks in (off site refused without a reason, then on site), writes
journals that are returned and resubmitted, hands in a report; the teacher
reviews; the liaison keeps the attendance sheet and evaluates; the grade's
arithmetic is checked against the plan's weights and the teacher approves it.
"""

import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from common.workdays import workdays_between
from practice.models import CheckIn, InternshipReport, Journal
from tests.internships.factories import PositionFactory
from tests.practice.factories import FAR, NEAR, SITE, student_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LONG = "今天在车间跟着师傅学习数控机床的操作，记录了加工参数并整理了安全规范。" * 3


def pdf(name="report.pdf", content=PDF):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def week(weeks_ago: int = 1) -> tuple[str, str]:
    """A week (Monday to Sunday) of an internship running now."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7 * weeks_ago)
    return monday.isoformat(), (monday + datetime.timedelta(days=6)).isoformat()


def one_decimal(value) -> float:
    return float(Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@pytest.fixture
def people(alice, tom, lily, enterprise):
    xiaoming = student_user("xiaoming")
    return {"admin": alice, "teacher": tom, "liaison": lily, "student": xiaoming}


def test_a_whole_internship(api, people, enterprise):
    admin, teacher, liaison, student = (
        people["admin"],
        people["teacher"],
        people["liaison"],
        people["student"],
    )
    today = timezone.localdate()
    start = today - datetime.timedelta(days=7)

    # The plan.
    plan = api.as_(admin).post(
        "/api/v1/internship-plans/",
        {
            "name": "2026 CNC post internship",
            "cohort": 2024,
            "kind": "cognitive",
            "geofence_m": 500,
            "weekly_journals": 2,
            "monthly_reports": 0,
            "journal_min_chars": 50,
            "weights": {
                "attendance": 30,
                "journals": 20,
                "report": 10,
                "enterprise": 20,
                "school": 20,
            },
            "pass_mark": 60,
        },
        format="json",
    )
    assert plan.status_code == 201, plan.content
    assert plan.json()["weights"]["attendance"] == 30
    bad = api.post(
        "/api/v1/internship-plans/",
        {"name": "Wrong", "weights": {**plan.json()["weights"], "school": 21}},
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "plan_weights_sum"

    # The workplace, located by the administrator.
    position = PositionFactory(enterprise=enterprise, starts_on=start, ends_on=today)
    located = api.patch(
        f"/api/v1/positions/{position.pk}/",
        {"site_address": "Hunnan district, Shenyang", "site_lat": SITE[0], "site_lng": SITE[1]},
        format="json",
    )
    assert located.status_code == 200, located.content
    assert located.json()["site_lat"] == "41.736200"

    # The placement, in the plan, supervised by the teacher.
    created = api.post(
        "/api/v1/placements/",
        {
            "student": student.student_record.pk,
            "position": position.pk,
            "plan": plan.json()["id"],
            "supervisor": teacher.pk,
            "agreement_signed": True,
            "guardian_consent": True,
            "insurance_policy": "PICC-1",
            "insurance_expires_on": today.isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    placement_id = created.json()["id"]
    assert created.json()["plan"] == plan.json()["id"]
    assert api.post(f"/api/v1/placements/{placement_id}/activate/").status_code == 200

    # The student sees only themselves.
    me = api.as_(student).get("/api/v1/me/").json()
    assert me["role"] == "student"
    mine = api.get("/api/v1/placements/").json()
    assert [p["id"] for p in mine["results"]] == [placement_id]
    assert api.get("/api/v1/students/").json()["count"] == 1

    # Check-ins: off site needs a reason; nothing is stored without one.
    far = {"placement": placement_id, "lat": FAR[0], "lng": FAR[1], "accuracy_m": 20}
    refused = api.post("/api/v1/check-ins/", far, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "off_site_reason_required"
    assert not CheckIn.objects.exists()
    near = {"placement": placement_id, "lat": NEAR[0], "lng": NEAR[1], "accuracy_m": 20}
    checked = api.post("/api/v1/check-ins/", near, format="json")
    assert checked.status_code == 201, checked.content
    assert checked.json()["on_site"] is True
    assert 100 < checked.json()["distance_m"] < 250
    again = api.post("/api/v1/check-ins/", near, format="json")
    assert again.status_code == 400 and again.json()["code"] == "already_checked_in"
    out = api.post(f"/api/v1/check-ins/{checked.json()['id']}/check_out/")
    assert out.status_code == 200 and out.json()["hours"] is not None

    # The liaison sees today's check-in and keeps the attendance sheet.
    required = workdays_between(start, today)
    api.as_(liaison)
    assert api.get("/api/v1/check-ins/").json()["count"] == 1
    for day in required[1:]:
        response = api.post(
            "/api/v1/attendance/",
            {"placement": placement_id, "date": day.isoformat(), "status": "present"},
            format="json",
        )
        assert response.status_code == 201, response.content
    attended = set(required[1:]) | ({today} & set(required))

    # Journals: too short, returned, resubmitted, reviewed.
    api.as_(student)
    week = {"placement": placement_id, "kind": "weekly"}
    first = api.post(
        "/api/v1/journals/",
        {
            **week,
            "period_start": start.isoformat(),
            "period_end": (start + datetime.timedelta(days=6)).isoformat(),
            "text": "太短",
        },
        format="json",
    ).json()
    assert first["status"] == "draft"
    short = api.post(f"/api/v1/journals/{first['id']}/submit/")
    assert short.status_code == 400 and short.json()["code"] == "journal_too_short"
    assert (
        api.patch(f"/api/v1/journals/{first['id']}/", {"text": LONG}, format="json").status_code
        == 200
    )
    assert api.post(f"/api/v1/journals/{first['id']}/submit/").json()["status"] == "submitted"
    second = api.post(
        "/api/v1/journals/",
        {**week, "period_start": today.isoformat(), "period_end": today.isoformat(), "text": LONG},
        format="json",
    ).json()
    api.post(f"/api/v1/journals/{second['id']}/submit/")

    api.as_(teacher)
    returned = api.post(
        f"/api/v1/journals/{first['id']}/return/", {"comment": "写具体一些"}, format="json"
    )
    assert returned.json()["status"] == "returned"
    api.as_(student)
    api.patch(f"/api/v1/journals/{first['id']}/", {"text": LONG + "补充"}, format="json")
    assert api.post(f"/api/v1/journals/{first['id']}/submit/").json()["status"] == "submitted"
    api.as_(teacher)
    assert (
        api.post(f"/api/v1/journals/{first['id']}/review/", {"score": 80}, format="json").json()[
            "score"
        ]
        == 80
    )
    api.post(
        f"/api/v1/journals/{second['id']}/review/", {"score": 90, "comment": "好"}, format="json"
    )

    # The report: a wrong type is refused; returned, replaced, reviewed.
    api.as_(student)
    wrong = api.post(
        "/api/v1/internship-reports/",
        {"placement": placement_id, "file": pdf("report.exe", b"MZ\x90\x00"), "summary": "S"},
        format="multipart",
    )
    assert wrong.status_code == 400 and wrong.json()["code"] == "report_file_type"
    assert not InternshipReport.objects.exists()
    report = api.post(
        "/api/v1/internship-reports/",
        {"placement": placement_id, "file": pdf(), "summary": "我的实习总结"},
        format="multipart",
    ).json()
    assert report["status"] == "submitted"
    api.as_(teacher)
    api.post(
        f"/api/v1/internship-reports/{report['id']}/return/", {"comment": "补充数据"}, format="json"
    )
    api.as_(student)
    replaced = api.patch(
        f"/api/v1/internship-reports/{report['id']}/", {"file": pdf("v2.pdf")}, format="multipart"
    )
    assert replaced.status_code == 200, replaced.content
    assert (
        api.post(f"/api/v1/internship-reports/{report['id']}/submit/").json()["status"]
        == "submitted"
    )
    api.as_(teacher)
    # The teacher reads the file the student handed in (the replaced one).
    download = api.get(f"/api/v1/internship-reports/{report['id']}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="v2.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF
    assert (
        api.post(
            f"/api/v1/internship-reports/{report['id']}/review/", {"score": 70}, format="json"
        ).json()["score"]
        == 70
    )
    # The enterprise's liaison does not read the student's report.
    assert api.as_(liaison).get(
        f"/api/v1/internship-reports/{report['id']}/download/"
    ).status_code in (403, 404)
    api.as_(teacher)

    # The evaluations.
    scores = dict.fromkeys(("skills", "attitude", "teamwork", "discipline", "learning"), 80)
    api.as_(liaison).post(
        "/api/v1/evaluations/",
        {"placement": placement_id, "side": "enterprise", "scores": scores},
        format="json",
    )
    school = {
        **scores,
        "skills": 90,
        "attitude": 90,
        "teamwork": 90,
        "discipline": 90,
        "learning": 95,
    }
    api.as_(teacher).post(
        "/api/v1/evaluations/",
        {"placement": placement_id, "side": "school", "scores": school},
        format="json",
    )

    # The student does not see the grade before it is approved.
    hidden = api.as_(student).get(f"/api/v1/placements/{placement_id}/grade/").json()
    assert hidden == {
        "attendance": None,
        "journals": None,
        "report": None,
        "enterprise": None,
        "school": None,
        "total": None,
        "passed": None,
        "approved": False,
    }

    # The arithmetic.
    attendance = one_decimal(Decimal(len(attended)) * 100 / len(required))
    expected = {
        "attendance": attendance,
        "journals": 85.0,  # (80 + 90) / 2, both required journals handed in
        "report": 70.0,
        "enterprise": 80.0,
        "school": 91.0,
    }
    weights = {"attendance": 30, "journals": 20, "report": 10, "enterprise": 20, "school": 20}
    total = one_decimal(sum(Decimal(str(expected[k])) * weights[k] for k in weights) / 100)
    grade = api.as_(teacher).get(f"/api/v1/placements/{placement_id}/grade/").json()
    assert grade == {**expected, "total": total, "passed": total >= 60, "approved": False}

    # Approved once the placement is completed; then locked.
    early = api.post(f"/api/v1/placements/{placement_id}/approve_grade/")
    assert early.status_code == 400 and early.json()["code"] == "placement_not_completed"
    assert api.as_(admin).post(f"/api/v1/placements/{placement_id}/complete/").status_code == 200
    approved = api.as_(teacher).post(f"/api/v1/placements/{placement_id}/approve_grade/")
    assert approved.status_code == 200, approved.content
    assert approved.json() == {**grade, "approved": True}
    again = api.post(f"/api/v1/placements/{placement_id}/approve_grade/")
    assert again.status_code == 409 and again.json()["code"] == "grade_locked"
    shown = api.as_(student).get(f"/api/v1/placements/{placement_id}/grade/").json()
    assert shown == {**grade, "approved": True}
    assert Journal.objects.filter(status="reviewed").count() == 2


def test_a_student_probing_another_students_data_finds_nothing(api, tom):
    xiaoming = student_user("xiaoming")
    xiaohong = student_user("xiaohong")
    from tests.practice.factories import current_placement

    mine = current_placement(xiaoming, supervisor=tom)
    theirs = current_placement(xiaohong, supervisor=tom)
    api.as_(xiaohong)
    checkin = api.post(
        "/api/v1/check-ins/",
        {"placement": theirs.pk, "lat": NEAR[0], "lng": NEAR[1], "accuracy_m": 10},
        format="json",
    ).json()
    journal = api.post(
        "/api/v1/journals/",
        {
            "placement": theirs.pk,
            "kind": "weekly",
            "period_start": week()[0],
            "period_end": week()[1],
            "text": LONG,
        },
        format="json",
    ).json()

    api.as_(xiaoming)
    for path in (
        f"/api/v1/check-ins/{checkin['id']}/",
        f"/api/v1/journals/{journal['id']}/",
        f"/api/v1/placements/{theirs.pk}/",
        f"/api/v1/placements/{theirs.pk}/grade/",
        f"/api/v1/students/{xiaohong.student_record.pk}/",
    ):
        assert api.get(path).status_code == 404, path
    assert api.post(f"/api/v1/check-ins/{checkin['id']}/check_out/").status_code == 404
    assert api.post(f"/api/v1/journals/{journal['id']}/submit/").status_code == 404
    assert (
        api.patch(f"/api/v1/journals/{journal['id']}/", {"text": "x"}, format="json").status_code
        == 404
    )
    for path in ("/api/v1/check-ins/", "/api/v1/journals/"):
        assert api.get(path).json()["count"] == 0, path
    placements = api.get("/api/v1/placements/").json()["results"]
    assert [p["id"] for p in placements] == [mine.pk]
    stolen = api.post(
        "/api/v1/check-ins/",
        {"placement": theirs.pk, "lat": NEAR[0], "lng": NEAR[1], "accuracy_m": 10},
        format="json",
    )
    assert stolen.status_code == 400 and stolen.json()["code"] == "placement_not_yours"
    # Not a staff resource either.
    for path in ("/api/v1/attendance/", "/api/v1/evaluations/", "/api/v1/enterprises/"):
        assert api.get(path).status_code == 403, path


def test_an_administrator_makes_a_student_account_through_the_users_api(api, alice):
    from tests.internships.factories import StudentFactory

    student = StudentFactory()
    body = {"username": "s2024001", "password": "a-long-pass-2026", "role": "student"}
    missing = api.as_(alice).post("/api/v1/users/", body, format="json")
    assert missing.status_code == 400 and missing.json()["code"] == "student_required"
    made = api.post("/api/v1/users/", {**body, "student": student.pk}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["role"] == "student" and made.json()["student"] == student.pk
    again = api.post(
        "/api/v1/users/", {**body, "username": "s2", "student": student.pk}, format="json"
    )
    assert again.status_code == 400 and again.json()["code"] == "student_has_account"
    teacher = api.post(
        "/api/v1/users/", {**body, "username": "t9", "role": "teacher", "student": student.pk},
        format="json",
    )  # fmt: skip
    assert teacher.json()["code"] == "student_only_for_student"
    me = api.as_(made_user(made.json()["id"])).get("/api/v1/me/").json()
    assert me["student"] == student.pk


def made_user(pk):
    from django.contrib.auth.models import User

    return User.objects.get(pk=pk)


def test_off_site_with_a_reason_is_kept_and_the_server_measures_the_distance(api, tom):
    xiaoming = student_user("xiaoming")
    from tests.practice.factories import current_placement

    placement = current_placement(xiaoming, supervisor=tom)
    api.as_(xiaoming)
    body = {"placement": placement.pk, "lat": FAR[0], "lng": FAR[1], "accuracy_m": 15}
    refused = api.post("/api/v1/check-ins/", {**body, "reason": "   "}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "off_site_reason_required"
    assert refused.json()["reason"][0]  # a message the phone can show
    # What the client claims about the distance, the place and the time is not taken.
    claimed = {
        **body,
        "reason": "客户现场安装调试",
        "distance_m": 0,
        "on_site": True,
        "at": "2020-01-01T08:00:00Z",
    }
    accepted = api.post("/api/v1/check-ins/", claimed, format="json")
    assert accepted.status_code == 201, accepted.content
    answer = accepted.json()
    # 0.1 degree of latitude north of the workplace: 11 119 m by the haversine formula.
    assert answer["distance_m"] == 11119
    assert answer["on_site"] is False and answer["reason"] == "客户现场安装调试"
    assert answer["at"][:10] == timezone.localdate().isoformat()
    # The teacher sees it among the off-site check-ins.
    api.as_(tom)
    off = api.get("/api/v1/check-ins/", {"on_site": "false"}).json()
    assert [row["id"] for row in off["results"]] == [answer["id"]]


def _theirs_with_everything(api, tom, alice):
    """Xiaohong's internship with one of everything, her grade approved."""
    from internships.services import placement_complete
    from tests.practice.factories import current_placement

    xiaohong = student_user("xiaohong")
    theirs = current_placement(xiaohong, supervisor=tom)
    api.as_(xiaohong)
    made = {
        "checkin": api.post(
            "/api/v1/check-ins/",
            {"placement": theirs.pk, "lat": NEAR[0], "lng": NEAR[1], "accuracy_m": 10},
            format="json",
        ),
        "journal": api.post(
            "/api/v1/journals/",
            {
                "placement": theirs.pk,
                "kind": "weekly",
                "period_start": week()[0],
                "period_end": week()[1],
                "text": LONG,
            },
            format="json",
        ),
        "report": api.post(
            "/api/v1/internship-reports/",
            {"placement": theirs.pk, "file": pdf(), "summary": "小红的总结"},
            format="multipart",
        ),
        "incident": api.post(
            "/api/v1/incidents/",
            {"placement": theirs.pk, "text": "机床漏油", "lat": NEAR[0], "lng": NEAR[1]},
            format="json",
        ),
    }
    for name, response in made.items():
        assert response.status_code == 201, (name, response.content)
    placement_complete(placement=theirs)
    assert api.as_(tom).post(f"/api/v1/placements/{theirs.pk}/approve_grade/").status_code == 200
    return xiaohong, theirs, {name: r.json()["id"] for name, r in made.items()}


def test_a_student_finds_nothing_of_another_students_internship(api, tom, alice):
    from tests.practice.factories import current_placement

    xiaoming = student_user("xiaoming")
    mine = current_placement(xiaoming, supervisor=tom)
    xiaohong, theirs, ids = _theirs_with_everything(api, tom, alice)
    # Her own view of it works, so the 404s below are about the scope alone.
    api.as_(xiaohong)
    assert api.get(f"/api/v1/internship-reports/{ids['report']}/").status_code == 200
    assert api.get(f"/api/v1/placements/{theirs.pk}/grade/").json()["approved"] is True

    api.as_(xiaoming)
    for path in (
        f"/api/v1/check-ins/{ids['checkin']}/",
        f"/api/v1/journals/{ids['journal']}/",
        f"/api/v1/internship-reports/{ids['report']}/",
        f"/api/v1/internship-reports/{ids['report']}/download/",
        f"/api/v1/incidents/{ids['incident']}/",
        f"/api/v1/placements/{theirs.pk}/",
        f"/api/v1/placements/{theirs.pk}/grade/",
        f"/api/v1/students/{xiaohong.student_record.pk}/",
    ):
        answer = api.get(path)
        assert answer.status_code == 404, (path, answer.status_code)
        assert "小红" not in answer.content.decode(), path
    writes = (
        ("patch", f"/api/v1/internship-reports/{ids['report']}/", {"summary": "x"}, "multipart"),
        ("post", f"/api/v1/internship-reports/{ids['report']}/submit/", {}, "json"),
        ("patch", f"/api/v1/journals/{ids['journal']}/", {"text": "x"}, "json"),
        ("delete", f"/api/v1/journals/{ids['journal']}/", None, "json"),
        ("post", f"/api/v1/check-ins/{ids['checkin']}/check_out/", {}, "json"),
    )
    for method, path, body, fmt in writes:
        answer = getattr(api, method)(path, body, format=fmt)
        assert answer.status_code == 404, (method, path, answer.status_code)
    # Lists hold only his own rows, also when he filters by her placement.
    for path in (
        "/api/v1/check-ins/",
        "/api/v1/journals/",
        "/api/v1/internship-reports/",
        "/api/v1/incidents/",
    ):
        assert api.get(path).json()["count"] == 0, path
        assert api.get(path, {"placement": theirs.pk}).json()["count"] == 0, path
    assert [p["id"] for p in api.get("/api/v1/placements/").json()["results"]] == [mine.pk]
    students = api.get("/api/v1/students/").json()["results"]
    assert [s["id"] for s in students] == [xiaoming.student_record.pk]
    # Nor does he write into her placement.
    for path, body in (
        ("/api/v1/journals/", {"kind": "weekly", "period_start": week(2)[0],
                               "period_end": week(2)[1], "text": LONG}),
        ("/api/v1/incidents/", {"text": "假的"}),
    ):  # fmt: skip
        answer = api.post(path, {**body, "placement": theirs.pk}, format="json")
        assert answer.status_code == 400 and answer.json()["code"] == "placement_not_yours"
    answer = api.post(
        "/api/v1/internship-reports/",
        {"placement": theirs.pk, "file": pdf(), "summary": "x"},
        format="multipart",
    )
    assert answer.status_code == 400 and answer.json()["code"] == "placement_not_yours"


def test_a_teacher_who_does_not_supervise_the_placement_neither_sees_nor_approves(api, tom, alice):
    from tests.accounts.factories import UserFactory

    _xiaohong, theirs, ids = _theirs_with_everything(api, tom, alice)
    other = UserFactory(username="ted", role="teacher")
    api.as_(other)
    assert api.get(f"/api/v1/placements/{theirs.pk}/grade/").status_code == 404
    assert api.post(f"/api/v1/placements/{theirs.pk}/approve_grade/").status_code == 404
    assert api.get(f"/api/v1/journals/{ids['journal']}/").status_code == 404


def _answer_is_a_400_with_a_message(answer, what) -> None:
    assert answer.status_code == 400, (what, answer.status_code, answer.content[:300])
    body = answer.json()
    messages = [
        m for k, v in body.items() if k != "code" for m in (v if isinstance(v, list) else [v])
    ]
    assert messages and all(isinstance(m, str | dict) and m for m in messages), (what, body)


def test_bad_input_is_a_400_with_a_message_never_a_500(api, tom, alice):
    from tests.practice.factories import current_placement

    xiaoming = student_user("xiaoming")
    placement = current_placement(xiaoming, supervisor=tom)
    api.as_(xiaoming)
    journal = api.post(
        "/api/v1/journals/",
        {"placement": placement.pk, "kind": "weekly", "period_start": week()[0],
         "period_end": week()[1], "text": LONG},
        format="json",
    ).json()  # fmt: skip
    api.post(f"/api/v1/journals/{journal['id']}/submit/")
    report = api.post(
        "/api/v1/internship-reports/",
        {"placement": placement.pk, "file": pdf(), "summary": "总结"},
        format="multipart",
    ).json()
    near = {"placement": placement.pk, "lat": NEAR[0], "lng": NEAR[1], "accuracy_m": 10}
    student_cases = [
        ("/api/v1/check-ins/", {**near, "lat": "north"}),
        ("/api/v1/check-ins/", {**near, "lat": 91}),
        ("/api/v1/check-ins/", {**near, "lng": "NaN"}),
        ("/api/v1/check-ins/", {**near, "lng": "Infinity"}),
        ("/api/v1/check-ins/", {**near, "accuracy_m": -1}),
        ("/api/v1/check-ins/", {**near, "accuracy_m": 10**6}),
        ("/api/v1/check-ins/", {**near, "placement": "mine"}),
        ("/api/v1/check-ins/", {**near, "placement": 2**70}),
        ("/api/v1/check-ins/", {**near, "placement": None}),
        ("/api/v1/check-ins/", {**near, "reason": ["a", "b"]}),
        ("/api/v1/check-ins/", [near]),
        ("/api/v1/journals/", {"placement": placement.pk, "kind": "yearly",
                               "period_start": week()[0], "period_end": week()[1]}),
        ("/api/v1/journals/", {"placement": placement.pk, "kind": "weekly",
                               "period_start": "2026-02-30", "period_end": "2026-03-01"}),
        ("/api/v1/journals/", {"placement": placement.pk, "kind": "weekly",
                               "period_start": "2026-03-09", "period_end": "2026-03-01"}),
        ("/api/v1/journals/", {"placement": placement.pk, "kind": "monthly",
                               "period_start": "2026-01-01", "period_end": "2026-12-31"}),
        ("/api/v1/journals/", {"placement": placement.pk, "kind": "weekly",
                               "period_start": week()[0], "period_end": week()[1]}),
        ("/api/v1/journals/", {"placement": placement.pk, "kind": "weekly",
                               "period_start": week(2)[0], "period_end": week(2)[1],
                               "text": {"a": 1}}),
        ("/api/v1/journals/", {"placement": placement.pk, "kind": "weekly",
                               "period_start": "2020-01-06", "period_end": "2020-01-12"}),
        ("/api/v1/incidents/", {"placement": placement.pk, "text": ""}),
        ("/api/v1/incidents/", {"placement": placement.pk, "text": "x", "lat": 41.7}),
        ("/api/v1/incidents/", {"placement": placement.pk, "text": "x", "lat": 100, "lng": 1}),
        ("/api/v1/incidents/", {"placement": placement.pk, "text": "x", "lat": "a", "lng": 1}),
    ]  # fmt: skip
    for path, body in student_cases:
        _answer_is_a_400_with_a_message(api.post(path, body, format="json"), (path, body))
    for params in ({"placement": "x"}, {"placement": 0}, {"date": "yesterday"},
                   {"on_site": "maybe"}, {"ordering": "lat"}, {"page_size": "many"}):  # fmt: skip
        answer = api.get("/api/v1/check-ins/", params)
        assert answer.status_code in (400, 404), (params, answer.status_code)
        if answer.status_code == 400:
            _answer_is_a_400_with_a_message(answer, params)
    uploads = [
        {"placement": placement.pk, "summary": "x"},
        {"placement": placement.pk, "file": pdf("empty.pdf", b""), "summary": "x"},
        {"placement": placement.pk, "file": "not a file", "summary": "x"},
        {"placement": "x", "file": pdf(), "summary": "x"},
    ]
    for body in uploads:
        answer = api.post("/api/v1/internship-reports/", body, format="multipart")
        _answer_is_a_400_with_a_message(answer, body)

    api.as_(tom)
    for body in ({"score": 101}, {"score": -1}, {"score": "good"}, {"score": 80.5},
                 {"score": None}, {}, {"score": True}, [80]):  # fmt: skip
        for path in (f"/api/v1/journals/{journal['id']}/review/",
                     f"/api/v1/internship-reports/{report['id']}/review/"):  # fmt: skip
            _answer_is_a_400_with_a_message(api.post(path, body, format="json"), (path, body))
    for body in ({}, {"comment": ""}, {"comment": "   "}, {"comment": None}):
        for path in (f"/api/v1/journals/{journal['id']}/return/",
                     f"/api/v1/internship-reports/{report['id']}/return/"):  # fmt: skip
            _answer_is_a_400_with_a_message(api.post(path, body, format="json"), (path, body))

    api.as_(alice)
    good = {"name": "P", "weights": {"attendance": 20, "journals": 20, "report": 20,
                                     "enterprise": 20, "school": 20}}  # fmt: skip
    for body in (
        {**good, "weights": {"attendance": 100}},
        {**good, "weights": {**good["weights"], "report": 20.5}},
        {**good, "weights": {**good["weights"], "report": "20"}},
        {**good, "weights": {**good["weights"], "report": -20, "school": 60}},
        {**good, "weights": [20, 20, 20, 20, 20]},
        {**good, "weights": {**good["weights"], "school": 30}},
        {**good, "pass_mark": 101},
        {**good, "pass_mark": -1},
        {**good, "geofence_m": -5},
        {**good, "geofence_m": 0},
        {**good, "journal_min_chars": -1},
        {**good, "weekly_journals": -1},
        {**good, "starts_on": "2026-09-01", "ends_on": "2026-03-01"},
        {**good, "majors": [999999]},
        {**good, "majors": ["x"]},
        {**good, "cohort": "x"},
        {**good, "cohort": 10**12},
        {**good, "kind": "holiday"},
        {**good, "name": ""},
    ):
        answer = api.post("/api/v1/internship-plans/", body, format="json")
        _answer_is_a_400_with_a_message(answer, body)
    for pk in ("x", 0, 2**70):
        answer = api.get(f"/api/v1/placements/{pk}/grade/")
        assert answer.status_code == 404, (pk, answer.status_code)


def test_a_journal_is_about_weeks_of_the_internship(api, tom):
    """Journals of weeks outside the placement would count toward the grade's
    share of journals handed in."""
    from tests.practice.factories import current_placement

    xiaoming = student_user("xiaoming")
    placement = current_placement(xiaoming, supervisor=tom)
    api.as_(xiaoming)
    body = {"placement": placement.pk, "kind": "weekly", "text": LONG}
    before = api.post(
        "/api/v1/journals/",
        {**body, "period_start": "2020-01-06", "period_end": "2020-01-12"},
        format="json",
    )
    assert before.status_code == 400 and before.json()["code"] == "journal_outside_placement"
    assert placement.starts_on.isoformat() in before.json()["period_start"][0]
    after = placement.ends_on + datetime.timedelta(days=1)
    late = api.post(
        "/api/v1/journals/",
        {**body, "period_start": after.isoformat(), "period_end": after.isoformat()},
        format="json",
    )
    assert late.status_code == 400 and late.json()["code"] == "journal_outside_placement"
    # The first week overlaps the start: it is the internship's.
    first = placement.starts_on - datetime.timedelta(days=3)
    made = api.post(
        "/api/v1/journals/",
        {
            **body,
            "period_start": first.isoformat(),
            "period_end": (first + datetime.timedelta(days=6)).isoformat(),
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    moved = api.patch(
        f"/api/v1/journals/{made.json()['id']}/",
        {"period_start": "2020-01-06", "period_end": "2020-01-12"},
        format="json",
    )
    assert moved.status_code == 400 and moved.json()["code"] == "journal_outside_placement"
    assert not Journal.objects.filter(period_start=datetime.date(2020, 1, 6)).exists()


def test_the_grade_counts_only_what_the_rules_say(api, alice, tom, lily, enterprise):
    """Off-site days, absences, unreviewed and returned journals and a missing
    report and evaluation, checked by hand against the plan's weights."""
    from tests.practice.factories import current_placement

    xiaoming = student_user("xiaoming")
    weights = {"attendance": 40, "journals": 30, "report": 5, "enterprise": 15, "school": 10}
    plan = api.as_(alice).post(
        "/api/v1/internship-plans/",
        {"name": "Strict", "weekly_journals": 4, "journal_min_chars": 10, "weights": weights,
         "pass_mark": 60},
        format="json",
    ).json()  # fmt: skip
    placement = current_placement(xiaoming, supervisor=tom, enterprise=enterprise)
    moved = api.patch(f"/api/v1/placements/{placement.pk}/", {"plan": plan["id"]}, format="json")
    assert moved.status_code == 200, moved.content
    today = timezone.localdate()
    required = workdays_between(placement.starts_on, today)
    # The liaison: present on the first half of the workdays before today, absent on the rest.
    api.as_(lily)
    past = [day for day in required if day < today]
    present = past[: len(past) // 2]
    for day in past:
        status = "present" if day in present else "absent"
        answer = api.post(
            "/api/v1/attendance/",
            {"placement": placement.pk, "date": day.isoformat(), "status": status},
            format="json",
        )
        assert answer.status_code == 201, answer.content
    # The student: off site today (with a reason), which is no attended day.
    api.as_(xiaoming)
    off = api.post(
        "/api/v1/check-ins/",
        {"placement": placement.pk, "lat": FAR[0], "lng": FAR[1], "accuracy_m": 10,
         "reason": "外出送货"},
        format="json",
    )  # fmt: skip
    assert off.status_code == 201 and off.json()["on_site"] is False
    ids = []
    for weeks_ago in (1, 2, 3):
        start, end = week(weeks_ago)
        made = api.post(
            "/api/v1/journals/",
            {"placement": placement.pk, "kind": "weekly", "period_start": start,
             "period_end": end, "text": LONG},
            format="json",
        ).json()  # fmt: skip
        assert api.post(f"/api/v1/journals/{made['id']}/submit/").status_code == 200
        ids.append(made["id"])
    api.as_(tom)
    api.post(f"/api/v1/journals/{ids[0]}/review/", {"score": 90}, format="json")
    api.post(f"/api/v1/journals/{ids[1]}/return/", {"comment": "重写"}, format="json")
    # ids[2] stays submitted: handed in, not scored.
    scores = dict.fromkeys(("skills", "attitude", "teamwork", "discipline", "learning"), 70)
    scores["learning"] = 77
    api.as_(lily).post(
        "/api/v1/evaluations/",
        {"placement": placement.pk, "side": "enterprise", "scores": scores},
        format="json",
    )
    expected = {
        "attendance": one_decimal(Decimal(len(present)) * 100 / len(required)),
        "journals": 45.0,  # the mean of the reviewed (90) × 2 handed in / 4 required
        "report": 0.0,
        "enterprise": 71.4,  # (4 × 70 + 77) / 5
        "school": 0.0,
    }
    total = one_decimal(sum(Decimal(str(expected[k])) * weights[k] for k in weights) / 100)
    grade = api.as_(tom).get(f"/api/v1/placements/{placement.pk}/grade/").json()
    assert grade == {**expected, "total": total, "passed": total >= 60, "approved": False}
    assert grade["passed"] is False


def test_a_workplace_not_yet_located_takes_check_ins_only_with_a_reason(api, tom):
    from tests.practice.factories import current_placement

    xiaoming = student_user("xiaoming")
    placement = current_placement(xiaoming, supervisor=tom)
    position = placement.position
    position.site_lat = position.site_lng = None
    position.save()
    api.as_(xiaoming)
    body = {"placement": placement.pk, "lat": NEAR[0], "lng": NEAR[1], "accuracy_m": 10}
    refused = api.post("/api/v1/check-ins/", body, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "off_site_reason_required"
    kept = api.post("/api/v1/check-ins/", {**body, "reason": "新厂区尚未定位"}, format="json")
    assert kept.status_code == 201, kept.content
    assert kept.json()["distance_m"] is None and kept.json()["on_site"] is False
