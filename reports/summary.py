"""The year's key figures (``GET /api/v1/reports/summary/?year=``), from records.

Every figure is an aggregate computed by the database; the whole summary is a
fixed number of queries whatever the amount of data (see ``summary_for_year``).
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from groups.selectors import group_figures_of_year

SUMMARY_DESCRIPTION = """The year's key cooperation figures, computed from records.

The year runs from 1 January to 31 December (this year when no year is
given). Instead of `year`, give
`academic_year=2025-2026` for an academic year (1 September 2025 to 31 August
2026): every figure then covers that period (reviews: those due in it), except
`groups`, whose targets are set per calendar year (those of its first year).

- `academic_year`: `"2025-2026"` when asked for an academic year, else `null`.

- `year`: the year asked for.
- `enterprises_active`: enterprises whose status is `active`.
- `agreements_active`: agreements in force during the year: status `active` or
  `expired` and a term (`starts_on`..`ends_on`) that overlaps the year. Drafts and
  terminated agreements do not count.
- `agreements_by_depth`: those agreements by depth, `{"deep","middle","shallow"}`.
- `majors_without_deep_partner`: the number of majors with no deep agreement in
  force during the year (every major should have 1-2 deep partners);
  `majors_without_deep_partner_list` names them (`{"id","code","name"}`).
- `reviews_due`: annual reviews due in the year (their `year`), any status.
- `reviews_completed`: of those, the approved ones; `reviews_submitted` the ones
  submitted but not yet approved, `reviews_overdue` the pending ones already past
  their due date.
- `committees_without_meeting`: active committees (council or steering) with no
  meeting held (status `held`) scheduled in the year; `committees_active` counts
  all active committees.
- `students_placed`: distinct students with an active or completed placement whose
  dates overlap the year.
- `placements_by_kind`: active or completed placements overlapping the year, by
  the position's kind, `{"cognitive","shadow","post"}`.
- `hire_rate`: of the completed placements that ended in the year, the share
  (0..1, four decimals) the enterprise hired afterwards (`hired` = yes); `null`
  when none ended. `placements_completed` and `placements_hired` are its parts.
- `groups`: for each vocational education group, the same figures as
  `GET /groups/<id>/metrics/?year=`: `{"id","name","internships",
  "internship_target","hires","employment_target","resources","patents",
  "technical_improvements","achievements"}`.
- `cooperation_figures`: the annual reviews' figures of the year (their `year`),
  summed: `{"order_class_students","courses_developed","textbooks_developed",
  "part_time_teachers","equipment_donated","equipment_provided","service_income",
  "training_person_days"}` (money as strings with two decimals, CNY). Each
  review's figure is the one its enterprise's cooperation records give for the
  agreement's majors, or its correction where one was entered with a reason
  (typed where the enterprise has no record of that kind).
"""


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _period(year: int, academic: bool) -> tuple[datetime.date, datetime.date]:
    if academic:
        return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)
    return _year_range(year)


def _placed_q(first, last) -> Q:
    """Placed in the period: active or completed, dates overlapping it (as placed_in_q)."""
    from internships.models import Placement

    return Q(
        status__in=[Placement.Status.ACTIVE, Placement.Status.COMPLETED],
        starts_on__lte=last,
        ends_on__gte=first,
    )


def _completed_q(first, last) -> Q:
    """Completed and ended in the period (as completed_in_q)."""
    from internships.models import Placement

    return Q(status=Placement.Status.COMPLETED, ends_on__range=(first, last))


def agreements_in_force(year: int, academic: bool = False):
    """Agreements in force at some time during the year (see SUMMARY_DESCRIPTION)."""
    from partnerships.models import CooperationAgreement

    first, last = _period(year, academic)
    return CooperationAgreement.objects.filter(
        status__in=[CooperationAgreement.Status.ACTIVE, CooperationAgreement.Status.EXPIRED],
        starts_on__lte=last,
        ends_on__gte=first,
    )


def rate(part: int, whole: int) -> float | None:
    if not whole:
        return None
    return float((Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), ROUND_HALF_UP))


def majors_without_deep_partner(year: int, academic: bool = False) -> list[dict]:
    from partnerships.models import Depth, Major

    deep = agreements_in_force(year, academic).filter(depth=Depth.DEEP, majors=OuterRef("pk"))
    return list(Major.objects.filter(~Exists(deep)).order_by("code").values("id", "code", "name"))


def summary_for_year(*, user, year: int, academic: bool = False) -> dict:
    """The summary; SUMMARY_DESCRIPTION defines every key.

    Ten queries whatever the data: enterprises; agreements by depth; majors
    without a deep partner; reviews; committees; placements; and four for the
    groups (groups with the year's targets, placements per group, resources,
    research outcomes). ``user`` is an administrator or reporter (the API's
    policy); the figures are aggregates, never personal data.
    """
    from councils.models import Committee, Meeting
    from internships.models import Placement, Position
    from partnerships.models import FIGURE_FIELDS, MONEY_FIGURES, AnnualReview, Depth, Enterprise

    today = timezone.localdate()

    enterprises_active = Enterprise.objects.filter(status=Enterprise.Status.ACTIVE).count()

    first, last = _period(year, academic)
    agreements = agreements_in_force(year, academic).aggregate(
        total=Count("pk"),
        **{depth: Count("pk", filter=Q(depth=depth)) for depth in Depth.values},
    )

    majors_lacking = majors_without_deep_partner(year, academic)

    # An academic year's reviews are those due in it (a review's year is the
    # calendar year of its due date).
    review_rows = (
        AnnualReview.objects.filter(due_on__range=(first, last))
        if academic
        else AnnualReview.objects.filter(year=year)
    )
    reviews = review_rows.aggregate(
        due=Count("pk"),
        completed=Count("pk", filter=Q(status=AnnualReview.Status.APPROVED)),
        submitted=Count("pk", filter=Q(status=AnnualReview.Status.SUBMITTED)),
        overdue=Count("pk", filter=Q(status=AnnualReview.Status.PENDING, due_on__lt=today)),
        **{f"figure_{name}": Sum(name) for name in FIGURE_FIELDS},
    )

    held = Meeting.objects.filter(
        committee=OuterRef("pk"),
        status=Meeting.Status.HELD,
        scheduled_at__date__range=(first, last),
    )
    committees = Committee.objects.filter(status=Committee.Status.ACTIVE).aggregate(
        active=Count("pk"), without_meeting=Count("pk", filter=~Exists(held))
    )

    placed, completed = _placed_q(first, last), _completed_q(first, last)
    placements = Placement.objects.filter(placed | completed).aggregate(
        students=Count("student", distinct=True, filter=placed),
        **{
            kind: Count("pk", filter=placed & Q(position__kind=kind))
            for kind in Position.Kind.values
        },
        completed=Count("pk", filter=completed),
        hired=Count("pk", filter=completed & Q(hired=Placement.Hired.YES)),
    )

    return {
        "year": year,
        "academic_year": f"{year}-{year + 1}" if academic else None,
        "enterprises_active": enterprises_active,
        "agreements_active": agreements["total"],
        "agreements_by_depth": {depth: agreements[depth] for depth in Depth.values},
        "majors_without_deep_partner": len(majors_lacking),
        "majors_without_deep_partner_list": majors_lacking,
        "reviews_due": reviews["due"],
        "reviews_completed": reviews["completed"],
        "reviews_submitted": reviews["submitted"],
        "reviews_overdue": reviews["overdue"],
        "committees_active": committees["active"],
        "committees_without_meeting": committees["without_meeting"],
        "students_placed": placements["students"],
        "placements_by_kind": {kind: placements[kind] for kind in Position.Kind.values},
        "placements_completed": placements["completed"],
        "placements_hired": placements["hired"],
        "hire_rate": rate(placements["hired"], placements["completed"]),
        "groups": group_figures_of_year(year),
        "cooperation_figures": {
            name: _figure(reviews[f"figure_{name}"], name in MONEY_FIGURES)
            for name in FIGURE_FIELDS
        },
    }


def _figure(value, money: bool):
    if money:
        return format((value or Decimal("0")).quantize(Decimal("0.01")), "f")
    return value or 0
