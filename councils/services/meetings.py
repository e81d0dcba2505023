"""Meetings: scheduling, changes, holding and cancelling, with notices to members."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from councils.models import Committee, Meeting, Membership
from notifications.services import notification_send

from ._shared import _lock_committee

MEETING_FIELDS = ("kind", "scheduled_at", "duration_minutes", "location", "agenda")
# Changing these on a planned meeting makes calendar clients update the event.
INVITE_FIELDS = {"scheduled_at", "duration_minutes", "location", "agenda", "kind"}


def _notify_members(meeting: Meeting, *, kind: str, subject: str) -> None:
    """Tell the members with an account (in-app and e-mail, after commit)."""
    users = User.objects.filter(
        is_active=True,
        committee_memberships__in=Membership.objects.filter(committee=meeting.committee_id).current(
            meeting.local_date
        ),
    ).distinct()
    when = timezone.localtime(meeting.scheduled_at)
    body = "\n".join(
        part
        for part in (
            f"{meeting.committee.name} · {meeting.get_kind_display()}",
            f"{when:%Y-%m-%d %H:%M}",
            meeting.location,
            meeting.agenda,
            meeting.cancel_reason,
        )
        if part
    )
    notification_send(
        recipients=list(users),
        kind=kind,
        subject=subject,
        body=body,
        obj=meeting,
        url=reverse("councils:meeting-detail", args=[meeting.pk]),
    )


def _check_scheduled_at(value: datetime.datetime) -> None:
    if value is None or timezone.is_naive(value):
        raise RuleError(
            "scheduled_at_invalid",
            _("Give the date and time with a time zone."),
            field="scheduled_at",
        )


@transaction.atomic
def meeting_schedule(
    *,
    committee: Committee,
    scheduled_at: datetime.datetime,
    kind: str = Meeting.Kind.REGULAR,
    location: str = "",
    agenda: str = "",
    duration_minutes: int = 120,
    notify: bool = True,
) -> Meeting:
    committee = _lock_committee(committee)
    if not committee.is_active:
        raise RuleError(
            "committee_dissolved", _("A dissolved committee holds no meetings."), field="committee"
        )
    _check_scheduled_at(scheduled_at)
    meeting = Meeting.objects.create(
        committee=committee,
        kind=kind or Meeting.Kind.REGULAR,
        scheduled_at=scheduled_at,
        location=location,
        agenda=agenda,
        duration_minutes=duration_minutes or 120,
    )
    if notify and scheduled_at > timezone.now():
        _notify_members(
            meeting,
            kind="meeting_scheduled",
            subject=_("Meeting scheduled: %(committee)s, %(date)s")
            % {"committee": committee.name, "date": f"{timezone.localtime(scheduled_at):%Y-%m-%d}"},
        )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, **fields: Any) -> Meeting:
    """Change a planned meeting, or the minutes and work plan of a held one."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if "committee" in fields and fields["committee"].pk != meeting.committee_id:
        raise RuleError(
            "committee_fixed",
            _("A meeting cannot move to another committee."),
            field="committee",
        )
    if meeting.status == Meeting.Status.CANCELLED:
        raise RuleError("meeting_cancelled", _("A cancelled meeting takes no changes."))
    changes = {
        k: v
        for k, v in fields.items()
        if k in (*MEETING_FIELDS, "minutes", "work_plan") and getattr(meeting, k) != v
    }
    if meeting.status == Meeting.Status.HELD:
        moved = set(changes) & {"scheduled_at", "kind", "duration_minutes"}
        if moved:
            raise RuleError(
                "meeting_already_held",
                _("A held meeting keeps its date and kind; only its record can change."),
                field=sorted(moved)[0],
            )
        if "minutes" in changes and not (changes["minutes"] or "").strip():
            raise RuleError(
                "minutes_required", _("A held meeting keeps its minutes."), field="minutes"
            )
        if (
            "work_plan" in changes
            and _needs_work_plan(meeting)
            and not (changes["work_plan"] or "").strip()
        ):
            raise RuleError(
                "work_plan_required",
                _("The council's annual meeting records next year's work plan."),
                field="work_plan",
            )
    if "scheduled_at" in changes:
        _check_scheduled_at(changes["scheduled_at"])
    for key, value in changes.items():
        setattr(meeting, key, value)
    if set(changes) & INVITE_FIELDS:
        meeting.sequence += 1
    meeting.save()
    moved = set(changes) & {"scheduled_at", "location", "duration_minutes"}
    if moved and meeting.status == Meeting.Status.PLANNED and meeting.scheduled_at > timezone.now():
        _notify_members(
            meeting,
            kind="meeting_changed",
            subject=_("Meeting changed: %(committee)s, %(date)s")
            % {"committee": meeting.committee.name, "date": f"{meeting.local_date:%Y-%m-%d}"},
        )
    return meeting


def _needs_work_plan(meeting: Meeting) -> bool:
    return meeting.kind == Meeting.Kind.ANNUAL and meeting.committee.kind == Committee.Kind.COUNCIL


@transaction.atomic
def meeting_hold(
    *,
    meeting: Meeting,
    minutes: str,
    attendees: Iterable[Membership],
    work_plan: str | None = None,
) -> Meeting:
    """Record that a meeting took place: who attended, the minutes, the quorum.

    Attendees must be members of the meeting's committee whose term covers the
    meeting day; the meeting is quorate when more than half of those current
    members attended.
    """
    # Lock the committee first (the order membership changes use), so the
    # member count cannot change between the check and the record.
    committee = _lock_committee(meeting.committee)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.committee = committee
    if meeting.status == Meeting.Status.CANCELLED:
        raise RuleError("meeting_cancelled", _("A cancelled meeting cannot be held."))
    day = meeting.local_date
    if day > timezone.localdate():
        raise RuleError(
            "meeting_in_future",
            _("A meeting can be recorded as held only on or after its date."),
            field="scheduled_at",
        )
    if not (minutes or "").strip():
        raise RuleError(
            "minutes_required", _("Record the minutes of the meeting."), field="minutes"
        )
    work_plan = meeting.work_plan if work_plan is None else work_plan
    if _needs_work_plan(meeting) and not (work_plan or "").strip():
        raise RuleError(
            "work_plan_required",
            _("The council's annual meeting records next year's work plan."),
            field="work_plan",
        )
    current = {m.pk: m for m in Membership.objects.filter(committee=committee).current(day)}
    chosen = {m.pk for m in attendees}
    if not chosen:
        raise RuleError(
            "attendees_required", _("Tick the members who attended."), field="attendees"
        )
    outsiders = chosen - set(current)
    if outsiders:
        raise RuleError(
            "attendee_not_member",
            _(
                "Only current members of this committee can be recorded as attendees; "
                "these are not: %(ids)s."
            )
            % {"ids": ", ".join(str(pk) for pk in sorted(outsiders))},
            field="attendees",
            params={"ids": sorted(outsiders)},
        )
    meeting.status = Meeting.Status.HELD
    meeting.minutes = minutes
    meeting.work_plan = work_plan or ""
    # More than half of the members whose term covers the meeting day.
    meeting.quorate = len(chosen) * 2 > len(current)
    meeting.save()
    meeting.attendees.set([current[pk] for pk in chosen])
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str = "", notify: bool = True) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.PLANNED:
        raise RuleError("meeting_not_planned", _("Only a planned meeting can be cancelled."))
    # Members are told why; the invite's cancellation carries the reason too.
    reason = (reason or "").strip()
    if not reason:
        raise RuleError(
            "reason_required", _("Give the reason for the cancellation."), field="reason"
        )
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = reason
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    if notify and meeting.scheduled_at > timezone.now():
        _notify_members(
            meeting,
            kind="meeting_cancelled",
            subject=_("Meeting cancelled: %(committee)s, %(date)s")
            % {"committee": meeting.committee.name, "date": f"{meeting.local_date:%Y-%m-%d}"},
        )
    return meeting
