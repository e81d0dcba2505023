"""Which days are workdays in China: the one place that decides it.

China's official calendar moves workdays around its statutory holidays (a
Sunday can be a workday, a Wednesday a holiday), so weekday numbers are wrong
for a week in five around the holidays. ``chinesecalendar`` carries the State
Council's published schedule. For a year it does not know yet (the schedule
for a year is published in the November before it), the settings
``WORKDAYS_EXTRA_HOLIDAYS`` and ``WORKDAYS_EXTRA_WORKDAYS`` name the dates,
and without them Monday to Friday are taken as workdays, with a warning in
the log once per year.
"""

from __future__ import annotations

import datetime
import functools
import logging

import chinese_calendar
from django.conf import settings

log = logging.getLogger(__name__)

_warned_years: set[int] = set()


@functools.cache
def _extra(name: str) -> frozenset[datetime.date]:
    return frozenset(datetime.date.fromisoformat(d) for d in getattr(settings, name, ()))


def _known_year(day: datetime.date) -> bool:
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        if day.year not in _warned_years:
            _warned_years.add(day.year)
            log.warning(
                "the official holiday calendar has no data for %s: Monday to Friday are "
                "taken as workdays unless WORKDAYS_EXTRA_* name the dates",
                day.year,
            )
        return False
    return True


def is_workday(day: datetime.date) -> bool:
    """True on a day people work: weekdays that are not statutory holidays,
    and the weekend days moved to be workdays."""
    if day in _extra("WORKDAYS_EXTRA_WORKDAYS"):
        return True
    if day in _extra("WORKDAYS_EXTRA_HOLIDAYS"):
        return False
    if _known_year(day):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def is_statutory_holiday(day: datetime.date) -> bool:
    """True on a statutory public holiday (元旦, 春节, 清明, 劳动节, 端午, 中秋,
    国庆) and the rest days moved around them; ordinary weekends are not."""
    if day in _extra("WORKDAYS_EXTRA_HOLIDAYS"):
        return True
    if day in _extra("WORKDAYS_EXTRA_WORKDAYS") or not _known_year(day):
        return False
    is_holiday, name = chinese_calendar.get_holiday_detail(day)
    return bool(is_holiday and name)


def workdays_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The workdays from ``first`` to ``last``, both included, in order."""
    days = []
    day = first
    while day <= last:
        if is_workday(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days
