"""What the status-data platform would refuse in the 产学合作 table, before filing.

Each problem names what is wrong and links to the page where it is fixed.
The limits for "absurd" values are deliberately generous: they catch typing
slips (an extra zero), not unusual years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from .cooperation_table import (
    FIGURES,
    LEGACY_COLUMNS,
    MONEY,
    SOURCE_MODELS,
    CooperationData,
    college_code,
    to_wan,
)

# The national major catalogue's numbers (专业代码) are six digits.
NATIONAL_MAJOR = re.compile(r"^\d{6}$")
# Per major × enterprise and academic year; beyond these a value is a slip.
LIMITS = {
    "order_class_students": 2000,
    "courses_developed": 100,
    "textbooks_developed": 100,
    "part_time_teachers": 300,
    "interns_accepted": 3000,
    "graduates_employed": 3000,
    "equipment_donated": 10000,  # 万元: 100 million CNY
    "equipment_provided": 10000,
    "service_income": 10000,
    "training_person_days": 200_000,
}


LABELS = {c.key: c.label for c in LEGACY_COLUMNS}


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    url: str = ""
    blocking: bool = True  # False: a note to read, the platform would still take it


def source_url(kind: str, pk: int) -> str:
    """Where a counted record is edited."""
    if kind == "placement":
        return reverse("internships:placement-detail", args=[pk])
    from django.apps import apps

    from records.kinds import kind_of

    model = apps.get_model(*SOURCE_MODELS[kind])
    return reverse("records:edit", args=[kind_of(model).resource, pk])


def problems(data: CooperationData) -> list[Problem]:
    found: list[Problem] = []
    if not college_code():
        found.append(
            Problem(
                "college_code_missing",
                _("The college code (setting FILING_COLLEGE_CODE) is not set."),
            )
        )
    last = data.year + 1
    for enterprise in sorted(data.enterprises.values(), key=lambda e: e.name):
        url = reverse("partnerships:enterprise-edit", args=[enterprise.pk])
        if not enterprise.credit_code:
            found.append(
                Problem(
                    "credit_code_missing",
                    _("%(enterprise)s has no unified social credit code.")
                    % {"enterprise": enterprise.name},
                    url,
                )
            )
    for major in sorted(data.majors.values(), key=lambda m: m.code):
        if not NATIONAL_MAJOR.match(major.code or ""):
            found.append(
                Problem(
                    "major_number_missing",
                    _(
                        "%(major)s has no national major number: its code %(code)s "
                        "is not the six digits of the national catalogue."
                    )
                    % {"major": major.name, "code": major.code},
                    reverse("partnerships:major-list") + f"?search={major.code}",
                )
            )
    for key in data.rows_ordered():
        major, enterprise = data.majors[key[0]], data.enterprises[key[1]]
        where = {"major": major.name, "enterprise": enterprise.name}
        agreements = reverse("partnerships:agreement-list") + f"?enterprise={enterprise.pk}"
        start = data.started.get(key)
        if start is None:
            found.append(
                Problem(
                    "cooperation_start_missing",
                    _("%(major)s with %(enterprise)s: no agreement gives the cooperation start.")
                    % where,
                    agreements,
                )
            )
        elif start.year > last or (start.year == last and start.month > 8):
            found.append(
                Problem(
                    "cooperation_start_after_year",
                    _(
                        "%(major)s with %(enterprise)s: the cooperation starts in %(start)s, "
                        "after the academic year."
                    )
                    % {**where, "start": start.strftime("%Y-%m")},
                    agreements,
                )
            )
        for figure in FIGURES:
            value = data.value(key, figure)
            shown = to_wan(value) if figure in MONEY else value
            if shown < 0 or shown > LIMITS[figure]:
                found.append(
                    Problem(
                        "value_out_of_range",
                        _(
                            "%(major)s with %(enterprise)s: %(figure)s is %(value)s, "
                            "beyond %(limit)s; check the records it counts."
                        )
                        % {
                            **where,
                            "figure": LABELS[figure],
                            "value": shown,
                            "limit": LIMITS[figure],
                        },
                        drill_url(data.year, key, figure),
                    )
                )
    for item in data.attributions:
        enterprise = data.enterprises[item.enterprise_id]
        url = source_url(item.source.kind, item.source.pk)
        if item.major_id is None:
            found.append(
                Problem(
                    "record_without_major",
                    _(
                        "A record of %(enterprise)s has no major and the enterprise has "
                        "none this year: it is not counted."
                    )
                    % {"enterprise": enterprise.name},
                    url,
                )
            )
        elif item.candidates > 1:
            found.append(
                Problem(
                    "record_lead_major",
                    _(
                        "A record of %(enterprise)s has no major: it counts under "
                        "%(major)s, the first of its %(count)d majors."
                    )
                    % {
                        "enterprise": enterprise.name,
                        "major": data.majors[item.major_id].name,
                        "count": item.candidates,
                    },
                    url,
                    blocking=False,
                )
            )
    return found


def drill_url(year: int, key: tuple[int, int], figure: str) -> str:
    return (
        reverse("reports:filing-cell", args=[year])
        + f"?major={key[0]}&enterprise={key[1]}&figure={figure}"
    )
