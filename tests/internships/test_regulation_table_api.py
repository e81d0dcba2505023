"""Every row of the regulation's table (docs/rules.md, "Internship rules")
through the REST API: one request that passes and one that fails at the
rule's threshold, with the documented code, status, a readable message and
the article the table names; then the override endpoint and the filing
batch's figures against the records it lists.

The table is read from the doc, so a row added there without a case here, or
a code, status or article that differs between the doc and the answers,
fails.
"""

import datetime
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from internships import policy as rules
from internships.models import Placement, RuleOverride
from tests.contracts.factories import all_templates
from tests.internships.factories import END, START, PlacementFactory, PositionFactory
from tests.internships.factories import StudentFactory as Student
from tests.partnerships.factories import EnterpriseFactory, MajorFactory, VettingFactory

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def regulation_table() -> dict[str, dict]:
    """code -> {"status", "article", "warning"} from the table of "## Internship rules"."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Internship rules", 1)[1].split("\n## ", 1)[0]
    table = {}
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith("| rule") or "`" not in line:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6:
            continue
        code = re.search(r"`([a-z_]+)`", cells[3]).group(1)
        table[code] = {
            "status": int(cells[4]) if cells[4] else None,
            "article": cells[5],
            "warning": cells[3].startswith("warning"),
        }
    return table


TABLE = regulation_table()


def test_the_table_is_read_and_the_policy_names_the_same_articles():
    assert len(TABLE) >= 20
    for code, row in TABLE.items():
        if row["warning"]:
            continue
        assert rules.ARTICLES.get(code, "") == row["article"], code


# -- request helpers -----------------------------------------------------------


def placement_body(student, position, **extra):
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


def position_body(enterprise, **extra):
    return {
        "enterprise": enterprise.pk,
        "title": "Assembly assistant",
        "kind": "cognitive",
        "capacity": 3,
        "starts_on": str(START),
        "ends_on": str(END),
        "daily_hours": "8",
        "monthly_pay": "3000",
        "post_wage": "3500",
        "post_headcount": 100,
        **extra,
    }


def place(client, student, position, **extra):
    return client.post("/api/v1/placements/", placement_body(student, position, **extra))


def new_position(client, **extra):
    return client.post("/api/v1/positions/", position_body(EnterpriseFactory(), **extra))


def created_id(response):
    assert response.status_code == 201, response.content
    return response.json()["id"]


def activate(client, placement_id):
    return client.post(f"/api/v1/placements/{placement_id}/activate/")


def born(years_before: int, day: datetime.date = START, *, days_later: int = 0):
    """A date of birth ``years_before`` years before ``day``, ``days_later`` days on."""
    return day.replace(year=day.year - years_before) + datetime.timedelta(days=days_later)


def policy_body(placement_id, **extra):
    return {
        "placement": placement_id,
        "insurer": "PICC",
        "kind": "liability",
        "number": "P-9",
        "payer": "school",
        "purchased_on": "2026-02-20",
        "covers_from": str(START),
        "covers_to": str(END),
        "premium": "50.00",
        "charged_to_student": False,
        **extra,
    }


# -- one (failing, passing) pair of responses per row --------------------------


def case_underage(c):
    position = PositionFactory(kind="shadow")
    # 16 on the start date passes; a day short of it fails.
    fail = place(c, Student(date_of_birth=born(16, days_later=1)), position)
    ok = place(c, Student(date_of_birth=born(16)), position)
    return fail, ok


def case_first_year_student(c):
    # A 2025 cohort may start a post internship from 1 September 2026.
    early = PositionFactory(kind="post", starts_on=datetime.date(2026, 8, 31))
    allowed = PositionFactory(kind="post", starts_on=datetime.date(2026, 9, 1))
    fail = place(c, Student(cohort=2025), early)
    ok = place(c, Student(cohort=2025), allowed)
    return fail, ok


def case_minor_forbidden_work(c):
    position = PositionFactory(forbidden_to_minors=True)
    fail = place(c, Student(date_of_birth=born(18, days_later=1)), position)
    ok = place(c, Student(date_of_birth=born(18)), position)
    return fail, ok


def case_female_forbidden_work(c):
    position = PositionFactory(forbidden_to_women=True)
    fail = place(c, Student(sex="female"), position)
    ok = place(c, Student(sex="male"), position)
    return fail, ok


def case_outside_major(c):
    position = PositionFactory(major_categories=["51"])
    fail = place(c, Student(major=MajorFactory(code="460104")), position)
    ok = place(c, Student(major=MajorFactory(code="510201")), position)
    return fail, ok


def case_prohibited_venue(c):
    return new_position(c, venue_category="ktv"), new_position(c, venue_category="ordinary")


def case_intensity_too_high(c):
    return new_position(c, intensity_grade=3), new_position(c, intensity_grade=2)


def case_high_risk_work(c):
    fail = new_position(c, high_risk="heights")
    ok = new_position(c, high_risk="heights", exception_filing="辽教备〔2026〕7号")
    return fail, ok


def case_hours_exceeded(c):
    return new_position(c, daily_hours="8.5"), new_position(c, daily_hours="8")


def case_night_shift(c):
    fail = new_position(c, night_shift=True)
    ok = new_position(c, night_shift=True, exception_filing="辽教备〔2026〕8号")
    return fail, ok


def case_pay_below_minimum(c):
    # 80 % of 3,500 is 2,800.00.
    post = {"kind": "post", "post_wage": "3500"}
    fail = new_position(c, monthly_pay="2799.99", **post)
    ok = new_position(c, monthly_pay="2800.00", **post)
    assert ok.status_code == 201, ok.content
    # Or the enterprise's lowest wage grade, when it declares one.
    graded = {**post, "lowest_wage_grade": "2500"}
    assert new_position(c, monthly_pay="2500", **graded).status_code == 201
    below = new_position(c, monthly_pay="2499.99", **graded)
    assert below.status_code == 400 and below.json()["code"] == "pay_below_minimum"
    return fail, ok


def case_enterprise_not_vetted(c):
    unvetted = PositionFactory(enterprise=EnterpriseFactory(vetting=None))
    expired = EnterpriseFactory(vetting=None)
    VettingFactory(
        enterprise=expired,
        inspected_on=START - datetime.timedelta(days=400),
        valid_until=START - datetime.timedelta(days=1),
    )
    lapsed = place(c, Student(), PositionFactory(enterprise=expired))
    assert lapsed.status_code == 400 and lapsed.json()["code"] == "enterprise_not_vetted"
    return place(c, Student(), unvetted), place(c, Student(), PositionFactory())


def case_overlapping_placement(c):
    student = Student()
    PlacementFactory(student=student)  # START..END
    position = PositionFactory(starts_on=END, ends_on=END + datetime.timedelta(days=30))
    after = PositionFactory(
        starts_on=END + datetime.timedelta(days=1), ends_on=END + datetime.timedelta(days=30)
    )
    return place(c, student, position), place(c, student, after)


def case_capacity_full(c):
    position = PositionFactory(capacity=2)
    PlacementFactory(position=position)
    ok = place(c, Student(), position)
    fail = place(c, Student(), position)
    return fail, ok


def case_post_intern_share(c):
    # 20 % of a headcount of 10: two post interns.
    position = PositionFactory(kind="post", capacity=5, post_headcount=10)
    PlacementFactory(position=position)
    ok = place(c, Student(), position)
    fail = place(c, Student(), position)
    return fail, ok


def case_enterprise_intern_share(c):
    # 10 % of a workforce of 20: two follow-post or post interns.
    enterprise = EnterpriseFactory(workforce=20)
    first = PositionFactory(kind="post", enterprise=enterprise)
    second = PositionFactory(kind="shadow", enterprise=enterprise)
    PlacementFactory(position=first)
    ok = place(c, Student(), second)
    fail = place(c, Student(), first)
    return fail, ok


def case_insurance_missing(c):
    position = PositionFactory(kind="shadow")
    pid = created_id(
        place(c, Student(), position, insurance_expires_on=str(END - datetime.timedelta(days=1)))
    )
    fail = activate(c, pid)
    assert (
        c.patch(f"/api/v1/placements/{pid}/", {"insurance_expires_on": str(END)}).status_code == 200
    )
    return fail, activate(c, pid)


def case_insurance_missing_by_recorded_policy(c):
    pid = created_id(place(c, Student(), PositionFactory(), insurance_policy=""))
    fail = activate(c, pid)
    assert c.post("/api/v1/insurance-policies/", policy_body(pid)).status_code == 201
    return fail, activate(c, pid)


def case_agreement_unsigned(c):
    pid = created_id(place(c, Student(), PositionFactory(kind="shadow"), agreement_signed=False))
    fail = activate(c, pid)
    assert c.patch(f"/api/v1/placements/{pid}/", {"agreement_signed": True}).status_code == 200
    return fail, activate(c, pid)


def _signed_on_paper(c, placement_id, kind):
    created = c.post(
        "/api/v1/internship-agreements/", {"placement": placement_id, "kind": kind}, format="json"
    )
    assert created.status_code == 201, created.content
    url = f"/api/v1/internship-agreements/{created.json()['id']}"
    assert c.post(f"{url}/generate/", format="json").status_code == 200
    scan = SimpleUploadedFile("paper.pdf", b"%PDF-1.4\n% paper\n", "application/pdf")
    paper = c.post(f"{url}/upload_paper/", {"file": scan}, format="multipart")
    assert paper.status_code == 200 and paper.json()["status"] == "signed", paper.content


def case_consent_missing(c):
    all_templates()
    pid = created_id(place(c, Student(), PositionFactory(kind="post"), agreement_signed=False))
    _signed_on_paper(c, pid, "internship_agreement")
    fail = activate(c, pid)
    _signed_on_paper(c, pid, "informed_consent")
    return fail, activate(c, pid)


def case_guardian_consent_missing(c):
    minor = Student(date_of_birth=born(18, days_later=1))
    pid = created_id(place(c, minor, PositionFactory(), guardian_consent=False))
    fail = activate(c, pid)
    assert c.patch(f"/api/v1/placements/{pid}/", {"guardian_consent": True}).status_code == 200
    adult = Student(date_of_birth=born(18))
    adult_pid = created_id(place(c, adult, PositionFactory(), guardian_consent=False))
    assert activate(c, adult_pid).status_code == 200
    return fail, activate(c, pid)


def case_destination_unapproved(c):
    pid = created_id(place(c, Student(), PositionFactory(), destination="abroad"))
    fail = activate(c, pid)
    assert c.post(f"/api/v1/placements/{pid}/approve-destination/").status_code == 200
    return fail, activate(c, pid)


def case_insurance_not_covering(c):
    pid = created_id(place(c, Student(), PositionFactory()))
    short = str(END - datetime.timedelta(days=1))
    fail = c.post("/api/v1/insurance-policies/", policy_body(pid, covers_to=short))
    return fail, c.post("/api/v1/insurance-policies/", policy_body(pid))


def case_premium_charged_to_student(c):
    pid = created_id(place(c, Student(), PositionFactory()))
    fail = c.post("/api/v1/insurance-policies/", policy_body(pid, charged_to_student=True))
    return fail, c.post("/api/v1/insurance-policies/", policy_body(pid))


CASES = {
    "underage": case_underage,
    "first_year_student": case_first_year_student,
    "minor_forbidden_work": case_minor_forbidden_work,
    "female_forbidden_work": case_female_forbidden_work,
    "outside_major": case_outside_major,
    "prohibited_venue": case_prohibited_venue,
    "intensity_too_high": case_intensity_too_high,
    "high_risk_work": case_high_risk_work,
    "hours_exceeded": case_hours_exceeded,
    "night_shift": case_night_shift,
    "pay_below_minimum": case_pay_below_minimum,
    "enterprise_not_vetted": case_enterprise_not_vetted,
    "overlapping_placement": case_overlapping_placement,
    "capacity_full": case_capacity_full,
    "post_intern_share": case_post_intern_share,
    "enterprise_intern_share": case_enterprise_intern_share,
    "insurance_missing": case_insurance_missing,
    "agreement_unsigned": case_agreement_unsigned,
    "consent_missing": case_consent_missing,
    "guardian_consent_missing": case_guardian_consent_missing,
    "destination_unapproved": case_destination_unapproved,
    "insurance_not_covering": case_insurance_not_covering,
    "premium_charged_to_student": case_premium_charged_to_student,
}
EXTRA = {"insurance_missing": case_insurance_missing_by_recorded_policy}


def test_every_refusing_row_of_the_table_has_a_case_here():
    refusing = {code for code, row in TABLE.items() if not row["warning"]}
    assert refusing == set(CASES)


def _messages(body: dict) -> list[str]:
    return [m for key, value in body.items() if isinstance(value, list) for m in value]


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_fails_and_passes_through_the_api(api, alice, code):
    row = TABLE[code]
    client = api.as_(alice)
    for make in (CASES[code], EXTRA.get(code)):
        if make is None:
            continue
        fail, ok = make(client)
        assert fail.status_code == (row["status"] or 400), fail.content
        body = fail.json()
        assert body["code"] == code
        messages = _messages(body)
        assert messages and all(len(m) > 20 and code not in m for m in messages), body
        if row["article"]:
            assert body["article"] == row["article"]
        else:
            assert "article" not in body
        assert ok.status_code in (200, 201), ok.content
        assert ok.json().get("code") is None


def test_the_long_post_internship_is_a_warning_only(api, alice):
    """Six months from the start is the usual maximum; a day more warns."""
    row = TABLE["long_post_internship"]
    assert row["warning"] and not row["status"]
    starts = datetime.date(2026, 9, 1)
    six = PositionFactory(kind="post", starts_on=starts, ends_on=datetime.date(2027, 3, 1))
    longer = PositionFactory(kind="post", starts_on=starts, ends_on=datetime.date(2027, 3, 2))
    client = api.as_(alice)
    within = place(client, Student(), six)
    assert within.status_code == 201 and within.json()["warnings"] == []
    beyond = place(client, Student(), longer)
    assert beyond.status_code == 201, beyond.content
    assert beyond.json()["warnings"] == ["long_post_internship"]


def test_a_change_is_checked_like_a_create(api, alice):
    """The rows say "create, change, activate": a PATCH that breaks one is refused."""
    client = api.as_(alice)
    pid = created_id(place(client, Student(), PositionFactory()))
    shadow = PositionFactory(kind="shadow")
    minor = Student(date_of_birth=born(16, days_later=1))
    refused = client.patch(
        f"/api/v1/placements/{pid}/", {"student": minor.pk, "position": shadow.pk}
    )
    assert refused.status_code == 400 and refused.json()["code"] == "underage"
    assert refused.json()["article"] == "Art. 16"
    assert Placement.objects.get(pk=pid).position.kind == "cognitive"


# -- overrides ----------------------------------------------------------------


def test_the_override_lets_a_share_pass_and_only_an_administrator_may_give_it(
    api, alice, tom, lily, enterprise
):
    enterprise.workforce = 10  # one follow-post or post intern
    enterprise.save()
    position = PositionFactory(kind="post", enterprise=enterprise)
    PlacementFactory(position=position)
    later = PositionFactory(
        kind="post",
        enterprise=enterprise,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    admin = api.as_(alice)
    pid = created_id(place(admin, Student(), later))
    url = f"/api/v1/placements/{pid}/override/"
    moved = {"position": position.pk, "starts_on": str(START), "ends_on": str(END)}
    moved["insurance_expires_on"] = str(END)
    refused = admin.patch(f"/api/v1/placements/{pid}/", moved)
    assert refused.status_code == 400 and refused.json()["code"] == "enterprise_intern_share"

    teacher = api.as_(tom).post(url, {"rule": "enterprise_intern_share", "reason": "Bureau"})
    # The API's role check answers before the service (403 with its detail).
    assert teacher.status_code == 403, teacher.content
    assert teacher.json().get("detail") or teacher.json().get("code") == "override_not_allowed"
    liaison = api.as_(lily).post(url, {"rule": "enterprise_intern_share", "reason": "Bureau"})
    assert liaison.status_code == 403, liaison.content
    assert liaison.json().get("detail") or liaison.json().get("code") == "override_not_allowed"
    admin = api.as_(alice)
    not_share = admin.post(url, {"rule": "capacity_full", "reason": "Bureau"})
    assert not_share.status_code == 400 and not_share.json()["code"] == "rule_not_overridable"
    not_share = admin.post(url, {"rule": "underage", "reason": "Bureau"})
    assert not_share.status_code == 400 and not_share.json()["code"] == "rule_not_overridable"
    no_reason = admin.post(url, {"rule": "enterprise_intern_share", "reason": "  "})
    assert no_reason.status_code == 400 and no_reason.json()["code"] == "reason_required"
    assert not RuleOverride.objects.exists()

    given = admin.post(url, {"rule": "enterprise_intern_share", "reason": "Approved by the bureau"})
    assert given.status_code == 200, given.content
    assert RuleOverride.objects.get().decided_by == alice
    changed = admin.patch(f"/api/v1/placements/{pid}/", moved)
    assert changed.status_code == 200, changed.content
    # Activation counts the shares again before the paperwork: past the
    # overridden share, it stops at the amendment the new terms opened.
    activated = activate(admin, pid)
    assert activated.status_code == 400
    assert activated.json()["code"] == "agreement_unsigned", activated.content
    # The override is for that placement and that share only.
    other = place(admin, Student(), position)
    assert other.status_code == 400 and other.json()["code"] == "enterprise_intern_share"


# -- the filing batch ----------------------------------------------------------


def test_the_filing_batch_lists_exactly_the_selected_records(api, alice, tom):
    client = api.as_(alice)
    major = MajorFactory()
    post = PositionFactory(kind="post", starts_on=datetime.date(2026, 9, 1), title="Welder")
    chosen = PlacementFactory(
        student=Student(major=major, cohort=2024),
        position=post,
        supervisor=tom,
        mentor_name="Liu Qiang",
        destination="cross_province",
    )
    # The recorded policy that spans it (the placement also names its own).
    recorded = client.post(
        "/api/v1/insurance-policies/",
        policy_body(chosen.pk, number="SPAN-2", covers_from="2026-08-01", covers_to="2027-01-31"),
    )
    assert recorded.status_code == 201, recorded.content
    assert client.post(f"/api/v1/placements/{chosen.pk}/approve-destination/").status_code == 200
    # Left out: another cohort, another kind, a start outside the range, terminated.
    PlacementFactory(student=Student(major=major, cohort=2023), position=post)
    PlacementFactory(student=Student(major=major, cohort=2024))
    PlacementFactory(
        student=Student(major=major, cohort=2024),
        position=PositionFactory(kind="post", starts_on=datetime.date(2026, 10, 2)),
    )
    PlacementFactory(student=Student(major=major, cohort=2024), position=post, status="terminated")
    batch = client.post(
        "/api/v1/filings/",
        {
            "title": "Autumn 2026",
            "major": major.pk,
            "cohort": 2024,
            "kind": "post",
            "starts_from": "2026-09-01",
            "starts_to": "2026-10-01",
            "emergency_plan": "Call 120, then the school.",
        },
    )
    assert batch.status_code == 201, batch.content
    xlsx = client.get(f"/api/v1/filings/{batch.json()['id']}/xlsx/")
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    lines = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(lines) == 1, lines
    chosen.refresh_from_db()
    line = lines[0]
    as_date = lambda v: v.date() if isinstance(v, datetime.datetime) else v  # noqa: E731
    assert line[0] == chosen.student.student_number
    assert line[1] == chosen.student.name
    assert line[2] == major.name
    assert int(line[3]) == 2024
    assert line[4] == chosen.enterprise.name
    assert line[5] == chosen.enterprise.credit_code
    assert line[6] == "Welder"
    assert as_date(line[8]) == chosen.starts_on and as_date(line[9]) == chosen.ends_on
    assert chosen.destination_approved_on is not None
    assert as_date(line[11]) == chosen.destination_approved_on
    assert line[12] in (tom.get_full_name(), tom.username)
    assert line[13] == "Liu Qiang"
    # The insurance listed is the policy that covers the placement.
    assert line[14] == "PICC" and line[15] == "SPAN-2"
    assert as_date(line[16]) == datetime.date(2026, 8, 1)
    assert as_date(line[17]) == datetime.date(2027, 1, 31)


def test_the_filing_names_the_policy_that_covers_the_placement_as_it_stands(api, alice):
    """A recorded policy that no longer spans the placement (its end moved)
    is not filed as its insurance while the placement's own policy covers it."""
    client = api.as_(alice)
    major = MajorFactory()
    placement = PlacementFactory(student=Student(major=major))
    assert client.post("/api/v1/insurance-policies/", policy_body(placement.pk)).status_code == 201
    later = str(END + datetime.timedelta(days=30))
    moved = client.patch(
        f"/api/v1/placements/{placement.pk}/",
        {"ends_on": later, "insurance_policy": "PICC-LONG-3", "insurance_expires_on": later},
    )
    assert moved.status_code == 200, moved.content
    batch = client.post(
        "/api/v1/filings/", {"title": "Spring", "major": major.pk, "emergency_plan": "Plan A"}
    )
    xlsx = client.get(f"/api/v1/filings/{batch.json()['id']}/xlsx/")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    (line,) = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    insured_to = line[17].date() if isinstance(line[17], datetime.datetime) else line[17]
    assert as_text(line[9]) == later
    assert line[15] == "PICC-LONG-3"
    assert insured_to.isoformat() == later


def as_text(value):
    return (value.date() if isinstance(value, datetime.datetime) else value).isoformat()


# -- a position's change keeps its current placements within the rules ---------


def test_a_position_change_that_would_put_its_placements_in_breach_is_refused(api, alice):
    client = api.as_(alice)
    post = PositionFactory(kind="post", post_headcount=100)
    for _ in range(3):
        PlacementFactory(position=post)
    # 3 post interns: 20 % of a headcount of 15 holds them, of 14 does not.
    cut = client.patch(f"/api/v1/positions/{post.pk}/", {"post_headcount": 14}, format="json")
    assert cut.status_code == 400 and cut.json()["code"] == "post_intern_share", cut.content
    assert cut.json()["article"] == "Art. 9" and cut.json()["post_headcount"]
    ok = client.patch(f"/api/v1/positions/{post.pk}/", {"post_headcount": 15}, format="json")
    assert ok.status_code == 200, ok.content

    visit = PositionFactory(kind="cognitive")
    PlacementFactory(position=visit, student=Student(cohort=2025))
    shadow = client.patch(f"/api/v1/positions/{visit.pk}/", {"kind": "shadow"}, format="json")
    assert shadow.status_code == 400 and shadow.json()["code"] == "first_year_student"
    assert visit.__class__.objects.get(pk=visit.pk).kind == "cognitive"

    small = EnterpriseFactory(workforce=20)  # two follow-post or post interns
    PlacementFactory(position=PositionFactory(kind="post", enterprise=small))
    tour = PositionFactory(kind="cognitive", enterprise=small)
    PlacementFactory(position=tour)
    PlacementFactory(position=tour)
    grown = client.patch(f"/api/v1/positions/{tour.pk}/", {"kind": "shadow"}, format="json")
    assert grown.status_code == 400 and grown.json()["code"] == "enterprise_intern_share"

    heavy = PositionFactory()
    PlacementFactory(position=heavy, student=Student(sex="female"))
    women = client.patch(
        f"/api/v1/positions/{heavy.pk}/", {"forbidden_to_women": True}, format="json"
    )
    assert women.status_code == 400 and women.json()["code"] == "female_forbidden_work"
    assert women.json()["article"] == "Art. 16"
    assert "forbidden_to_women" in women.json()
    # A change no placement is affected by passes.
    assert (
        client.patch(f"/api/v1/positions/{heavy.pk}/", {"title": "Press"}, format="json")
    ).status_code == 200
