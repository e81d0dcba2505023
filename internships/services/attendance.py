"""Attendance of a placement."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from internships.models import Attendance, Placement


def _check_hours(hours: Decimal | None, night_hours: Decimal | None) -> None:
    """Night hours are part of the day's hours; both within a day."""
    night = Decimal(night_hours or 0)
    if night and (hours is None or night > Decimal(hours)):
        raise RuleError(
            "night_hours_invalid",
            _("The night hours are part of the hours worked and cannot exceed them."),
            field="night_hours",
        )


def _check_attendance_day(placement: Placement, day: datetime.date, status: str) -> None:
    if placement.status == Placement.Status.PLANNED:
        raise RuleError(
            "placement_not_started",
            _("Attendance is recorded once the placement is active."),
            field="placement",
        )
    if not placement.starts_on <= day <= placement.ends_on:
        raise RuleError(
            "attendance_outside_dates",
            _("%(day)s is outside the placement's dates (%(start)s to %(end)s).")
            % {"day": day, "start": placement.starts_on, "end": placement.ends_on},
            field="date",
        )
    if day > timezone.localdate():
        raise RuleError(
            "attendance_in_future",
            _("%(day)s has not come yet: attendance is recorded for days that have passed.")
            % {"day": day},
            field="date",
        )
    if status not in Attendance.Status.values:
        raise RuleError(
            "attendance_status_invalid", _("Unknown attendance status."), field="status"
        )


@transaction.atomic
def attendance_record(
    *,
    placement: Placement,
    date: datetime.date,
    status: str,
    actor: User | None = None,
    hours: Decimal | None = None,
    night_hours: Decimal | None = None,
) -> Attendance:
    """One day of one placement; a day already recorded is refused.

    ``hours`` (and the ``night_hours`` among them) are what the intern
    worked; the policy flags overtime, night and holiday work from them.
    """
    _check_attendance_day(placement, date, status)
    _check_hours(hours, night_hours)
    if Attendance.objects.filter(placement=placement, date=date).exists():
        raise RuleError(
            "attendance_duplicate",
            _("Attendance for %(day)s is already recorded.") % {"day": date},
            field="date",
        )
    # The unique constraint settles a race between two identical requests.
    return Attendance.objects.create(
        placement=placement,
        date=date,
        status=status,
        recorded_by=actor,
        hours=hours,
        night_hours=night_hours or 0,
    )


@transaction.atomic
def attendance_update(
    *, attendance: Attendance, actor: User | None = None, **fields: Any
) -> Attendance:
    attendance = (
        Attendance.objects.select_for_update().select_related("placement").get(pk=attendance.pk)
    )
    day = fields.get("date", attendance.date)
    status = fields.get("status", attendance.status)
    placement = fields.get("placement", attendance.placement)
    _check_attendance_day(placement, day, status)
    hours = fields.get("hours", attendance.hours)
    night_hours = fields.get("night_hours", attendance.night_hours)
    _check_hours(hours, night_hours)
    if Attendance.objects.filter(placement=placement, date=day).exclude(pk=attendance.pk).exists():
        raise RuleError(
            "attendance_duplicate",
            _("Attendance for %(day)s is already recorded.") % {"day": day},
            field="date",
        )
    attendance.placement, attendance.date, attendance.status = placement, day, status
    attendance.hours, attendance.night_hours = hours, night_hours or 0
    attendance.recorded_by = actor or attendance.recorded_by
    attendance.save()
    return attendance


@transaction.atomic
def attendance_record_week(
    *,
    placement: Placement,
    statuses: dict[datetime.date, str],
    actor: User | None = None,
    hours: dict[datetime.date, Decimal | None] | None = None,
) -> list[Attendance]:
    """Several days of one placement at once (the portal's weekly sheet).

    All or nothing: every day is checked before any is written. A day already
    recorded is overwritten, so the sheet can be corrected and saved again.
    ``hours`` gives a day's hours worked (None: not recorded); a day absent
    from it keeps the hours it had.
    """
    hours = hours or {}
    for day, status in statuses.items():
        _check_attendance_day(placement, day, status)
        _check_hours(hours.get(day), None)
    existing = {
        row.date: row
        for row in Attendance.objects.select_for_update().filter(
            placement=placement, date__in=list(statuses)
        )
    }
    saved, new = [], []
    for day, status in sorted(statuses.items()):
        row = existing.get(day)
        if row is None:
            new.append(
                Attendance(
                    placement=placement,
                    date=day,
                    status=status,
                    recorded_by=actor,
                    hours=hours.get(day),
                )
            )
            continue
        worked = hours.get(day, row.hours)
        if (row.status, row.hours) != (status, worked):
            row.status, row.hours, row.recorded_by = status, worked, actor
            row.save(update_fields=["status", "hours", "recorded_by", "updated_at"])
        saved.append(row)
    saved += Attendance.objects.bulk_create(new)
    return sorted(saved, key=lambda r: r.date)
