"""Reminders about meetings, idle committees and action items (registered in apps.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.selectors import administrators
from councils.ics import meeting_ics
from councils.models import ActionItem, Committee, Meeting, Membership
from notifications.reminders import (
    Attachment,
    Due,
    ReminderKind,
    is_active,
    latest_stage,
    url_for,
)

MEETING_STAGES = [("7d", 7), ("1d", 1)]


def find_meetings_upcoming(today: dt.date) -> Iterator[Due]:
    """Planned meetings in 7 days and tomorrow (or today): to members with an account."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(today, dt.time.min, tzinfo=tz)
    end = start + dt.timedelta(days=8)
    if today == timezone.localdate():
        start = max(start, timezone.now())  # run late in the day: not a meeting already begun
    meetings = list(
        Meeting.objects.filter(
            status=Meeting.Status.PLANNED,
            scheduled_at__gte=start,
            scheduled_at__lt=end,
            committee__status=Committee.Status.ACTIVE,
        )
        .select_related("committee")
        .order_by("pk")
    )
    if not meetings:
        return
    members = defaultdict(list)
    memberships = (
        Membership.objects.filter(
            committee_id__in={m.committee_id for m in meetings},
            user__isnull=False,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        members[membership.committee_id].append(membership)
    for meeting in meetings:
        local = timezone.localtime(meeting.scheduled_at, tz)
        days = (local.date() - today).days
        stage = latest_stage(days, MEETING_STAGES)
        if stage is None:
            continue
        when = local.strftime("%Y-%m-%d %H:%M")
        committee = str(meeting.committee)
        if days <= 0:
            subject = format_lazy(_("Meeting today: {committee}"), committee=committee)
        elif days == 1:
            subject = format_lazy(_("Meeting tomorrow: {committee}"), committee=committee)
        else:
            subject = format_lazy(
                _("Meeting in {days} days: {committee}"), days=days, committee=committee
            )
        body = format_lazy(
            _("{committee} meets on {when} at {location}. The invitation is attached."),
            committee=committee,
            when=when,
            location=meeting.location or "-",
        )
        url = url_for("councils:meeting-detail", meeting.pk)
        # The date is part of the stage: a meeting moved to another day sends
        # its invitations again, with the updated invite.
        stage = f"{stage}@{local.date().isoformat()}"
        seen = set()
        for membership in members.get(meeting.committee_id, []):
            # Only members whose term covers the meeting day are invited.
            if membership.term_start and membership.term_start > local.date():
                continue
            if membership.term_end and membership.term_end < local.date():
                continue
            if membership.user_id in seen:
                continue
            seen.add(membership.user_id)
            yield Due(membership.user, meeting, stage, subject, body, url)


def attach_meeting_invite(meeting: Meeting) -> Attachment:
    # The file is a published event (METHOD:PUBLISH) that any calendar imports.
    return (f"meeting-{meeting.pk}.ics", meeting_ics(meeting), "text/calendar")


def find_committees_idle(today: dt.date) -> Iterator[Due]:
    """Committees with no meeting held in the last 365 days: to the administrators.

    The stage is the date of the last held meeting ("never" if none), so one
    reminder goes out per lapse, and a new one after the committee met and
    lapsed again.
    """
    since = today - dt.timedelta(days=365)
    # A committee set up less than a year ago has not lapsed yet.
    committees = (
        Committee.objects.filter(status=Committee.Status.ACTIVE, established_on__lte=since)
        .annotate(
            last_held=Max("meetings__scheduled_at", filter=Q(meetings__status=Meeting.Status.HELD))
        )
        .order_by("pk")
    )
    committees = [
        c for c in committees if c.last_held is None or timezone.localdate(c.last_held) < since
    ]
    if not committees:
        return
    admins = list(administrators().order_by("pk"))
    for committee in committees:
        last = timezone.localdate(committee.last_held).isoformat() if committee.last_held else None
        stage = f"idle-since-{last}" if last else "idle-never"
        subject = format_lazy(_("No meeting held for a year: {committee}"), committee=committee)
        if last:
            body = format_lazy(
                _("{committee} last held a meeting on {last}; each committee meets yearly."),
                committee=committee,
                last=last,
            )
        else:
            body = format_lazy(
                _("{committee} has never held a meeting; each committee meets yearly."),
                committee=committee,
            )
        url = url_for("councils:committee-detail", committee.pk)
        for admin in admins:
            yield Due(admin, committee, stage, subject, body, url)


def find_action_items_overdue(today: dt.date) -> Iterator[Due]:
    """Open action items past their due date: to the owner, once."""
    items = (
        ActionItem.objects.filter(status=ActionItem.Status.OPEN, due_on__lt=today)
        .select_related("owner")
        .order_by("pk")
    )
    for item in items.iterator(chunk_size=2000):
        if not is_active(item.owner):
            continue
        subject = format_lazy(_("Overdue action item: {item}"), item=item)
        body = format_lazy(
            _("The action item “{item}” was due on {due} and is still open."),
            item=item,
            due=item.due_on.isoformat(),
        )
        url = url_for("councils:meeting-detail", item.meeting_id)
        yield Due(item.owner, item, "overdue", subject, body, url)


KINDS = [
    ReminderKind(
        "meeting_upcoming",
        _("Upcoming meeting (with invitation)"),
        Meeting,
        find_meetings_upcoming,
        attach_meeting_invite,
    ),
    ReminderKind(
        "committee_idle",
        _("Committee without a meeting for a year"),
        Committee,
        find_committees_idle,
    ),
    ReminderKind(
        "action_item_overdue",
        _("Overdue action item"),
        ActionItem,
        find_action_items_overdue,
    ),
]
