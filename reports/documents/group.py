"""The report on a vocational education group over several years."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import Report
from reports.tables import Column, Document

from ._shared import _share, _years
from .figures import INT, PCT
from .years import yearly_tables


def group_document(report: Report) -> Document:
    from groups.models import EducationGroup
    from groups.selectors import group_metrics_for_years

    group = EducationGroup.objects.get(pk=report.subject_id)
    years = _years(report)
    metrics = group_metrics_for_years(group=group, years=years)
    by_year = {}
    for y in years:
        m = metrics[y]
        by_year[y] = {
            **m,
            "internship_share": _share(m["internships"], m["internship_target"]),
            "hire_share": _share(m["hires"], m["employment_target"]),
        }
    columns = [
        Column("internships", _("Internship placements"), INT),
        Column("internship_target", _("Placement target"), INT),
        Column("internship_share", _("Placements of target"), PCT),
        Column("hires", _("Hires"), INT),
        Column("employment_target", _("Hiring target"), INT),
        Column("hire_share", _("Hires of target"), PCT),
        Column("resources", _("Shared resources"), INT),
        Column("patents", _("Patents"), INT),
        Column("technical_improvements", _("Technical improvements"), INT),
        Column("achievements", _("Scientific achievements"), INT),
    ]
    return Document(
        title=_("Report of the education group %(name)s, %(first)s-%(last)s")
        % {"name": group.name, "first": years[0], "last": years[-1]},
        kind=report.kind,
        year=report.year,
        subject=group.name,
        generated_at=timezone.now(),
        tables=yearly_tables("metrics", _("Group metrics by year"), columns, by_year),
    )
