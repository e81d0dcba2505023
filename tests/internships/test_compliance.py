"""The 2021 regulation beyond the core rules: every rule passes and fails at
the service and through the API, with its code and article."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from common.exceptions import RuleError
from internships import policy as rules
from internships import services
from internships.hours import HourEntry, flags_for
from internships.models import Attendance, Placement, Position
from partnerships.models import EnterpriseVetting
from tests.internships.factories import (
    END,
    START,
    PlacementFactory,
    PositionFactory,
    StudentFactory,
)
from tests.partnerships.factories import EnterpriseFactory, MajorFactory, VettingFactory

pytestmark = pytest.mark.django_db


def refused(code, make):
    with pytest.raises(RuleError) as caught:
        make()
    assert caught.value.code == code
    assert caught.value.article == rules.ARTICLES[code]
    return caught.value


# -- the rules about a position and a student (create time) -----------------

# (rule code, position fields that break it, student fields that break it)
CASES = [
    ("prohibited_venue", {"venue_category": "ktv"}, {}),
    ("intensity_too_high", {"intensity_grade": 3}, {}),
    ("high_risk_work", {"high_risk": "heights"}, {}),
    (
        "minor_forbidden_work",
        {"forbidden_to_minors": True},
        {"date_of_birth": datetime.date(2009, 1, 1)},
    ),
    ("female_forbidden_work", {"forbidden_to_women": True}, {"sex": "female"}),
    ("outside_major", {"major_categories": ["51"]}, {}),
]


@pytest.mark.parametrize(("code", "position_fields", "student_fields"), CASES)
def test_each_position_rule_refuses_with_its_article(code, position_fields, student_fields):
    position = PositionFactory.build(enterprise=EnterpriseFactory(), **position_fields)
    position.save()  # stored as given: the service would refuse some of them
    student = StudentFactory(**student_fields)
    refused(code, lambda: services.placement_create(student=student, position=position))
    assert not Placement.objects.exists()


def test_the_passing_side_of_each_position_rule():
    student = StudentFactory(sex="female", date_of_birth=datetime.date(2005, 1, 1))
    position = PositionFactory(
        venue_category="ordinary",
        intensity_grade=2,
        high_risk="heights",
        exception_filing="EDU-2026-17",
        forbidden_to_minors=True,  # the student is an adult
        forbidden_to_women=False,
        major_categories=[student.major.code[:2]],
    )
    assert services.placement_create(student=student, position=position).pk


def test_position_rules_are_refused_when_the_position_is_saved():
    enterprise = EnterpriseFactory()
    base = {"enterprise": enterprise, "title": "Bar staff", "kind": "cognitive", "capacity": 2}
    dates = {"starts_on": START, "ends_on": END}
    refused(
        "prohibited_venue",
        lambda: services.position_create(**base, **dates, venue_category="bar"),
    )
    refused(
        "intensity_too_high", lambda: services.position_create(**base, **dates, intensity_grade=4)
    )
    refused("high_risk_work", lambda: services.position_create(**base, **dates, high_risk="toxic"))


def test_pay_may_reach_the_lowest_wage_grade_instead_of_80_percent():
    fields = {"kind": "post", "monthly_pay": 2500, "post_wage": 4000, "post_headcount": 100}
    refused(
        "pay_below_minimum",
        lambda: services.position_create(
            enterprise=EnterpriseFactory(),
            title="A",
            capacity=1,
            starts_on=START,
            ends_on=END,
            **fields,
        ),
    )
    position = services.position_create(
        enterprise=EnterpriseFactory(),
        title="B",
        capacity=1,
        starts_on=START,
        ends_on=END,
        lowest_wage_grade=Decimal("2400"),
        **fields,
    )
    assert rules.current_policy().pay_minimum(position) == Decimal("2400.00")


# -- vetting (Art. 7) --------------------------------------------------------


def test_placements_only_at_a_validly_vetted_enterprise():
    unvetted = EnterpriseFactory(vetting=None)
    position = PositionFactory(enterprise=unvetted)
    student = StudentFactory()
    refused(
        "enterprise_not_vetted",
        lambda: services.placement_create(student=student, position=position),
    )
    # Rejected, or approved but expired before the start: still refused.
    VettingFactory(
        enterprise=unvetted, decision=EnterpriseVetting.Decision.REJECTED, published_on=None
    )
    VettingFactory(enterprise=unvetted, valid_until=START - datetime.timedelta(days=1))
    refused(
        "enterprise_not_vetted",
        lambda: services.placement_create(student=student, position=position),
    )
    VettingFactory(enterprise=unvetted, inspected_on=START - datetime.timedelta(days=30))
    assert services.placement_create(student=student, position=position).pk


def test_a_vetting_defaults_to_a_year_and_only_an_approval_is_published():
    from partnerships import services as partnership_services

    enterprise = EnterpriseFactory(vetting=None)
    vetting = partnership_services.vetting_create(
        enterprise=enterprise,
        inspected_on=datetime.date(2026, 3, 15),
        inspector="Wang Fang",
        report="All in order.",
        decision="approved",
    )
    assert vetting.valid_until == datetime.date(2027, 3, 14)
    with pytest.raises(RuleError) as caught:
        partnership_services.vetting_create(
            enterprise=enterprise,
            inspected_on=datetime.date(2026, 3, 15),
            inspector="Wang Fang",
            report="Unsafe dormitory.",
            decision="rejected",
            published_on=datetime.date(2026, 3, 20),
        )
    assert caught.value.code == "vetting_not_approved"


def test_the_internship_units_page_lists_published_valid_vettings_and_exports(client, alice):
    from django.utils import timezone

    today = timezone.localdate()
    listed = EnterpriseFactory(name="Published Works", vetting=None)
    VettingFactory(enterprise=listed, inspected_on=today, published_on=today, valid_until=today)
    EnterpriseFactory(name="Unpublished Works", vetting=None)
    unpublished = EnterpriseFactory(name="Awaiting Works", vetting=None)
    VettingFactory(enterprise=unpublished, published_on=None)
    client.force_login(alice)
    page = client.get("/partnerships/internship-units/")
    assert page.status_code == 200
    assert "Published Works" in page.content.decode()
    assert "Awaiting Works" not in page.content.decode()
    exported = client.get("/partnerships/internship-units/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Published Works" in names and "Awaiting Works" not in names


# -- follow-post = 岗位实习 -----------------------------------------------------


def test_the_first_year_rule_covers_follow_post_internships():
    position = PositionFactory(kind=Position.Kind.SHADOW)
    first_year = StudentFactory(cohort=2025)
    refused(
        "first_year_student",
        lambda: services.placement_create(student=first_year, position=position),
    )
    cognitive = PositionFactory(kind=Position.Kind.COGNITIVE)
    assert services.placement_create(student=first_year, position=cognitive).pk


def test_both_shares_count_follow_post_and_post_interns():
    enterprise = EnterpriseFactory(workforce=20)  # 10 %: two interns
    post = PositionFactory(enterprise=enterprise, kind=Position.Kind.POST, post_headcount=100)
    shadow = PositionFactory(enterprise=enterprise, kind=Position.Kind.SHADOW, post_headcount=100)
    PlacementFactory(position=post)
    PlacementFactory(position=shadow)
    refused(
        "enterprise_intern_share",
        lambda: services.placement_create(student=StudentFactory(), position=shadow),
    )
    narrow = PositionFactory(kind=Position.Kind.SHADOW, post_headcount=5)  # 20 %: one intern
    PlacementFactory(position=narrow)
    refused(
        "post_intern_share",
        lambda: services.placement_create(student=StudentFactory(), position=narrow),
    )


# -- overrides ---------------------------------------------------------------


def test_an_administrator_overrides_a_share_with_a_reason_and_it_is_audited(alice, tom):
    from audit.models import AuditEvent

    position = PositionFactory(kind=Position.Kind.POST, post_headcount=10)  # 20 %: two
    PlacementFactory(position=position)
    placement = PlacementFactory(position=position)
    Position.objects.filter(pk=position.pk).update(post_headcount=5)  # now one fits
    refused("post_intern_share", lambda: services.placement_activate(placement=placement))
    with pytest.raises(RuleError) as caught:
        services.placement_override(
            placement=placement, rule="post_intern_share", reason="x", actor=tom
        )
    assert caught.value.status == 403
    with pytest.raises(RuleError) as caught:
        services.placement_override(placement=placement, rule="underage", reason="x", actor=alice)
    assert caught.value.code == "rule_not_overridable"
    services.placement_override(
        placement=placement, rule="post_intern_share", reason="Pilot line, approved", actor=alice
    )
    assert services.placement_activate(placement=placement).status == "active"
    assert AuditEvent.objects.filter(object_type="internships.ruleoverride").exists()


# -- insurance (Art. 35) ------------------------------------------------------


def policy_fields(placement, **extra):
    return {
        "placement": placement,
        "insurer": "PICC",
        "kind": "liability",
        "number": "PICC-2026-88",
        "payer": "school",
        "purchased_on": placement.starts_on - datetime.timedelta(days=10),
        "covers_from": placement.starts_on,
        "covers_to": placement.ends_on,
        "premium": Decimal("60"),
        "charged_to_student": False,
        **extra,
    }


def test_insurance_must_span_the_placement_and_never_be_charged_to_the_student():
    placement = PlacementFactory(insurance_policy="", insurance_expires_on=None)
    refused("insurance_missing", lambda: services.placement_activate(placement=placement))
    refused(
        "premium_charged_to_student",
        lambda: services.insurance_policy_create(
            **policy_fields(placement, charged_to_student=True)
        ),
    )
    refused(
        "insurance_not_covering",
        lambda: services.insurance_policy_create(
            **policy_fields(placement, covers_to=placement.ends_on - datetime.timedelta(days=1))
        ),
    )
    services.insurance_policy_create(**policy_fields(placement))
    assert services.placement_activate(placement=placement).status == "active"


# -- pay (Art. 18) -------------------------------------------------------------


def test_pay_records_one_per_month_and_the_missing_month_reminder():
    from internships.reminders import find_pay_missing
    from tests.accounts.factories import UserFactory

    position = PositionFactory(kind=Position.Kind.POST)
    placement = PlacementFactory(position=position, status="active")
    liaison = UserFactory(role="liaison", role__enterprise=position.enterprise)
    record = services.pay_record_create(
        placement=placement,
        month=datetime.date(2026, 3, 17),
        amount=3000,
        paid_on=datetime.date(2026, 4, 5),
        direct=False,
    )
    assert record.month == datetime.date(2026, 3, 1)
    with pytest.raises(RuleError) as caught:
        services.pay_record_create(
            placement=placement,
            month=datetime.date(2026, 3, 1),
            amount=3000,
            paid_on=datetime.date(2026, 4, 5),
        )
    assert caught.value.code == "pay_record_duplicate"
    # March is recorded: no reminder on 10 April; April is not: one on 10 May.
    assert list(find_pay_missing(datetime.date(2026, 4, 10))) == []
    due = list(find_pay_missing(datetime.date(2026, 5, 10)))
    assert [d.recipient for d in due] == [liaison]
    assert due[0].stage == "pay-2026-04"


# -- hours (Art. 17) -----------------------------------------------------------


def test_hours_flag_overtime_night_and_statutory_holidays():
    placement = PlacementFactory(
        position=PositionFactory(
            starts_on=datetime.date(2026, 4, 27), ends_on=datetime.date(2026, 5, 29)
        ),
        status="active",
    )
    week = [datetime.date(2026, 5, 11) + datetime.timedelta(days=i) for i in range(6)]
    for day in week:  # 6 x 8 = 48 > 44 hours that week
        services.attendance_record(
            placement=placement, date=day, status="present", hours=Decimal(8)
        )
    services.attendance_record(
        placement=placement,
        date=datetime.date(2026, 5, 1),
        status="present",
        hours=Decimal(9),
        night_hours=Decimal(2),
    )
    codes = {(f.date, f.code) for f in flags_for([placement.pk])}
    assert (datetime.date(2026, 5, 1), "overtime_day") in codes
    assert (datetime.date(2026, 5, 1), "night_work") in codes
    assert (datetime.date(2026, 5, 1), "holiday_work") in codes  # Labour Day
    assert (datetime.date(2026, 5, 11), "overtime_week") in codes
    assert not any(c == "overtime_day" for d, c in codes if d in week)


def test_another_app_plugs_in_its_hours_and_a_day_counts_its_largest_record():
    from internships import hours

    placement = PlacementFactory(status="active")
    day = placement.starts_on
    Attendance.objects.create(placement=placement, date=day, status="present", hours=8)
    hours.register(
        "test-checkouts", lambda ids, first, last: [HourEntry(placement.pk, day, Decimal(10))]
    )
    try:
        flags = flags_for([placement.pk])
    finally:
        hours._SOURCES.pop("test-checkouts")
    assert [(f.code, f.hours) for f in flags] == [("overtime_day", Decimal(10))]


# -- destination approval and filing -------------------------------------------


def test_a_cross_province_placement_needs_its_approval_before_activation(alice):
    placement = PlacementFactory(destination="cross_province")
    refused("destination_unapproved", lambda: services.placement_activate(placement=placement))
    services.placement_approve_destination(placement=placement, actor=alice)
    assert services.placement_activate(placement=placement).status == "active"


def test_the_filing_batch_lists_the_selected_placements_as_recorded(alice):
    from internships.filing import batch_pdf, batch_xlsx, rows

    major = MajorFactory()
    chosen = PlacementFactory(student=StudentFactory(major=major))
    services.insurance_policy_create(**policy_fields(chosen, number="PICC-FILE-1"))
    PlacementFactory()  # another major: not in the batch
    batch = services.filing_create(
        actor=alice, title="Spring 2026", major=major, emergency_plan="Call 120, then the school."
    )
    table = rows(batch)
    assert len(table) == 1
    assert table[0][0] == chosen.student.student_number
    assert table[0][4] == chosen.enterprise.name
    assert table[0][15] == "PICC-FILE-1"
    book = openpyxl.load_workbook(io.BytesIO(batch_xlsx(batch)))
    first, plan = book.worksheets
    assert first.cell(2, 1).value == chosen.student.student_number
    assert plan.cell(2, 1).value == "Call 120, then the school."
    # The PDF carries its text, Chinese included, with the font embedded.
    import pypdf
    from django.utils import translation

    with translation.override("zh-hans"):
        document = pypdf.PdfReader(io.BytesIO(batch_pdf(batch)))
    # (narrow cells wrap long values over lines)
    text = "".join(page.extract_text() for page in document.pages).replace("\n", "")
    assert "实习备案" in text and chosen.student.student_number in text
    assert "PICC-FILE-1" in text and "Call 120, then the school." in text
    fonts = document.pages[0]["/Resources"]["/Font"]
    descriptor = next(iter(fonts.values())).get_object()["/DescendantFonts"][0].get_object()
    assert "/FontFile2" in descriptor["/FontDescriptor"]


# -- through the API: code and article in the body ---------------------------------


def test_the_api_answers_a_refusal_with_code_and_article(api, alice):
    position = PositionFactory(enterprise=EnterpriseFactory(vetting=None))
    response = api.as_(alice).post(
        "/api/v1/placements/", {"student": StudentFactory().pk, "position": position.pk}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "enterprise_not_vetted"
    assert response.json()["article"] == "Art. 7"
    response = api.as_(alice).post(
        "/api/v1/positions/",
        {
            "enterprise": position.enterprise_id,
            "title": "Host",
            "kind": "cognitive",
            "capacity": 1,
            "starts_on": "2026-03-02",
            "ends_on": "2026-06-30",
            "venue_category": "internet_cafe",
        },
    )
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["article"]) == ("prohibited_venue", "Art. 16")


@pytest.mark.parametrize(("code", "position_fields", "student_fields"), CASES)
def test_each_rule_through_the_api(api, alice, code, position_fields, student_fields):
    position = PositionFactory.build(enterprise=EnterpriseFactory(), **position_fields)
    position.save()
    student = StudentFactory(**student_fields)
    response = api.as_(alice).post(
        "/api/v1/placements/", {"student": student.pk, "position": position.pk}
    )
    assert response.status_code == 400, response.content
    assert response.json()["code"] == code
    assert response.json()["article"] == rules.ARTICLES[code]


def test_the_compliance_endpoints_through_the_api(api, alice):
    client = api.as_(alice)
    enterprise = EnterpriseFactory(vetting=None)
    vetting = client.post(
        "/api/v1/vettings/",
        {
            "enterprise": enterprise.pk,
            "inspected_on": "2026-01-10",
            "inspector": "Wang Fang",
            "report": "Safe workshop, dormitory checked.",
            "decision": "approved",
            "decided_at_meeting": "Internship committee 2026-1",
        },
    )
    assert vetting.status_code == 201, vetting.content
    assert vetting.json()["valid_until"] == "2027-01-09"
    published = client.post(f"/api/v1/vettings/{vetting.json()['id']}/publish/")
    assert published.status_code == 200 and published.json()["published_on"]
    placement = PlacementFactory(position=PositionFactory(enterprise=enterprise))
    charged = client.post(
        "/api/v1/insurance-policies/",
        {
            "placement": placement.pk,
            "insurer": "PICC",
            "kind": "liability",
            "number": "P-9",
            "payer": "school",
            "purchased_on": "2026-02-20",
            "covers_from": "2026-03-01",
            "covers_to": "2026-07-01",
            "premium": "50.00",
            "charged_to_student": True,
        },
    )
    assert charged.status_code == 400
    assert (charged.json()["code"], charged.json()["article"]) == (
        "premium_charged_to_student",
        "Art. 35",
    )
    pay = client.post(
        "/api/v1/pay-records/",
        {
            "placement": placement.pk,
            "month": "2026-04-01",
            "amount": "3000.00",
            "paid_on": "2026-05-05",
            "direct": False,
        },
    )
    assert pay.status_code == 201, pay.content
    override = client.post(
        f"/api/v1/placements/{placement.pk}/override/",
        {"rule": "enterprise_intern_share", "reason": "Approved by the bureau"},
    )
    assert override.status_code == 200, override.content
    assert client.get(f"/api/v1/placements/{placement.pk}/hours/").json() == []
    filing = client.post("/api/v1/filings/", {"title": "Spring", "emergency_plan": "Plan A"})
    assert filing.status_code == 201, filing.content
    xlsx = client.get(f"/api/v1/filings/{filing.json()['id']}/xlsx/")
    assert xlsx.status_code == 200
    pdf = client.get(f"/api/v1/filings/{filing.json()['id']}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
