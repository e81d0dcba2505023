"""Helpers several kinds of report use.

A year's bounds, the review figures' sums, shares, the years a report covers
and the several-year figures of enterprises.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from internships.models import completed_in_q
from reports.models import Report
from reports.summary import agreements_in_force, rate
from reports.tables import Column

from .figures import (
    DEC,
    INT,
    MONEY,
    REVIEW_FIGURES,
    YEARS_BACK,
    ZERO,
    graduates_hired_q,
    interns_accepted_q,
)


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _review_sums(prefix: str = "") -> dict:
    return {name: Sum(f"{prefix}{name}") for name in REVIEW_FIGURES}


def _clean_figures(row: dict | None) -> dict:
    row = row or {}
    return {name: (row.get(name) or (ZERO if name in MONEY else 0)) for name in REVIEW_FIGURES}


def _share(part, whole):
    return rate(part or 0, whole or 0)


def _years(report: Report) -> list[int]:
    return list(range(report.year - YEARS_BACK, report.year + 1))


def _enterprise_years(enterprise_ids: list[int] | None, years: list[int], majors=None) -> dict:
    """Cooperation figures per year for some enterprises (or agreements of some majors).

    Three queries whatever the number of years: review sums per year, placements
    (a conditional count per year), agreements in force (a conditional count per
    year).
    """
    from internships.models import Placement
    from partnerships.models import AnnualReview, CooperationAgreement, Depth

    reviews = AnnualReview.objects.filter(year__in=years)
    placements = Placement.objects.all()
    agreements = CooperationAgreement.objects.all()
    if enterprise_ids is not None:
        reviews = reviews.filter(agreement__enterprise_id__in=enterprise_ids)
        placements = placements.filter(enterprise_id__in=enterprise_ids)
        agreements = agreements.filter(enterprise_id__in=enterprise_ids)
    if majors is not None:
        reviews = reviews.filter(agreement__majors__in=majors)
        placements = placements.filter(student__major__in=majors)
        agreements = agreements.filter(majors__in=majors)
    figures = {row["year"]: row for row in reviews.values("year").annotate(**_review_sums())}
    people = placements.aggregate(
        **{
            f"interns_{y}": Count("student", distinct=True, filter=interns_accepted_q(y))
            for y in years
        },
        **{f"hired_{y}": Count("pk", filter=graduates_hired_q(y)) for y in years},
        **{f"completed_{y}": Count("pk", filter=completed_in_q(y)) for y in years},
    )
    in_force = {}
    for y in years:
        ids = agreements_in_force(y).values("pk")
        in_force[f"agreements_{y}"] = Count("pk", distinct=True, filter=Q(pk__in=ids))
        in_force[f"deep_{y}"] = Count("pk", distinct=True, filter=Q(pk__in=ids, depth=Depth.DEEP))
        in_force[f"school_{y}"] = Sum("school_investment", filter=Q(pk__in=ids))
        in_force[f"enterprise_{y}"] = Sum("enterprise_investment", filter=Q(pk__in=ids))
    if majors is not None:
        # Sums over a join with majors would repeat an agreement per major.
        agreements = CooperationAgreement.objects.filter(pk__in=agreements.values("pk"))
    counts = agreements.aggregate(**in_force)
    result = {}
    for y in years:
        result[y] = {
            "agreements": counts[f"agreements_{y}"] or 0,
            "deep_agreements": counts[f"deep_{y}"] or 0,
            "school_investment": counts[f"school_{y}"] or ZERO,
            "enterprise_investment": counts[f"enterprise_{y}"] or ZERO,
            **_clean_figures(figures.get(y)),
            "interns_accepted": people[f"interns_{y}"],
            "graduates_hired": people[f"hired_{y}"],
            "hire_rate": rate(people[f"hired_{y}"], people[f"completed_{y}"]),
        }
    return result


def _agreement_columns() -> list[Column]:
    return [
        Column("agreements", _("Agreements in force"), INT),
        Column("deep_agreements", _("Deep agreements"), INT),
        Column("school_investment", _("School investment (CNY)"), DEC),
        Column("enterprise_investment", _("Enterprise investment (CNY)"), DEC),
    ]
