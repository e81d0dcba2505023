"""Every write to councils goes through a function here."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Profile
from common.exceptions import RuleError
from councils.models import ActionItem, CharterVersion, Committee, Meeting, Membership
from notifications.services import notification_send
from partnerships.models import Enterprise, EnterpriseContact, Major

COMMITTEE_FIELDS = ("kind", "name", "major", "established_on", "status", "description")
MEMBERSHIP_FIELDS = (
    "name",
    "title",
    "affiliation",
    "category",
    "role",
    "enterprise",
    "contact",
    "user",
    "term_start",
    "term_end",
)
MEETING_FIELDS = ("kind", "scheduled_at", "duration_minutes", "location", "agenda")
# Changing these on a planned meeting makes calendar clients update the event.
INVITE_FIELDS = {"scheduled_at", "duration_minutes", "location", "agenda", "kind"}


def _lock_committee(committee: Committee) -> Committee:
    return Committee.objects.select_for_update().get(pk=committee.pk)


# -- committees ---------------------------------------------------------------


def _check_committee(values: dict[str, Any], *, instance: Committee | None = None) -> None:
    kind = values.get("kind")
    major: Major | None = values.get("major")
    name = (values.get("name") or "").strip()
    if not name:
        raise RuleError("name_required", _("A committee needs a name."), field="name")
    if kind == Committee.Kind.STEERING and major is None:
        raise RuleError(
            "major_required",
            _("A professional steering committee belongs to a major."),
            field="major",
        )
    if kind == Committee.Kind.COUNCIL and major is not None:
        raise RuleError(
            "major_not_allowed",
            _("The cooperation council serves the whole college, not one major."),
            field="major",
        )
    if values.get("status") != Committee.Status.ACTIVE:
        return
    others = Committee.objects.active()
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    if kind == Committee.Kind.COUNCIL and others.filter(kind=Committee.Kind.COUNCIL).exists():
        raise RuleError(
            "council_exists",
            _("The college already has an active cooperation council."),
            field="kind",
        )
    if major is not None:
        # Lock the major so two concurrent creates cannot both pass the check.
        Major.objects.select_for_update().filter(pk=major.pk).first()
        if others.filter(major=major).exists():
            raise RuleError(
                "major_has_committee",
                _("This major already has an active steering committee."),
                field="major",
            )


@transaction.atomic
def committee_create(
    *,
    kind: str,
    name: str,
    established_on: datetime.date | None = None,
    major: Major | None = None,
    status: str = Committee.Status.ACTIVE,
    description: str = "",
) -> Committee:
    values = {
        "kind": kind,
        "name": (name or "").strip(),
        "major": major,
        "established_on": established_on or timezone.localdate(),
        "status": status or Committee.Status.ACTIVE,
        "description": description,
    }
    _check_committee(values)
    if values["status"] == Committee.Status.DISSOLVED:
        values["dissolved_on"] = timezone.localdate()
    with _uniqueness_race(values):
        return Committee.objects.create(**values)


@contextmanager
def _uniqueness_race(values: dict[str, Any]) -> Iterator[None]:
    """Two concurrent writes can both pass the check; the partial unique
    constraints then refuse the second, which gets the same rule code."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        if values.get("kind") == Committee.Kind.COUNCIL:
            raise RuleError(
                "council_exists",
                _("The college already has an active cooperation council."),
                field="kind",
            ) from None
        raise RuleError(
            "major_has_committee",
            _("This major already has an active steering committee."),
            field="major",
        ) from None


@transaction.atomic
def committee_update(*, committee: Committee, **fields: Any) -> Committee:
    committee = _lock_committee(committee)
    values = {key: getattr(committee, key) for key in COMMITTEE_FIELDS}
    values.update({k: v for k, v in fields.items() if k in COMMITTEE_FIELDS})
    values["name"] = (values["name"] or "").strip()
    _check_committee(values, instance=committee)
    if values["status"] == Committee.Status.DISSOLVED and committee.is_active:
        _cancel_planned_meetings(committee)
        committee.dissolved_on = timezone.localdate()
    elif values["status"] == Committee.Status.ACTIVE:
        committee.dissolved_on = None
    for key, value in values.items():
        setattr(committee, key, value)
    with _uniqueness_race(values):
        committee.save()
    return committee


def _cancel_planned_meetings(committee: Committee) -> None:
    for meeting in Meeting.objects.select_for_update().filter(
        committee=committee, status=Meeting.Status.PLANNED
    ):
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancel_reason = _("The committee was dissolved.")
        meeting.sequence += 1
        meeting.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])


@transaction.atomic
def committee_dissolve(
    *, committee: Committee, dissolved_on: datetime.date | None = None
) -> Committee:
    """Dissolve a committee; its planned meetings are cancelled."""
    committee = _lock_committee(committee)
    if not committee.is_active:
        raise RuleError("committee_dissolved", _("This committee is already dissolved."))
    dissolved_on = dissolved_on or timezone.localdate()
    if dissolved_on < committee.established_on:
        raise RuleError(
            "dissolved_before_established",
            _("A committee cannot be dissolved before it was established."),
            field="dissolved_on",
        )
    _cancel_planned_meetings(committee)
    committee.status = Committee.Status.DISSOLVED
    committee.dissolved_on = dissolved_on
    committee.save(update_fields=["status", "dissolved_on", "updated_at"])
    return committee


# -- memberships --------------------------------------------------------------


def _check_membership(committee: Committee, values: dict[str, Any], instance=None) -> None:
    if not committee.is_active:
        raise RuleError(
            "committee_dissolved", _("A dissolved committee takes no changes."), field="committee"
        )
    if not (values.get("name") or "").strip():
        raise RuleError("name_required", _("A member needs a name."), field="name")
    start, end = values["term_start"], values.get("term_end")
    if end is not None and end < start:
        raise RuleError("term_dates", _("A term cannot end before it starts."), field="term_end")
    enterprise: Enterprise | None = values.get("enterprise")
    contact: EnterpriseContact | None = values.get("contact")
    if contact is not None and enterprise is not None and contact.enterprise_id != enterprise.pk:
        raise RuleError(
            "contact_enterprise_mismatch",
            _("This contact works for another enterprise."),
            field="contact",
        )
    if values.get("affiliation") == Membership.Affiliation.ENTERPRISE and enterprise is None:
        raise RuleError(
            "enterprise_required",
            _("A member from an enterprise names that enterprise."),
            field="enterprise",
        )
    overlapping = Membership.objects.filter(committee=committee).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=start)
    )
    if end is not None:
        overlapping = overlapping.filter(term_start__lte=end)
    if instance is not None:
        overlapping = overlapping.exclude(pk=instance.pk)
    if (
        values.get("role") == Membership.Role.CHAIR
        and overlapping.filter(role=Membership.Role.CHAIR).exists()
    ):
        raise RuleError(
            "chair_taken",
            _("The committee already has a chair for this term; end that term first."),
            field="role",
        )
    user = values.get("user")
    if user is not None and overlapping.filter(user=user).exists():
        raise RuleError(
            "already_member",
            _("This user is already a member of the committee for this term."),
            field="user",
        )


@transaction.atomic
def membership_add(
    *,
    committee: Committee,
    name: str,
    affiliation: str,
    category: str,
    term_start: datetime.date | None = None,
    role: str = Membership.Role.MEMBER,
    title: str = "",
    enterprise: Enterprise | None = None,
    contact: EnterpriseContact | None = None,
    user: User | None = None,
    term_end: datetime.date | None = None,
) -> Membership:
    # The committee row lock serialises membership changes, so two chairs
    # cannot be appointed at once.
    committee = _lock_committee(committee)
    if contact is not None and enterprise is None:
        enterprise = contact.enterprise
    term_start = term_start or timezone.localdate()
    values = {
        "name": (name or "").strip(),
        "title": title,
        "affiliation": affiliation,
        "category": category,
        "role": role or Membership.Role.MEMBER,
        "enterprise": enterprise,
        "contact": contact,
        "user": user,
        "term_start": term_start,
        "term_end": term_end,
    }
    _check_membership(committee, values)
    return Membership.objects.create(committee=committee, **values)


@transaction.atomic
def membership_update(*, membership: Membership, **fields: Any) -> Membership:
    committee = _lock_committee(membership.committee)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if "committee" in fields and fields["committee"].pk != committee.pk:
        raise RuleError(
            "committee_fixed",
            _("A membership cannot move to another committee; end it and add a new one."),
            field="committee",
        )
    values = {key: getattr(membership, key) for key in MEMBERSHIP_FIELDS}
    values.update({k: v for k, v in fields.items() if k in MEMBERSHIP_FIELDS})
    if values["contact"] is not None and values["enterprise"] is None:
        values["enterprise"] = values["contact"].enterprise
    values["name"] = (values["name"] or "").strip()
    _check_membership(committee, values, instance=membership)
    for key, value in values.items():
        setattr(membership, key, value)
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, term_end: datetime.date | None = None) -> Membership:
    """End a member's term (today by default)."""
    _lock_committee(membership.committee)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    term_end = term_end or timezone.localdate()
    if membership.term_end is not None and membership.term_end < term_end:
        raise RuleError("membership_ended", _("This term has already ended."), field="term_end")
    if term_end < membership.term_start:
        raise RuleError("term_dates", _("A term cannot end before it starts."), field="term_end")
    membership.term_end = term_end
    membership.save(update_fields=["term_end", "updated_at"])
    return membership


# -- meetings -----------------------------------------------------------------


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
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = reason or ""
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


# -- charters -----------------------------------------------------------------


@transaction.atomic
def charter_adopt(
    *,
    committee: Committee,
    text: str,
    meeting: Meeting,
    adopted_on: datetime.date | None = None,
) -> CharterVersion:
    """A new charter version, numbered after the last, adopted at a held meeting."""
    committee = _lock_committee(committee)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not (text or "").strip():
        raise RuleError("text_required", _("The charter needs its text."), field="text")
    if meeting.committee_id != committee.pk:
        raise RuleError(
            "meeting_other_committee",
            _("The charter is adopted at a meeting of the same committee."),
            field="adopted_at_meeting",
        )
    if meeting.status != Meeting.Status.HELD:
        raise RuleError(
            "meeting_not_held",
            _("A charter is adopted at a meeting that was held."),
            field="adopted_at_meeting",
        )
    adopted_on = adopted_on or meeting.local_date
    if adopted_on < meeting.local_date:
        raise RuleError(
            "adopted_before_meeting",
            _("A charter cannot be adopted before the meeting took place."),
            field="adopted_on",
        )
    last = CharterVersion.objects.filter(committee=committee).aggregate(n=Max("version"))["n"]
    return CharterVersion.objects.create(
        committee=committee,
        version=(last or 0) + 1,
        text=text,
        adopted_at_meeting=meeting,
        adopted_on=adopted_on,
    )


# -- action items -------------------------------------------------------------


def _check_owner(owner: User | None) -> None:
    if owner is not None and not owner.is_active:
        raise RuleError("owner_inactive", _("The owner's account is disabled."), field="owner")


@transaction.atomic
def action_item_create(
    *,
    meeting: Meeting,
    description: str,
    due_on: datetime.date,
    owner: User | None = None,
) -> ActionItem:
    """A resolution's follow-up, recorded against the meeting that decided it."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.HELD:
        raise RuleError(
            "meeting_not_held",
            _("Resolutions come from a meeting that was held."),
            field="meeting",
        )
    if not (description or "").strip():
        raise RuleError(
            "description_required", _("Describe what is to be done."), field="description"
        )
    if due_on < meeting.local_date:
        raise RuleError(
            "due_before_meeting",
            _("A follow-up cannot be due before the meeting that decided it."),
            field="due_on",
        )
    _check_owner(owner)
    return ActionItem.objects.create(
        meeting=meeting, description=description, due_on=due_on, owner=owner
    )


@transaction.atomic
def action_item_update(*, action_item: ActionItem, **fields: Any) -> ActionItem:
    item = ActionItem.objects.select_for_update().select_related("meeting").get(pk=action_item.pk)
    if "meeting" in fields and fields["meeting"].pk != item.meeting_id:
        raise RuleError("meeting_fixed", _("A follow-up stays with its meeting."), field="meeting")
    if "description" in fields:
        if not (fields["description"] or "").strip():
            raise RuleError(
                "description_required", _("Describe what is to be done."), field="description"
            )
        item.description = fields["description"]
    if "due_on" in fields:
        if fields["due_on"] < item.meeting.local_date:
            raise RuleError(
                "due_before_meeting",
                _("A follow-up cannot be due before the meeting that decided it."),
                field="due_on",
            )
        item.due_on = fields["due_on"]
    if "owner" in fields:
        _check_owner(fields["owner"])
        item.owner = fields["owner"]
    status = fields.get("status")
    if status == ActionItem.Status.DONE and item.status != ActionItem.Status.DONE:
        item.status = ActionItem.Status.DONE
        item.completed_on = timezone.localdate()
    elif status == ActionItem.Status.OPEN and item.status != ActionItem.Status.OPEN:
        item.status = ActionItem.Status.OPEN
        item.completed_on = None
    item.save()
    return item


@transaction.atomic
def action_item_complete(
    *, action_item: ActionItem, completed_on: datetime.date | None = None
) -> ActionItem:
    item = ActionItem.objects.select_for_update().get(pk=action_item.pk)
    if item.status == ActionItem.Status.DONE:
        raise RuleError("action_item_done", _("This follow-up is already done."))
    item.status = ActionItem.Status.DONE
    item.completed_on = completed_on or timezone.localdate()
    item.save(update_fields=["status", "completed_on", "updated_at"])
    return item


# -- calendar feed ------------------------------------------------------------


@transaction.atomic
def profile_rotate_calendar_token(*, user: User) -> Profile:
    """A new secret for the user's meeting feed; the old feed URL stops working."""
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    profile.calendar_token = secrets.token_urlsafe(24)
    profile.save(update_fields=["calendar_token", "updated_at"])
    return profile
