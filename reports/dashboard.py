"""The home page's figures and charts for administrators (and a liaison's own enterprise).

Built from the same selectors as the summary and the reports, so the
dashboard, the API and the files always agree. Charts are Chart.js configs
rendered by static/js/app.js from ``json_script``; each has a link to the
filtered list behind it.
"""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import enterprise_id_of
from common.dashboard import dashboard_url as _url
from reports.periods import current_academic_year, period_range
from reports.summary import agreements_in_force, summary_for_year

DEPTH_COLOURS = {"deep": "#198754", "middle": "#0d6efd", "shallow": "#6c757d"}
KIND_COLOURS = {"cognitive": "#6f42c1", "shadow": "#fd7e14", "post": "#20c997"}


def _bar(labels, datasets, *, stacked=False, horizontal=False) -> dict:
    # Counts: whole-number ticks on the value axis.
    value_axis = {"stacked": stacked, "beginAtZero": True, "ticks": {"precision": 0}}
    category_axis = {"stacked": stacked}
    scales = (
        {"x": value_axis, "y": category_axis}
        if horizontal
        else {"x": category_axis, "y": value_axis}
    )
    return {
        "type": "bar",
        "data": {"labels": labels, "datasets": datasets},
        "options": {
            "maintainAspectRatio": False,
            "indexAxis": "y" if horizontal else "x",
            "scales": scales,
            "plugins": {"legend": {"position": "bottom"}},
        },
    }


def administrator_block(user, *, year: int | None = None, academic: bool = False) -> dict:
    """Cards and charts of the year; 12 queries (the summary's 10, statuses, months).

    ``academic``: the academic year starting in ``year`` (1 September to 31 August).
    """
    from internships.models import Placement, Position
    from partnerships.models import CooperationAgreement, Depth

    if year is None:
        year = current_academic_year() if academic else timezone.localdate().year
    summary = summary_for_year(user=user, year=year, academic=academic)
    hire_rate = summary["hire_rate"]
    calendar_year = year
    year = f"{year}-{year + 1}" if academic else year  # as the labels show it
    cards = [
        {
            "label": _("Agreements in force in %(year)s") % {"year": year},
            "value": summary["agreements_active"],
            "url": _url("partnerships:agreement-list", "?status=active"),
        },
        {
            "label": _("Majors without a deep partner"),
            "value": summary["majors_without_deep_partner"],
            "url": _url("partnerships:major-list", "?without_deep_partner=true"),
        },
        {
            "label": _("Annual reviews overdue"),
            "value": summary["reviews_overdue"],
            "url": _url("partnerships:review-list", "?status=pending"),
        },
        {
            "label": _("Committees without a meeting in %(year)s") % {"year": year},
            "value": summary["committees_without_meeting"],
            "url": _url("councils:committee-list", "?overdue=true"),
        },
        {
            "label": _("Students placed in %(year)s") % {"year": year},
            "value": summary["students_placed"],
            "url": _url("internships:placement-list"),
        },
        {
            "label": _("Hire rate after internship"),
            "value": "–" if hire_rate is None else f"{hire_rate * 100:.1f}%",
            "url": _url("internships:placement-list", "?status=completed"),
        },
    ]

    depth_labels = dict(Depth.choices)
    by_depth = summary["agreements_by_depth"]
    depth_chart = {
        "type": "doughnut",
        "data": {
            "labels": [str(depth_labels[code]) for code in by_depth],
            "datasets": [
                {
                    "label": _("Agreements in force"),
                    "data": list(by_depth.values()),
                    "backgroundColor": [DEPTH_COLOURS[code] for code in by_depth],
                }
            ],
        },
        "options": {"maintainAspectRatio": False, "plugins": {"legend": {"position": "bottom"}}},
    }
    depth_links = [
        (depth_labels[code], by_depth[code], _url("partnerships:agreement-list", f"?depth={code}"))
        for code in by_depth
    ]

    statuses = dict(
        CooperationAgreement.objects.values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    status_chart = _bar(
        [str(label) for _code, label in CooperationAgreement.Status.choices],
        [
            {
                "label": _("Agreements"),
                "data": [statuses.get(code, 0) for code in CooperationAgreement.Status.values],
                "backgroundColor": "#1f4e79",
            }
        ],
    )
    status_links = [
        (label, statuses.get(code, 0), _url("partnerships:agreement-list", f"?status={code}"))
        for code, label in CooperationAgreement.Status.choices
    ]

    first, last = period_range(calendar_year, academic)
    months: dict[tuple[int, str], int] = {
        (row["month"], row["position__kind"]): row["n"]
        for row in Placement.objects.filter(
            status__in=[Placement.Status.ACTIVE, Placement.Status.COMPLETED],
            starts_on__range=(first, last),
        )
        .annotate(month=ExtractMonth("starts_on"))
        .values("month", "position__kind")
        .annotate(n=Count("pk"))
    }
    month_numbers = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8] if academic else list(range(1, 13))
    month_chart = _bar(
        [f"{calendar_year + (1 if academic and m < 9 else 0)}-{m:02d}" for m in month_numbers],
        [
            {
                "label": str(label),
                "data": [months.get((m, code), 0) for m in month_numbers],
                "backgroundColor": KIND_COLOURS[code],
            }
            for code, label in Position.Kind.choices
        ],
        stacked=True,
    )

    groups = summary["groups"]
    group_chart = _bar(
        [g["name"] for g in groups],
        [
            {
                "label": _("Internship placements"),
                "data": [g["internships"] for g in groups],
                "backgroundColor": "#0d6efd",
            },
            {
                "label": _("Placement target"),
                "data": [g["internship_target"] for g in groups],
                "backgroundColor": "#9ec5fe",
            },
            {
                "label": _("Hires"),
                "data": [g["hires"] for g in groups],
                "backgroundColor": "#198754",
            },
            {
                "label": _("Hiring target"),
                "data": [g["employment_target"] for g in groups],
                "backgroundColor": "#a3cfbb",
            },
        ],
        horizontal=True,
    )
    return {
        "blocks": ["reports/dashboard_block.html"],
        "report_year": year,
        "report_cards": cards,
        "majors_lacking": summary["majors_without_deep_partner_list"][:12],
        "majors_lacking_count": summary["majors_without_deep_partner"],
        "majors_url": _url("partnerships:major-list", "?without_deep_partner=true"),
        "groups_url": _url("groups:group-list"),
        "agreements_url": _url("partnerships:agreement-list"),
        "placements_url": _url("internships:placement-list"),
        "reports_url": _url("reports:index"),
        "depth_chart": depth_chart,
        "depth_links": depth_links,
        "status_chart": status_chart,
        "status_links": status_links,
        "month_chart": month_chart,
        "group_chart": group_chart if groups else None,
        "group_rows": groups,
    }


def administrator_part(user, params=None) -> dict:
    """The administrator's block of the home page (registered in apps.py).

    ``?period=academic`` shows the current academic year instead of the
    calendar year.
    """
    academic = (params or {}).get("period") == "academic"
    return {
        **administrator_block(user, academic=academic),
        "needs_charts": True,
        "report_academic": academic,
    }


def liaison_part(user) -> dict:
    """The liaison's block of the home page: their own enterprise only."""
    return liaison_block(enterprise_id_of(user))


def liaison_block(enterprise_id: int | None, *, year: int | None = None) -> dict:
    """The liaison's own enterprise: this year's cooperation figures (5 queries)."""
    from reports.documents import cooperation_rows

    if enterprise_id is None:
        return {}
    year = year or timezone.localdate().year
    rows = cooperation_rows(year, [enterprise_id])
    in_force = agreements_in_force(year).filter(enterprise_id=enterprise_id).count()
    figures = rows[0] if rows else None
    cards = [{"label": _("Agreements in force in %(year)s") % {"year": year}, "value": in_force}]
    if figures:
        cards += [
            {"label": _("Interns accepted in %(year)s") % {"year": year}, "value": figures[7]},
            {"label": _("Graduates hired in %(year)s") % {"year": year}, "value": figures[8]},
            {"label": _("Order-class students"), "value": figures[3]},
            {"label": _("Part-time teachers supplied"), "value": figures[6]},
        ]
    return {"blocks": ["reports/liaison_block.html"], "report_year": year, "report_cards": cards}
