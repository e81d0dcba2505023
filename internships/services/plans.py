"""Internship plans: what an internship requires and how its grade is weighed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from internships.models import DEFAULT_PLAN_NAME, GRADE_COMPONENTS, InternshipPlan

PLAN_FIELDS = (
    "name",
    "cohort",
    "kind",
    "starts_on",
    "ends_on",
    "checkin_required",
    "geofence_m",
    "weekly_journals",
    "journal_min_chars",
    "monthly_reports",
    "report_required",
    "pass_mark",
)


def _check_plan(plan: InternshipPlan) -> None:
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        raise RuleError(
            "dates_invalid", _("The end date must not be before the start date."), field="ends_on"
        )
    weights = plan.weights
    if any(w < 0 or w > 100 for w in weights.values()) or sum(weights.values()) != 100:
        raise RuleError(
            "plan_weights_sum",
            _("The grade weights must be whole numbers that sum to 100."),
            field="weights",
        )
    if not 0 <= plan.pass_mark <= 100:
        raise RuleError("pass_mark_invalid", _("The pass mark is 0 to 100."), field="pass_mark")


def _apply(plan: InternshipPlan, values: dict[str, Any]) -> list:
    majors = values.pop("majors", None)
    weights = values.pop("weights", None)
    for key, value in values.items():
        if key in PLAN_FIELDS:
            setattr(plan, key, value)
    if weights is not None:
        if not isinstance(weights, dict) or set(weights) != set(GRADE_COMPONENTS):
            raise RuleError(
                "plan_weights_sum",
                _("The grade weights name attendance, journals, report, enterprise and school."),
                field="weights",
            )
        for name in GRADE_COMPONENTS:
            setattr(plan, f"weight_{name}", weights[name])
    return majors


@transaction.atomic
def plan_create(**values: Any) -> InternshipPlan:
    plan = InternshipPlan()
    majors = _apply(plan, dict(values))
    _check_plan(plan)
    plan.save()
    if majors is not None:
        plan.majors.set(majors)
    return plan


@transaction.atomic
def plan_update(*, plan: InternshipPlan, **values: Any) -> InternshipPlan:
    plan = InternshipPlan.objects.select_for_update().get(pk=plan.pk)
    majors = _apply(plan, dict(values))
    _check_plan(plan)
    plan.save()
    if majors is not None:
        plan.majors.set(majors)
    return plan


@transaction.atomic
def plan_delete(*, plan: InternshipPlan) -> None:
    """A plan that placements belong to stays (409 ``in_use``)."""
    plan.delete()


def plan_default() -> InternshipPlan:
    """The plan of placements made without one: the model's defaults."""
    plan = InternshipPlan.objects.filter(name=DEFAULT_PLAN_NAME).order_by("pk").first()
    return plan or InternshipPlan.objects.create(name=DEFAULT_PLAN_NAME)
