"""Recorded hours of placements, from whichever sources record them.

The internship rules flag overtime, night work and holiday work from the
hours interns actually worked (``InternshipPolicy.hour_flags``). Attendance
with hours is one source; another app that records hours (check-outs, say)
registers its own from its ``AppConfig.ready()``, so internships never
imports it:

    from internships import hours
    hours.register("checkouts", fetch)

``fetch(placement_ids, first, last)`` returns the ``HourEntry`` rows of those
placements between the two dates (either may be None: no bound).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class HourEntry:
    placement_id: int
    date: datetime.date
    hours: Decimal
    night_hours: Decimal = Decimal(0)
    source: str = ""


Fetch = Callable[
    [Iterable[int], "datetime.date | None", "datetime.date | None"], Iterable[HourEntry]
]

_SOURCES: dict[str, Fetch] = {}


def register(name: str, fetch: Fetch) -> None:
    """Add (or replace) a source of recorded hours."""
    _SOURCES[name] = fetch


def sources() -> list[str]:
    return sorted(_SOURCES)


def entries(
    placement_ids: Iterable[int],
    first: datetime.date | None = None,
    last: datetime.date | None = None,
) -> list[HourEntry]:
    """Every source's entries for the placements, one query per source."""
    ids = list(placement_ids)
    if not ids:
        return []
    found: list[HourEntry] = []
    for name in sorted(_SOURCES):
        found.extend(_SOURCES[name](ids, first, last))
    return found


def attendance_hours(placement_ids, first, last) -> list[HourEntry]:
    """Attendance rows with their hours recorded."""
    from internships.models import Attendance

    rows = Attendance.objects.filter(placement_id__in=placement_ids, hours__isnull=False)
    if first is not None:
        rows = rows.filter(date__gte=first)
    if last is not None:
        rows = rows.filter(date__lte=last)
    return [
        HourEntry(placement_id, day, hours, night or Decimal(0), "attendance")
        for placement_id, day, hours, night in rows.values_list(
            "placement_id", "date", "hours", "night_hours"
        )
    ]


def flags_for(placement_ids, first=None, last=None):
    """The policy's hour flags for the placements."""
    from internships.policy import current_policy

    return current_policy().hour_flags(entries(placement_ids, first, last))
