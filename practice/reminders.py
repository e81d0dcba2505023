"""Reminders of the internship as it happens (registered in apps.py).

- ``checkin_missed``: no check-in by the evening of a workday (the student);
- ``checkins_missed_3``: 3 or more consecutive workdays without a check-in or
  a present or leave day on the attendance sheet (the supervisor), once per
  run of missed days;
- ``journal_missing``: last week's journal not handed in by Monday (the student);
- ``journal_unreviewed``: a journal waiting 7 days for review (the supervisor).

Each finder reads a fixed number of queries however many placements are due.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.selectors import administrators
from common.workdays import is_workday
from internships.models import Attendance, Placement
from notifications.reminders import Due, ReminderKind, is_active, url_for
from practice.models import CheckIn, Journal

# How far back a run of missed workdays is traced.
STREAK_LOOKBACK_DAYS = 60


def _active_placements(day: dt.date) -> list[Placement]:
    return list(
        Placement.objects.filter(
            status=Placement.Status.ACTIVE, starts_on__lte=day, ends_on__gte=day
        )
        .select_related("student__user", "supervisor", "plan", "enterprise")
        .order_by("pk")
    )


def _checkin_required(placement: Placement) -> bool:
    return placement.plan is None or placement.plan.checkin_required


def checkin_day(today: dt.date) -> dt.date | None:
    """The workday whose check-in is due: today once the evening has come,
    otherwise the workday before (a morning run catches up on yesterday)."""
    now = timezone.localtime()
    if today != now.date() or now.hour >= settings.PRACTICE_CHECKIN_REMINDER_HOUR:
        return today if is_workday(today) else None
    day = today - dt.timedelta(days=1)
    for _step in range(14):
        if is_workday(day):
            return day
        day -= dt.timedelta(days=1)
    return None


def find_checkins_missed(today: dt.date) -> Iterator[Due]:
    day = checkin_day(today)
    if day is None:
        return
    placements = [p for p in _active_placements(day) if _checkin_required(p)]
    if not placements:
        return
    done = set(
        CheckIn.objects.filter(placement__in=[p.pk for p in placements], date=day).values_list(
            "placement_id", flat=True
        )
    )
    subject = format_lazy(_("No check-in on {day}"), day=day.isoformat())
    body = format_lazy(
        _("You have not checked in on {day}. Check in from your phone at the workplace."),
        day=day.isoformat(),
    )
    url = _page("practice:today")
    for placement in placements:
        user = placement.student.user
        if placement.pk in done or not is_active(user):
            continue
        yield Due(user, placement, f"day-{day.isoformat()}", subject, body, url)


def _page(name: str) -> str:
    """A page without an object in its address, or "" where it is not mounted."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def missed_streak_start(
    placement: Placement, present: set[dt.date], last: dt.date
) -> tuple[dt.date | None, int]:
    """The first day and the length of the run of missed workdays ending on ``last``."""
    first = None
    count = 0
    day = last
    floor = max(placement.starts_on, last - dt.timedelta(days=STREAK_LOOKBACK_DAYS))
    while day >= floor:
        if is_workday(day):
            if day in present:
                break
            first, count = day, count + 1
        day -= dt.timedelta(days=1)
    return first, count


def find_checkins_missed_3(today: dt.date) -> Iterator[Due]:
    """Placements whose student missed the last 3 or more workdays (up to
    yesterday): the supervisor, once per run (the stage is the run's first day)."""
    last = today - dt.timedelta(days=1)
    placements = [p for p in _active_placements(last) if _checkin_required(p)]
    if not placements:
        return
    ids = [p.pk for p in placements]
    since = last - dt.timedelta(days=STREAK_LOOKBACK_DAYS)
    present: dict[int, set[dt.date]] = defaultdict(set)
    for placement_id, day in CheckIn.objects.filter(placement__in=ids, date__gte=since).values_list(
        "placement_id", "date"
    ):
        present[placement_id].add(day)
    for placement_id, day in Attendance.objects.filter(
        placement__in=ids,
        date__gte=since,
        status__in=[Attendance.Status.PRESENT, Attendance.Status.LEAVE],
    ).values_list("placement_id", "date"):
        present[placement_id].add(day)
    admins = None
    for placement in placements:
        first, count = missed_streak_start(placement, present[placement.pk], last)
        if count < 3:
            continue
        recipients = [placement.supervisor] if is_active(placement.supervisor) else []
        if not recipients:
            admins = admins if admins is not None else list(administrators().order_by("pk"))
            recipients = admins
        subject = format_lazy(
            _("{student} has missed {n} workdays"), student=placement.student.name, n=count
        )
        body = format_lazy(
            _("{student} ({enterprise}) has not checked in since {first}."),
            student=placement.student.name,
            enterprise=placement.enterprise.name,
            first=first.isoformat(),
        )
        url = url_for("internships:placement-detail", placement.pk)
        for user in recipients:
            yield Due(user, placement, f"run-{first.isoformat()}", subject, body, url)


def find_journals_missing(today: dt.date) -> Iterator[Due]:
    """Last week's weekly journal not handed in by this week's Monday: the student."""
    this_monday = today - dt.timedelta(days=today.weekday())
    monday = this_monday - dt.timedelta(days=7)
    sunday = monday + dt.timedelta(days=6)
    placements = [
        p
        for p in Placement.objects.filter(
            status__in=[Placement.Status.ACTIVE, Placement.Status.COMPLETED],
            starts_on__lte=sunday,
            ends_on__gte=monday,
        )
        .select_related("student__user", "plan")
        .order_by("pk")
        if p.plan is None or p.plan.weekly_journals > 0
    ]
    if not placements:
        return
    handed_in = set(
        Journal.objects.filter(
            placement__in=[p.pk for p in placements],
            kind=Journal.Kind.WEEKLY,
            period_start__range=(monday, sunday),
            status__in=[Journal.Status.SUBMITTED, Journal.Status.REVIEWED],
        ).values_list("placement_id", flat=True)
    )
    subject = format_lazy(_("Journal of the week of {monday} missing"), monday=monday.isoformat())
    body = format_lazy(
        _("Your weekly journal for {monday} to {sunday} has not been handed in."),
        monday=monday.isoformat(),
        sunday=sunday.isoformat(),
    )
    url = _page("practice:today")
    for placement in placements:
        user = placement.student.user
        if placement.pk in handed_in or not is_active(user):
            continue
        yield Due(user, placement, f"week-{monday.isoformat()}", subject, body, url)


def find_journals_unreviewed(today: dt.date) -> Iterator[Due]:
    """Journals submitted 7 or more days ago and not reviewed: the supervisor
    (the administrators when there is none)."""
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time.max))
    journals = list(
        Journal.objects.filter(status=Journal.Status.SUBMITTED, submitted_at__lte=cutoff)
        .select_related("placement__student", "placement__supervisor")
        .order_by("pk")
    )
    admins = None
    for journal in journals:
        placement = journal.placement
        recipients = [placement.supervisor] if is_active(placement.supervisor) else []
        if not recipients:
            admins = admins if admins is not None else list(administrators().order_by("pk"))
            recipients = admins
        subject = format_lazy(
            _("Journal of {student} waiting for review"), student=placement.student.name
        )
        body = format_lazy(
            _("{student} handed in a journal for {start} to {end} a week ago."),
            student=placement.student.name,
            start=journal.period_start.isoformat(),
            end=journal.period_end.isoformat(),
        )
        url = _page("practice:teacher-day")
        for user in recipients:
            yield Due(user, journal, "7d", subject, body, url)


KINDS = [
    ReminderKind("checkin_missed", _("No check-in on a workday"), Placement, find_checkins_missed),
    ReminderKind(
        "checkins_missed_3",
        _("A student missed 3 workdays in a row"),
        Placement,
        find_checkins_missed_3,
    ),
    ReminderKind(
        "journal_missing", _("Weekly journal not handed in"), Placement, find_journals_missing
    ),
    ReminderKind(
        "journal_unreviewed",
        _("Journal waiting 7 days for review"),
        Journal,
        find_journals_unreviewed,
    ),
]
