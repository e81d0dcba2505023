"""iCalendar files for meetings: one invite, or a member's whole feed.

Times are written in the college's time zone (settings.TIME_ZONE) with its
VTIMEZONE, so calendar clients show them right wherever they are.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from councils.models import Meeting

PRODID = "-//School-enterprise cooperation//Councils//EN"

_STATUS = {
    Meeting.Status.PLANNED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.uid}@councils"


def meeting_summary(meeting: Meeting) -> str:
    return f"{meeting.committee.name} · {meeting.get_kind_display()}"


def _event(meeting: Meeting, tz: zoneinfo.ZoneInfo) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at.astimezone(datetime.timezone.utc))
    event.add("last-modified", meeting.updated_at.astimezone(datetime.timezone.utc))
    event.add("dtstart", meeting.scheduled_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", meeting_summary(meeting))
    if meeting.location:
        event.add("location", meeting.location)
    description = meeting.agenda or ""
    if meeting.status == Meeting.Status.CANCELLED and meeting.cancel_reason:
        description = f"{description}\n\n{meeting.cancel_reason}".strip()
    event.add("description", description)
    event.add("status", _STATUS[meeting.status])
    return event


def calendar_ics(meetings: Iterable[Meeting], *, name: str = "") -> bytes:
    """A VCALENDAR with one VEVENT per meeting (committee must be loaded)."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    events = [_event(meeting, tz) for meeting in meetings]
    # The zone's definition goes in even for an empty feed.
    cal.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def meeting_ics(meeting: Meeting) -> bytes:
    """The invite for one meeting: stable UID, time zone, place and agenda."""
    return calendar_ics([meeting], name=meeting.committee.name)


def meeting_ics_filename(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}-{timezone.localdate(meeting.scheduled_at):%Y%m%d}.ics"
