"""The report on one or more enterprises over several years."""

from __future__ import annotations

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import Report
from reports.tables import Column, Document, Table

from ._shared import _agreement_columns, _enterprise_years, _years
from .figures import PCT, figure_columns
from .years import yearly_tables


def enterprise_document(report: Report) -> Document:
    from partnerships.models import CooperationAgreement, Enterprise

    enterprise = Enterprise.objects.annotate(
        since=Min(
            "agreements__starts_on",
            filter=~Q(agreements__status=CooperationAgreement.Status.DRAFT),
        )
    ).get(pk=report.subject_id)
    years = _years(report)
    by_year = _enterprise_years([enterprise.pk], years)
    columns = [
        *_agreement_columns(),
        *figure_columns(),
        Column("hire_rate", _("Hire rate"), PCT),
    ]
    profile = Table(
        "enterprise",
        _("Enterprise"),
        [Column("field", _("Field")), Column("value", _("Value"))],
        [
            (_("Enterprise"), enterprise.name),
            (_("Unified social credit code"), enterprise.credit_code or ""),
            (_("Industry"), enterprise.industry),
            (_("Size"), enterprise.get_size_display()),
            (_("City"), enterprise.city),
            (_("Status"), enterprise.get_status_display()),
            (
                _("Cooperating since"),
                enterprise.since.isoformat() if enterprise.since else "",
            ),
        ],
    )
    return Document(
        title=_("Cooperation report of %(name)s, %(first)s-%(last)s")
        % {"name": enterprise.name, "first": years[0], "last": years[-1]},
        kind=report.kind,
        year=report.year,
        subject=enterprise.name,
        generated_at=timezone.now(),
        tables=[
            profile,
            *yearly_tables("figures", _("Cooperation figures by year"), columns, by_year),
        ],
    )
