"""Reads for the internship as it happens; every view starts from a *_visible_to.

The rows follow the placements the caller may see (internships.selectors):
an administrator all, a teacher the placements they supervise, a liaison
their enterprise's, a student their own. What each role may do with them is
accounts.access.POLICY's to say.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import QuerySet

from accounts.access import Role, role_of
from internships.models import InternshipPlan, Placement, PlacementLog
from internships.selectors import placement_visible_to
from practice.models import CheckIn, InternshipReport, Journal


def _placement_ids(user):
    return placement_visible_to(user).values("pk")


def plan_visible_to(user) -> QuerySet[InternshipPlan]:
    if role_of(user) in (Role.ADMINISTRATOR, Role.TEACHER):
        return InternshipPlan.objects.prefetch_related("majors")
    return InternshipPlan.objects.none()


def checkin_visible_to(user) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(placement__in=_placement_ids(user))


def journal_visible_to(user) -> QuerySet[Journal]:
    # An enterprise liaison does not read the student's journals (the school grades them).
    if role_of(user) == Role.LIAISON:
        return Journal.objects.none()
    return Journal.objects.filter(placement__in=_placement_ids(user))


def report_visible_to(user) -> QuerySet[InternshipReport]:
    if role_of(user) == Role.LIAISON:
        return InternshipReport.objects.none()
    return InternshipReport.objects.filter(placement__in=_placement_ids(user))


def incident_visible_to(user) -> QuerySet[PlacementLog]:
    """Incidents (the placements' incident logs) with their location, if any."""
    if role_of(user) == Role.LIAISON:
        return PlacementLog.objects.none()
    return (
        PlacementLog.objects.filter(
            placement__in=_placement_ids(user), kind=PlacementLog.Kind.INCIDENT
        )
        .select_related("location")
        .order_by("-date", "-id")
    )


def own_placement(user, placement_id) -> Placement | None:
    """The student's own placement of that id, or None (others' read as missing)."""
    if role_of(user) != Role.STUDENT:
        return None
    try:
        return placement_visible_to(user).select_related("plan").get(pk=int(placement_id))
    except (Placement.DoesNotExist, TypeError, ValueError, OverflowError):
        return None


def checkout_hours(
    placement_ids, first: datetime.date, last: datetime.date
) -> dict[tuple[int, datetime.date], Decimal]:
    """Hours worked per (placement id, day) from the students' check-outs.

    Only days with a check-out are in the answer. Read by the working-time
    rules (overtime, night and holiday work) beside the attendance sheet.
    """
    rows = CheckIn.objects.filter(
        placement_id__in=list(placement_ids),
        date__range=(first, last),
        hours__isnull=False,
    ).values_list("placement_id", "date", "hours")
    hours: dict[tuple[int, datetime.date], Decimal] = defaultdict(Decimal)
    for placement_id, day, value in rows:
        hours[placement_id, day] += value
    return dict(hours)


# Night, for the working-time rules: 22:00 to 06:00 local time.
NIGHT_STARTS = datetime.time(22)
NIGHT_ENDS = datetime.time(6)


def night_hours_between(start: datetime.datetime, end: datetime.datetime) -> Decimal:
    """Hours between two aware datetimes that fall in the night (22:00-06:00,
    the college's time zone), to a tenth of an hour."""
    from django.utils import timezone

    start, end = timezone.localtime(start), timezone.localtime(end)
    night = datetime.timedelta()
    day = start.date() - datetime.timedelta(days=1)
    while day <= end.date():
        tz = start.tzinfo
        night_from = datetime.datetime.combine(day, NIGHT_STARTS, tz)
        night_to = datetime.datetime.combine(day + datetime.timedelta(days=1), NIGHT_ENDS, tz)
        overlap = min(end, night_to) - max(start, night_from)
        if overlap > datetime.timedelta():
            night += overlap
        day += datetime.timedelta(days=1)
    return (Decimal(night.total_seconds()) / 3600).quantize(Decimal("0.1"))


def checkout_hour_entries(placement_ids, first, last):
    """The check-outs as a source of recorded hours (internships/hours.py):
    the hours the student recorded, and the part of the day between check-in
    and check-out that fell in the night."""
    from internships.hours import HourEntry

    rows = CheckIn.objects.filter(
        placement_id__in=list(placement_ids), hours__isnull=False, checked_out_at__isnull=False
    )
    if first is not None:
        rows = rows.filter(date__gte=first)
    if last is not None:
        rows = rows.filter(date__lte=last)
    return [
        HourEntry(placement_id, day, hours, night_hours_between(at, out), "checkouts")
        for placement_id, day, hours, at, out in rows.values_list(
            "placement_id", "date", "hours", "at", "checked_out_at"
        )
    ]
