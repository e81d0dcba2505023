"""Check-outs count as recorded hours for the working-time rules."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from internships import hours
from practice.models import CheckIn
from practice.selectors import night_hours_between
from tests.practice.factories import current_placement, student_user

TZ = ZoneInfo("Asia/Shanghai")


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), TZ)


def test_night_hours_are_the_part_between_22_and_6():
    day = datetime.date(2026, 5, 12)
    assert night_hours_between(at(day, 9), at(day, 18)) == Decimal("0.0")
    assert night_hours_between(at(day, 14), at(day, 23, 30)) == Decimal("1.5")
    assert night_hours_between(at(day, 5), at(day, 12)) == Decimal("1.0")
    next_day = day + datetime.timedelta(days=1)
    assert night_hours_between(at(day, 20), at(next_day, 7)) == Decimal("8.0")


def test_checkouts_are_a_registered_source_and_flag_late_and_long_days(db):
    assert "checkouts" in hours.sources()
    placement = current_placement(student_user())
    day = timezone.localdate() - datetime.timedelta(days=3)
    CheckIn.objects.create(
        placement=placement,
        date=day,
        at=at(day, 13),
        on_site=True,
        checked_out_at=at(day, 23),
        hours=Decimal("10.0"),
    )
    entries = [e for e in hours.entries([placement.pk]) if e.source == "checkouts"]
    assert [(e.date, e.hours, e.night_hours) for e in entries] == [
        (day, Decimal("10.0"), Decimal("1.0"))
    ]
    codes = {f.code for f in hours.flags_for([placement.pk])}
    assert {"overtime_day", "night_work"} <= codes
