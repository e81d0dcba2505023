from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import Role
from common.exceptions import RuleError
from common.pages import apply_rule_error, paginate, role_required
from reports import selectors, services
from reports.api.throttles import ReportRequestThrottle
from reports.forms import ReportRequestForm
from reports.periods import academic_name, current_academic_year, parse_academic_year


@role_required(Role.ADMINISTRATOR)
def index(request):
    """Request a report and follow one's own reports until they can be downloaded."""
    form = ReportRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # The same per-user limit as the API, so the page is no way around it.
        throttle = ReportRequestThrottle()
        if not throttle.allow_request(request, None):
            minutes = max(1, round((throttle.wait() or 60) / 60))
            form.add_error(
                None,
                _("Too many report requests; try again in %(minutes)d minutes.")
                % {"minutes": minutes},
            )
            status = 429
        else:
            data = form.cleaned_data
            try:
                services.report_request(
                    user=request.user,
                    kind=data["kind"],
                    year=data["year"],
                    format=data["format"],
                    subject=data["subject_id"],
                    academic=data["academic"],
                    layout=data.get("layout") or "",
                )
            except RuleError as error:
                apply_rule_error(form, error)
            else:
                messages.success(request, _("The report was queued; it appears below when ready."))
                return redirect("reports:index")
    reports = selectors.report_visible_to(request.user).filter(requested_by=request.user)
    page = paginate(request, reports)
    pending = any(report.is_pending for report in page)
    return render(
        request,
        "reports/report_list.html",
        {"form": form, "page": page, "pending": pending},
        status=status,
    )


def _filing_year(request) -> int:
    year = parse_academic_year(request.GET.get("academic_year", ""))
    return year if year is not None else current_academic_year() - 1


@role_required(Role.ADMINISTRATOR)
def filing(request):
    """The 产学合作 table of an academic year before filing: problems first, then the cells.

    Every cell links to the records it counts.
    """
    from reports.filings.checks import drill_url, problems
    from reports.filings.cooperation_table import FIGURES, MONEY, STANDARD_COLUMNS, collect, to_wan

    year = _filing_year(request)
    data = collect(year)
    labels = {c.key: c.label for c in STANDARD_COLUMNS}
    labels.update(
        equipment_donated="对学校捐赠设备总值（万元）",
        equipment_provided="对学校准捐赠设备总值（万元）",
        training_person_days="学校为企业年培训员工数（人日）",
    )
    rows = []
    for key in data.rows_ordered():
        cells = []
        for figure in FIGURES:
            value = data.value(key, figure)
            cells.append(
                {
                    "value": to_wan(value) if figure in MONEY else value,
                    "url": drill_url(year, key, figure),
                }
            )
        rows.append(
            {"major": data.majors[key[0]], "enterprise": data.enterprises[key[1]], "cells": cells}
        )
    found = problems(data)
    return render(
        request,
        "reports/filing.html",
        {
            "academic_year": academic_name(year),
            "years": [academic_name(y) for y in range(current_academic_year(), 2014, -1)],
            "headers": [labels[f] for f in FIGURES],
            "rows": rows,
            "problems": [p for p in found if p.blocking],
            "notes": [p for p in found if not p.blocking],
        },
    )


@role_required(Role.ADMINISTRATOR)
def filing_cell(request, year: int):
    """The records one cell of the 产学合作 table counts, each with a link to fix it."""
    from django.apps import apps
    from django.http import Http404

    from reports.filings.checks import source_url
    from reports.filings.cooperation_table import FIGURES, MONEY, SOURCE_MODELS, collect, to_wan

    figure = request.GET.get("figure", "")
    try:
        key = (int(request.GET.get("major", "")), int(request.GET.get("enterprise", "")))
    except ValueError:
        raise Http404 from None
    if figure not in FIGURES:
        raise Http404
    data = collect(year)
    if key not in data.cells:
        raise Http404
    sources = data.cells[key].get(figure, [])
    by_kind: dict[str, list] = {}
    for source in sources:
        by_kind.setdefault(source.kind, []).append(source)
    items = []
    for kind, group in by_kind.items():
        model = apps.get_model(*SOURCE_MODELS[kind])
        found = model.objects.in_bulk([s.pk for s in group])
        for source in group:
            items.append(
                {
                    "record": found.get(source.pk),
                    "kind": model._meta.verbose_name,
                    "amount": source.amount if figure in MONEY or source.amount else "",
                    "url": source_url(kind, source.pk),
                }
            )
    value = data.value(key, figure)
    return render(
        request,
        "reports/filing_cell.html",
        {
            "academic_year": academic_name(year),
            "major": data.majors[key[0]],
            "enterprise": data.enterprises[key[1]],
            "figure": figure,
            "value": to_wan(value) if figure in MONEY else value,
            "items": items,
            "counted_once": figure not in MONEY and figure != "training_person_days",
        },
    )
