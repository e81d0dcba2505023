"""Workdays follow China's official calendar, not weekday numbers."""

import datetime

from django.test import override_settings

from common import workdays

D = datetime.date


def test_national_day_week_is_not_work_and_moved_weekend_days_are():
    # 2026: National Day 1-7 October off; Saturday 10 October moved to be a workday.
    assert not workdays.is_workday(D(2026, 10, 1))
    assert workdays.is_statutory_holiday(D(2026, 10, 5))
    assert workdays.is_workday(D(2026, 10, 10))
    # An ordinary weekend is a rest day but not a statutory holiday.
    assert not workdays.is_workday(D(2026, 11, 7))
    assert not workdays.is_statutory_holiday(D(2026, 11, 7))


def test_workdays_between_counts_the_official_calendar():
    days = workdays.workdays_between(D(2026, 9, 28), D(2026, 10, 11))
    assert D(2026, 10, 1) not in days and D(2026, 10, 10) in days
    assert days == sorted(days)


def test_a_year_without_published_data_falls_back_to_weekdays_and_settings(caplog):
    workdays._extra.cache_clear()
    with override_settings(
        WORKDAYS_EXTRA_HOLIDAYS=["2099-01-01"], WORKDAYS_EXTRA_WORKDAYS=["2099-01-03"]
    ):
        try:
            assert not workdays.is_workday(D(2099, 1, 1))  # a Thursday named a holiday
            assert workdays.is_statutory_holiday(D(2099, 1, 1))
            assert workdays.is_workday(D(2099, 1, 3))  # a Saturday named a workday
            assert workdays.is_workday(D(2099, 1, 2))  # an ordinary Friday
            assert not workdays.is_workday(D(2099, 1, 4))  # an ordinary Sunday
        finally:
            workdays._extra.cache_clear()
    assert "no data for 2099" in caplog.text
