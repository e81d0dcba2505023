"""The report on a major over several years."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import Report
from reports.summary import agreements_in_force
from reports.tables import Column, Document, Table

from ._shared import _agreement_columns, _enterprise_years, _years
from .figures import INT, PCT, figure_columns
from .years import yearly_tables


def major_document(report: Report) -> Document:
    from internships.models import Student
    from partnerships.models import Depth, Major

    major = Major.objects.select_related("department").get(pk=report.subject_id)
    years = _years(report)
    by_year = _enterprise_years(None, years, majors=[major.pk])
    students = dict(
        Student.objects.filter(major=major, cohort__in=years)
        .values("cohort")
        .annotate(n=Count("pk"))
        .values_list("cohort", "n")
    )
    partners: dict[int, set[str]] = defaultdict(set)
    for y in years:
        for name in (
            agreements_in_force(y)
            .filter(majors=major, depth=Depth.DEEP)
            .values_list("enterprise__name", flat=True)
        ):
            partners[y].add(name)
    for y in years:
        by_year[y]["deep_partners"] = len(partners[y])
        by_year[y]["students_enrolled"] = students.get(y, 0)
    columns = [
        Column("students_enrolled", _("Students enrolled (cohort)"), INT),
        Column("deep_partners", _("Deep partners"), INT),
        *_agreement_columns(),
        *figure_columns(),
        Column("hire_rate", _("Hire rate"), PCT),
    ]
    partner_table = Table(
        "deep_partners",
        _("Deep partners by year"),
        [Column("year", _("Year"), INT), Column("enterprises", _("Deep partner enterprises"))],
        [(y, "; ".join(sorted(partners[y])) or _("None")) for y in years],
        note=_("An agreement covering several majors counts in full for each of them."),
    )
    return Document(
        title=_("Cooperation report of the major %(name)s, %(first)s-%(last)s")
        % {"name": major.name, "first": years[0], "last": years[-1]},
        kind=report.kind,
        year=report.year,
        subject=str(major),
        generated_at=timezone.now(),
        tables=[
            *yearly_tables("figures", _("Cooperation figures by year"), columns, by_year),
            partner_table,
        ],
    )
