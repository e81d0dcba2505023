"""The internship regulation's watch list in the annual report.

Per enterprise (no person named, for every reader): the rules overridden, the
hours flagged from recorded hours and the pay not paid directly. The list of
overrides with the students and reasons has personal data and goes only into
administrators' reports.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from reports.tables import Column, Table

from ._shared import _year_range
from .figures import DATE, INT

FLAG_CODES = ("overtime_day", "overtime_week", "night_work", "holiday_work")


def _year_placements(year: int):
    from internships.models import Placement

    first, last = _year_range(year)
    return Placement.objects.filter(starts_on__lte=last, ends_on__gte=first)


def compliance_table(year: int) -> Table:
    from internships.hours import flags_for
    from internships.policy import HOUR_FLAG_LABELS

    first, last = _year_range(year)
    placements = _year_placements(year)
    enterprises = dict(placements.values_list("pk", "enterprise__name"))
    counts = (
        placements.values("enterprise__name")
        .annotate(
            overrides=Count("overrides", distinct=True),
            pay_not_direct=Count(
                "pay_records",
                filter=Q(pay_records__direct=False, pay_records__month__range=(first, last)),
                distinct=True,
            ),
        )
        .order_by("enterprise__name")
    )
    flags: dict[str, Counter] = defaultdict(Counter)
    for flag in flags_for(list(enterprises), first, last):
        flags[enterprises[flag.placement_id]][flag.code] += 1
    rows = []
    for row in counts:
        name = row["enterprise__name"]
        found = flags.get(name, Counter())
        if not (row["overrides"] or row["pay_not_direct"] or found):
            continue
        rows.append(
            (name, row["overrides"], *(found[c] for c in FLAG_CODES), row["pay_not_direct"])
        )
    return Table(
        "internship_compliance",
        _("Internship regulation: overrides and flags"),
        [
            Column("enterprise", _("Enterprise")),
            Column("overrides", _("Rules overridden"), INT),
            *(Column(code, str(HOUR_FLAG_LABELS[code]()), INT) for code in FLAG_CODES),
            Column("pay_not_direct", _("Pay not paid directly"), INT),
        ],
        rows,
        note=_(
            "Enterprises with an override of the share rules, working hours flagged from the "
            "recorded hours (days, or weeks for the weekly limit) or pay not paid directly."
        ),
    )


def override_list(year: int) -> Table:
    """Administrators only: the overrides with their students and reasons."""
    from internships.models import RuleOverride

    first, last = _year_range(year)
    rows = (
        RuleOverride.objects.filter(placement__starts_on__lte=last, placement__ends_on__gte=first)
        .order_by("created_at", "pk")
        .values_list(
            "placement__student__student_number",
            "placement__student__name",
            "placement__enterprise__name",
            "rule",
            "reason",
            "decided_by__username",
            "created_at__date",
        )
    )
    return Table(
        "rule_overrides",
        _("Rules overridden"),
        [
            Column("student_number", _("Student number")),
            Column("student", _("Student")),
            Column("enterprise", _("Enterprise")),
            Column("rule", _("Rule")),
            Column("reason", _("Reason")),
            Column("decided_by", _("Decided by")),
            Column("decided_on", _("Decided on"), DATE),
        ],
        list(rows),
        note=_("Contains personal data; only in administrators' reports."),
    )
