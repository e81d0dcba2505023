"""Calendar years and academic years, the two periods reports are asked for.

An academic year is named by its first calendar year (2025 is "2025-2026")
and runs from 1 September to 31 August, as in the cooperation records.
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

_ACADEMIC = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$")


def academic_range(year: int) -> tuple[datetime.date, datetime.date]:
    """1 September of ``year`` to 31 August of the next year."""
    return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)


def calendar_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def period_range(year: int, academic: bool) -> tuple[datetime.date, datetime.date]:
    return academic_range(year) if academic else calendar_range(year)


def academic_name(year: int) -> str:
    return f"{year}-{year + 1}"


def parse_academic_year(text: str) -> int | None:
    """``"2025-2026"`` -> 2025; None when the text is not two consecutive years."""
    match = _ACADEMIC.match(text or "")
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    return first if second == first + 1 else None


def current_academic_year(today: datetime.date | None = None) -> int:
    """The academic year today falls in (September starts the next one)."""
    today = today or timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1
