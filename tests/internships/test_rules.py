"""Every rule of the internship policy, passing and failing from the same setup."""

import datetime

import pytest
from django.test import override_settings

from common.exceptions import RuleError
from internships import services
from internships.models import Placement, Position
from tests.internships.factories import (
    END,
    START,
    PlacementFactory,
    PositionFactory,
    StudentFactory,
)
from tests.partnerships.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def refused(code, **kwargs):
    with pytest.raises(RuleError) as info:
        PlacementFactory(**kwargs)
    assert info.value.code == code, info.value.message
    return info.value


def test_it_refuses_a_shadow_internship_under_16_on_the_start_date():
    position = PositionFactory(kind=Position.Kind.SHADOW)
    sixteenth_birthday = START.replace(year=START.year - 16)
    error = refused(
        "underage",
        position=position,
        student=StudentFactory(date_of_birth=sixteenth_birthday + datetime.timedelta(days=1)),
    )
    assert error.field == "student"
    PlacementFactory(position=position, student=StudentFactory(date_of_birth=sixteenth_birthday))


def test_a_cognitive_internship_has_no_age_limit():
    PlacementFactory(student=StudentFactory(date_of_birth=datetime.date(2011, 1, 1)))


def test_it_refuses_a_post_internship_in_the_first_year():
    position = PositionFactory(kind=Position.Kind.POST, starts_on=datetime.date(2026, 8, 31))
    refused("first_year_student", position=position, student=StudentFactory(cohort=2025))
    later = PositionFactory(
        kind=Position.Kind.POST,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    PlacementFactory(position=later, student=StudentFactory(cohort=2025))


@override_settings(INTERNSHIP_FIRST_YEAR_RULE=False)
def test_the_first_year_rule_can_be_switched_off():
    position = PositionFactory(kind=Position.Kind.POST, starts_on=datetime.date(2026, 8, 31))
    PlacementFactory(position=position, student=StudentFactory(cohort=2025))


def test_it_keeps_post_interns_within_10_percent_of_the_workforce():
    enterprise = EnterpriseFactory(workforce=20)  # 10 % = 2 post interns
    position = PositionFactory(enterprise=enterprise, kind=Position.Kind.POST)
    PlacementFactory.create_batch(2, position=position)
    refused("enterprise_intern_share", position=position)
    # The same third intern passes at an enterprise of 30.
    enterprise.workforce = 30
    enterprise.save()
    PlacementFactory(position=position)


def test_the_enterprise_share_counts_every_post_position_of_the_enterprise():
    enterprise = EnterpriseFactory(workforce=20)
    first = PositionFactory(enterprise=enterprise, kind=Position.Kind.POST)
    second = PositionFactory(enterprise=enterprise, kind=Position.Kind.POST)
    PlacementFactory(position=first)
    PlacementFactory(position=second)
    refused("enterprise_intern_share", position=second)
    # Cognitive interns do not count.
    PlacementFactory(position=PositionFactory(enterprise=enterprise))


def test_it_keeps_post_interns_within_20_percent_of_the_post_headcount():
    position = PositionFactory(kind=Position.Kind.POST, post_headcount=10)  # 20 % = 2
    PlacementFactory.create_batch(2, position=position)
    refused("post_intern_share", position=position)
    position.post_headcount = 15
    position.save()
    PlacementFactory(position=position)


def test_it_refuses_post_pay_below_80_percent_of_the_post_wage():
    position = PositionFactory(kind=Position.Kind.POST, post_wage=3500, monthly_pay=2799)
    refused("pay_below_minimum", position=position)
    position.monthly_pay = 2800
    position.save()
    PlacementFactory(position=position)


def test_it_refuses_more_than_8_hours_a_day():
    position = PositionFactory(daily_hours="8.5")
    refused("hours_exceeded", position=position)
    position.daily_hours = 8
    position.save()
    PlacementFactory(position=position)


@override_settings(INTERNSHIP_MAX_DAILY_HOURS=7)
def test_a_stricter_province_lowers_the_hours():
    refused("hours_exceeded", position=PositionFactory(daily_hours=8))


def test_it_refuses_a_night_shift_without_a_filed_arrangement():
    position = PositionFactory(night_shift=True)
    refused("night_shift", position=position)
    position.exception_filing = "辽教备〔2026〕12号"
    position.save()
    PlacementFactory(position=position)


def test_it_never_exceeds_a_positions_capacity():
    position = PositionFactory(capacity=1)
    PlacementFactory(position=position)
    error = refused("capacity_full", position=position)
    assert error.status == 409
    # Dates that do not overlap take the place again.
    PlacementFactory(
        position=position, starts_on=END + datetime.timedelta(days=1), ends_on=END.replace(month=8)
    )


def test_ended_placements_free_their_place():
    position = PositionFactory(capacity=1)
    PlacementFactory(position=position, status=Placement.Status.TERMINATED)
    PlacementFactory(position=position)


def test_one_student_has_one_current_placement_at_a_time():
    student = StudentFactory()
    first = PlacementFactory(student=student)
    refused("overlapping_placement", student=student)
    services.placement_terminate(placement=first, reason="Changed enterprise")
    PlacementFactory(student=student)


def test_the_six_month_post_internship_is_only_a_warning():
    position = PositionFactory(
        kind=Position.Kind.POST,
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 9, 30),
    )
    long = PlacementFactory(position=position)
    assert long.warnings == ["long_post_internship"]
    six = PlacementFactory(position=position, ends_on=datetime.date(2026, 9, 1))
    assert six.warnings == []


def activation_refused(placement, code):
    with pytest.raises(RuleError) as info:
        services.placement_activate(placement=placement)
    assert info.value.code == code, info.value.message
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PLANNED


def test_activation_needs_insurance_covering_the_whole_placement():
    placement = PlacementFactory(insurance_expires_on=END - datetime.timedelta(days=1))
    activation_refused(placement, "insurance_missing")
    services.placement_update(placement=placement, insurance_expires_on=END)
    assert services.placement_activate(placement=placement).status == "active"


def test_activation_needs_an_insurance_policy():
    placement = PlacementFactory(insurance_policy="")
    activation_refused(placement, "insurance_missing")
    services.placement_update(placement=placement, insurance_policy="PICC-1")
    services.placement_activate(placement=placement)


def test_activation_needs_the_tripartite_agreement():
    # A follow-post placement needs the agreement (a cognitive one does not).
    placement = PlacementFactory(position=PositionFactory(kind="shadow"), agreement_signed=False)
    activation_refused(placement, "agreement_unsigned")
    services.placement_update(placement=placement, agreement_signed=True)
    services.placement_activate(placement=placement)


def test_activation_needs_guardian_consent_under_18():
    minor = StudentFactory(date_of_birth=START.replace(year=START.year - 17))
    placement = PlacementFactory(student=minor, guardian_consent=False)
    activation_refused(placement, "guardian_consent_missing")
    services.placement_update(placement=placement, guardian_consent=True)
    services.placement_activate(placement=placement)
    adult = StudentFactory(date_of_birth=START.replace(year=START.year - 18))
    services.placement_activate(placement=PlacementFactory(student=adult, guardian_consent=False))


def test_activation_checks_the_create_rules_again():
    position = PositionFactory(capacity=2)
    placement = PlacementFactory(position=position)
    PlacementFactory(position=position)
    # The capacity was lowered behind the service's back (e.g. in the database).
    Position.objects.filter(pk=position.pk).update(capacity=1)
    activation_refused(placement, "capacity_full")


@override_settings(INTERNSHIP_MIN_AGE=18)
def test_activation_applies_tightened_settings():
    minor = StudentFactory(date_of_birth=START.replace(year=START.year - 17))
    position = PositionFactory(kind=Position.Kind.SHADOW)
    with override_settings(INTERNSHIP_MIN_AGE=16):
        placement = PlacementFactory(student=minor, position=position)
    activation_refused(placement, "underage")


def test_a_position_itself_is_refused_when_it_breaks_a_rule():
    enterprise = EnterpriseFactory()
    base = dict(
        enterprise=enterprise,
        title="Welder",
        kind="post",
        capacity=2,
        starts_on=START,
        ends_on=END,
        daily_hours=8,
        monthly_pay=2800,
        post_wage=3500,
        post_headcount=10,
    )
    for change, code, field in [
        ({"daily_hours": 9}, "hours_exceeded", "daily_hours"),
        ({"night_shift": True}, "night_shift", "exception_filing"),
        ({"monthly_pay": 2000}, "pay_below_minimum", "monthly_pay"),
        ({"ends_on": START - datetime.timedelta(days=1)}, "dates_invalid", "ends_on"),
    ]:
        with pytest.raises(RuleError) as info:
            services.position_create(**{**base, **change})
        assert (info.value.code, info.value.field) == (code, field)
    assert services.position_create(**base).pk
