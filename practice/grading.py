"""The grade of a placement, built from the whole internship.

- attendance: the required workdays (China's official calendar, from the
  start to the end of the placement or today, whichever is earlier) on which
  the student checked in on site or the enterprise's attendance sheet says
  present, over the required workdays; 100 when the plan asks for no
  check-in or no workday has passed;
- journals: the mean score of the reviewed journals, scaled by the share of
  the plan's required count (weekly plus monthly) that was handed in
  (submitted or reviewed), at most 1;
- report: the reviewed report's score (0 without one);
- enterprise, school: the two evaluations' totals (0 while missing);
- total: the components weighed by the plan's weights (summing to 100);
  passed when the total reaches the plan's pass mark.

Every figure is rounded half up to one decimal.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from common.workdays import workdays_between
from internships.models import Attendance, Evaluation, InternshipPlan, Placement
from internships.services import plan_default
from practice.models import CheckIn, InternshipReport, Journal

ONE_DECIMAL = Decimal("0.1")
HUNDRED = Decimal(100)


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class GradeFigures:
    attendance: Decimal
    journals: Decimal
    report: Decimal
    enterprise: Decimal
    school: Decimal
    total: Decimal
    passed: bool

    def as_dict(self) -> dict:
        return asdict(self)


def required_workdays(placement: Placement, today: datetime.date) -> list[datetime.date]:
    last = min(placement.ends_on, today)
    if last < placement.starts_on:
        return []
    return workdays_between(placement.starts_on, last)


def attendance_rate(placement: Placement, plan: InternshipPlan, today: datetime.date) -> Decimal:
    if not plan.checkin_required:
        return HUNDRED
    required = required_workdays(placement, today)
    if not required:
        return HUNDRED
    first, last = required[0], required[-1]
    on_site = set(
        CheckIn.objects.filter(
            placement=placement, on_site=True, date__range=(first, last)
        ).values_list("date", flat=True)
    )
    confirmed = set(
        Attendance.objects.filter(
            placement=placement, status=Attendance.Status.PRESENT, date__range=(first, last)
        ).values_list("date", flat=True)
    )
    attended = len((on_site | confirmed) & set(required))
    return _round(Decimal(attended) * HUNDRED / Decimal(len(required)))


def journal_score(placement: Placement, plan: InternshipPlan) -> Decimal:
    rows = list(
        Journal.objects.filter(
            placement=placement,
            status__in=[Journal.Status.SUBMITTED, Journal.Status.REVIEWED],
        ).values_list("status", "score")
    )
    scores = [score for status, score in rows if status == Journal.Status.REVIEWED]
    if not scores:
        return Decimal(0)
    mean = Decimal(sum(scores)) / Decimal(len(scores))
    required = plan.journals_required
    share = Decimal(1) if required == 0 else min(Decimal(1), Decimal(len(rows)) / required)
    return _round(mean * share)


def report_score(placement: Placement) -> Decimal:
    score = (
        InternshipReport.objects.filter(placement=placement, status=Journal.Status.REVIEWED)
        .values_list("score", flat=True)
        .first()
    )
    return Decimal(score or 0)


def evaluation_totals(placement: Placement) -> dict[str, Decimal]:
    totals = {side: Decimal(0) for side in Evaluation.Side.values}
    for evaluation in Evaluation.objects.filter(placement=placement):
        totals[evaluation.side] = _round(
            Decimal(sum(evaluation.scores.values())) / len(Evaluation.CRITERIA)
        )
    return totals


def compute_grade(placement: Placement, today: datetime.date | None = None) -> GradeFigures:
    """The grade as it stands today (nothing is stored)."""
    today = today or timezone.localdate()
    plan = placement.plan or plan_default()
    evaluations = evaluation_totals(placement)
    parts = {
        "attendance": attendance_rate(placement, plan, today),
        "journals": journal_score(placement, plan),
        "report": report_score(placement),
        "enterprise": evaluations[Evaluation.Side.ENTERPRISE],
        "school": evaluations[Evaluation.Side.SCHOOL],
    }
    weights = plan.weights
    total = _round(sum(parts[name] * weights[name] for name in parts) / HUNDRED)
    return GradeFigures(**parts, total=total, passed=total >= plan.pass_mark)
