"""The teacher's day: one page of what waits for them (the review queue).

Journals and reports to review, students with 3 or more consecutive missed
workdays, off-site check-ins of the last 7 days and incidents of the last 14
days, all among the placements the teacher may see. A fixed number of
queries, however many students.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.utils import timezone

from internships.models import Attendance, Placement
from internships.selectors import placement_visible_to
from practice import selectors
from practice.models import CheckIn, InternshipReport, Journal
from practice.reminders import STREAK_LOOKBACK_DAYS, missed_streak_start


def missed_students(user, today: datetime.date) -> list[tuple[Placement, datetime.date, int]]:
    """Active placements whose student missed the last 3+ workdays up to yesterday."""
    last = today - datetime.timedelta(days=1)
    placements = list(
        placement_visible_to(user)
        .filter(status=Placement.Status.ACTIVE, starts_on__lte=last)
        .select_related("plan")
        .order_by("student__name")
    )
    placements = [p for p in placements if p.plan is None or p.plan.checkin_required]
    if not placements:
        return []
    ids = [p.pk for p in placements]
    since = last - datetime.timedelta(days=STREAK_LOOKBACK_DAYS)
    present: dict[int, set] = defaultdict(set)
    for pid, day in CheckIn.objects.filter(placement__in=ids, date__gte=since).values_list(
        "placement_id", "date"
    ):
        present[pid].add(day)
    for pid, day in Attendance.objects.filter(
        placement__in=ids,
        date__gte=since,
        status__in=[Attendance.Status.PRESENT, Attendance.Status.LEAVE],
    ).values_list("placement_id", "date"):
        present[pid].add(day)
    rows = []
    for placement in placements:
        first, count = missed_streak_start(
            placement, present[placement.pk], min(last, placement.ends_on)
        )
        if count >= 3:
            rows.append((placement, first, count))
    return rows


def teacher_day(user) -> dict:
    today = timezone.localdate()
    journals = (
        selectors.journal_visible_to(user)
        .filter(status=Journal.Status.SUBMITTED)
        .select_related("placement__student", "placement__enterprise")
        .order_by("submitted_at", "id")
    )
    reports = (
        selectors.report_visible_to(user)
        .filter(status=InternshipReport.Status.SUBMITTED)
        .select_related("placement__student", "placement__enterprise")
        .order_by("submitted_at", "id")
    )
    off_site = (
        selectors.checkin_visible_to(user)
        .filter(on_site=False, date__gte=today - datetime.timedelta(days=7))
        .select_related("placement__student", "placement__enterprise")
        .order_by("-date", "-id")
    )
    incidents = (
        selectors.incident_visible_to(user)
        .filter(date__gte=today - datetime.timedelta(days=14))
        .select_related("placement__student", "placement__enterprise")
    )
    return {
        "journals": list(journals),
        "reports": list(reports),
        "missed": missed_students(user, today),
        "off_site": list(off_site),
        "incidents": list(incidents),
    }
