"""Every rule of the practice services, each with its pass and its refusal."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from common.exceptions import RuleError
from internships.models import InternshipPlan, PlacementLog
from internships.services import plan_create
from notifications.models import Notification
from practice import services
from practice.models import CheckIn, InternshipReport, Journal
from practice.selectors import checkout_hours
from tests.practice.factories import FAR, NEAR, current_placement, student_user

pytestmark = pytest.mark.django_db

LONG = "认真完成了本周的实习任务。" * 40


def code_of(call, **kwargs):
    with pytest.raises(RuleError) as error:
        call(**kwargs)
    return error.value.code


@pytest.fixture
def xiaoming():
    return student_user("xiaoming")


@pytest.fixture
def placement(xiaoming, tom):
    return current_placement(xiaoming, supervisor=tom)


def checkin(user, placement, where=NEAR, **extra):
    return services.checkin_create(
        actor=user, placement=placement, lat=where[0], lng=where[1], accuracy_m=20, **extra
    )


def test_a_check_in_is_on_site_within_the_plans_radius(xiaoming, placement):
    made = checkin(xiaoming, placement)
    assert made.on_site and 100 < made.distance_m < 250 and made.reason == ""


def test_an_off_site_check_in_needs_a_reason(xiaoming, placement):
    assert code_of(checkin, user=xiaoming, placement=placement, where=FAR) == (
        "off_site_reason_required"
    )
    assert not CheckIn.objects.exists()
    made = checkin(xiaoming, placement, where=FAR, reason="客户现场")
    assert not made.on_site and made.distance_m > 10_000


def test_a_narrow_plan_radius_makes_the_same_spot_off_site(xiaoming, tom):
    plan = plan_create(name="Narrow", geofence_m=50)
    placement = current_placement(xiaoming, supervisor=tom, plan=plan)
    assert code_of(checkin, user=xiaoming, placement=placement) == "off_site_reason_required"


@pytest.mark.parametrize("lat,lng", [(91, 0), (0, 181), (-90.5, 0), ("x", 0)])
def test_coordinates_out_of_range_are_refused(xiaoming, placement, lat, lng):
    assert code_of(checkin, user=xiaoming, placement=placement, where=(lat, lng)) == (
        "coordinates_invalid"
    )


@override_settings(PRACTICE_MAX_ACCURACY_M=100)
def test_an_imprecise_location_is_refused(xiaoming, placement):
    refused = code_of(
        services.checkin_create,
        actor=xiaoming, placement=placement, lat=NEAR[0], lng=NEAR[1], accuracy_m=101,
    )  # fmt: skip
    assert refused == "accuracy_too_low"
    assert services.checkin_create(
        actor=xiaoming, placement=placement, lat=NEAR[0], lng=NEAR[1], accuracy_m=100
    )


def test_one_check_in_a_day(xiaoming, placement):
    checkin(xiaoming, placement)
    assert code_of(checkin, user=xiaoming, placement=placement) == "already_checked_in"


def test_a_check_in_on_a_placement_not_active_or_not_theirs_is_refused(xiaoming, tom):
    planned = current_placement(xiaoming, supervisor=tom, status="planned")
    assert code_of(checkin, user=xiaoming, placement=planned) == "placement_not_active"
    other = current_placement(student_user("xiaohong"), supervisor=tom)
    assert code_of(checkin, user=xiaoming, placement=other) == "placement_not_yours"
    assert code_of(checkin, user=xiaoming, placement=None) == "placement_not_yours"


def test_a_check_out_records_the_hours_once(xiaoming, placement):
    made = checkin(xiaoming, placement)
    CheckIn.objects.filter(pk=made.pk).update(at=timezone.now() - datetime.timedelta(hours=8))
    out = services.checkin_check_out(checkin=made, actor=xiaoming)
    assert out.hours == Decimal("8.0")
    assert code_of(services.checkin_check_out, checkin=made, actor=xiaoming) == (
        "already_checked_out"
    )
    today = timezone.localdate()
    assert checkout_hours([placement.pk], today, today) == {(placement.pk, today): Decimal("8.0")}


def test_old_locations_are_erased_after_the_retention(xiaoming, placement):
    made = checkin(xiaoming, placement)
    later = placement.ends_on + datetime.timedelta(days=181)
    assert services.checkin_locations_erase(today=placement.ends_on) == 0
    assert services.checkin_locations_erase(today=later) == 1
    made.refresh_from_db()
    assert made.lat is None and made.lng is None and made.on_site
    assert made.location_erased_at is not None


def test_a_journal_goes_through_its_states(xiaoming, tom, placement):
    journal = services.journal_create(
        actor=xiaoming, placement=placement, kind="weekly",
        period_start=placement.starts_on, period_end=placement.starts_on, text="短",
    )  # fmt: skip
    assert code_of(services.journal_submit, journal=journal, actor=xiaoming) == (
        "journal_too_short"
    )
    journal = services.journal_update(journal=journal, actor=xiaoming, text=LONG)
    journal = services.journal_submit(journal=journal, actor=xiaoming)
    assert code_of(services.journal_update, journal=journal, actor=xiaoming, text="x") == (
        "journal_not_editable"
    )
    assert code_of(services.journal_return, journal=journal, actor=tom, comment=" ") == (
        "comment_required"
    )
    journal = services.journal_return(journal=journal, actor=tom, comment="具体些")
    assert code_of(services.journal_review, journal=journal, actor=tom, score=80) == (
        "not_submitted"
    )
    journal = services.journal_submit(journal=journal, actor=xiaoming)
    assert code_of(services.journal_review, journal=journal, actor=tom, score=101) == (
        "score_invalid"
    )
    journal = services.journal_review(journal=journal, actor=tom, score=88)
    assert journal.status == Journal.Status.REVIEWED and journal.reviewed_by == tom


def test_only_the_supervisor_or_an_administrator_reviews(xiaoming, tom, alice, placement):
    from tests.accounts.factories import UserFactory

    journal = services.journal_create(
        actor=xiaoming, placement=placement, kind="monthly",
        period_start=placement.starts_on, period_end=placement.starts_on, text=LONG,
    )  # fmt: skip
    services.journal_submit(journal=journal, actor=xiaoming)
    other_teacher = UserFactory(role="teacher")
    assert code_of(services.journal_review, journal=journal, actor=other_teacher, score=1) == (
        "not_supervisor"
    )
    assert services.journal_review(journal=journal, actor=alice, score=70).score == 70


def test_journal_periods_are_checked(xiaoming, placement):
    start = placement.starts_on
    make = services.journal_create
    kwargs = {"actor": xiaoming, "placement": placement, "text": ""}
    assert code_of(make, kind="daily", period_start=start, period_end=start, **kwargs) == (
        "journal_kind_invalid"
    )
    assert code_of(
        make, kind="weekly", period_start=start, period_end=start - datetime.timedelta(days=1),
        **kwargs,
    ) == "dates_invalid"  # fmt: skip
    assert code_of(
        make, kind="monthly", period_start=start, period_end=start + datetime.timedelta(days=40),
        **kwargs,
    ) == "period_too_long"  # fmt: skip
    make(kind="weekly", period_start=start, period_end=start, **kwargs)
    assert code_of(make, kind="weekly", period_start=start, period_end=start, **kwargs) == (
        "journal_exists"
    )


def upload(name, content):
    handle = io.BytesIO(content)
    handle.name = name
    handle.size = len(content)
    return handle


@override_settings(PRACTICE_REPORT_MAX_BYTES=2048)
def test_a_report_file_must_be_a_pdf_or_docx_within_the_size(xiaoming, tom, placement):
    make = services.report_create
    kwargs = {"actor": xiaoming, "placement": placement}
    assert code_of(make, file=upload("r.txt", b"hello"), **kwargs) == "report_file_type"
    assert code_of(make, file=upload("r.pdf", b"MZ not a pdf"), **kwargs) == "report_file_type"
    assert code_of(make, file=upload("r.pdf", b"%PDF-" + b"0" * 3000), **kwargs) == (
        "report_too_large"
    )
    assert not InternshipReport.objects.exists()
    report = make(file=upload("r.pdf", b"%PDF-1.4 ok"), summary="总结", **kwargs)
    assert code_of(make, file=upload("r.pdf", b"%PDF-1.4 ok"), **kwargs) == "report_exists"
    assert code_of(services.report_submit, report=report, actor=xiaoming) == ("report_not_editable")
    report = services.report_return(report=report, actor=tom, comment="补充")
    report = services.report_update(report=report, actor=xiaoming, file=upload("v2.pdf", b"%PDF-2"))
    report = services.report_submit(report=report, actor=xiaoming)
    assert services.report_review(report=report, actor=tom, score=75).score == 75


def test_an_incident_from_the_phone_notifies_the_supervisor_and_administrators(
    xiaoming, tom, alice, placement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        log = services.incident_report(
            actor=xiaoming, placement=placement, text="手被划伤", lat=NEAR[0], lng=NEAR[1]
        )
    assert log.kind == PlacementLog.Kind.INCIDENT and log.location.lat == Decimal(str(NEAR[0]))
    assert set(Notification.objects.values_list("recipient", flat=True)) == {tom.pk, alice.pk}
    assert (
        code_of(
            services.incident_report, actor=xiaoming, placement=placement, text="x", lat=1, lng=None
        )
        == "coordinates_invalid"
    )


def test_plans_weights_sum_to_100():
    assert code_of(plan_create, name="Bad", weights=dict.fromkeys(
        ("attendance", "journals", "report", "enterprise", "school"), 30
    )) == "plan_weights_sum"  # fmt: skip
    assert code_of(plan_create, name="Bad", weights={"attendance": 100}) == "plan_weights_sum"
    plan = plan_create(
        name="Good",
        weights={"attendance": 40, "journals": 30, "report": 10, "enterprise": 10, "school": 10},
    )
    assert InternshipPlan.objects.get(pk=plan.pk).weights["attendance"] == 40


def test_the_grade_is_approved_once_the_placement_is_completed_and_then_locked(
    xiaoming, tom, placement
):
    from internships.services import placement_complete

    assert code_of(services.grade_approve, placement=placement, actor=tom) == (
        "placement_not_completed"
    )
    placement = placement_complete(placement=placement)
    grade = services.grade_approve(placement=placement, actor=tom)
    assert grade.total >= 0
    assert code_of(services.grade_approve, placement=placement, actor=tom) == "grade_locked"


def test_a_placement_completed_early_ends_that_day_and_its_grade_counts_no_later_day(
    xiaoming, tom, placement
):
    """Completed 60 days before its planned end: the days after are not missed
    days, whenever the grade is read or approved."""
    from common.workdays import workdays_between
    from internships.services import placement_complete
    from practice.grading import required_workdays

    today = timezone.localdate()
    placement = placement_complete(placement=placement)
    placement.refresh_from_db()
    assert placement.ends_on == today
    later = today + datetime.timedelta(days=20)
    assert required_workdays(placement, later) == workdays_between(placement.starts_on, today)
