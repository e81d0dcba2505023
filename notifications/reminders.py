"""The reminder kinds: who is reminded of what, and when.

Each kind has a finder ``find(today)`` that yields the due items as
``Due(recipient, obj, stage, subject, body, url)`` tuples, using a fixed number
of queries however many items are due, and optionally an attachment builder
``attach(obj) -> (filename, content, mimetype)`` for the e-mail (the meeting
invite). Subjects and bodies are lazy strings, rendered later in each
recipient's own language.

A *stage* is one step of a reminder's schedule ("30d", "7d", "0d",
"overdue"). An item is in the latest stage it has reached, so when the job
did not run for some days only that stage goes out, never the stale earlier
ones. The delivery table (models.ReminderDelivery) makes each (recipient,
kind, stage, object) go out once.

Kinds whose models are not installed are skipped, so the registry works
whatever areas a deployment has.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.access import Role


class Due(NamedTuple):
    recipient: Any  # a User
    obj: models.Model
    stage: str
    subject: Any  # str or lazy str
    body: Any
    url: str


Attachment = tuple[str, bytes, str]


@dataclass(frozen=True)
class ReminderKind:
    code: str
    label: Any
    model: str  # "app_label.ModelName" of the object reminded about
    find: Callable[[dt.date], Iterable[Due]]
    attach: Callable[[models.Model], Attachment | None] | None = None

    @property
    def available(self) -> bool:
        return model_or_none(self.model) is not None


REGISTRY: dict[str, ReminderKind] = {}


def register(kind: ReminderKind) -> ReminderKind:
    REGISTRY[kind.code] = kind
    return kind


def available_kinds() -> list[ReminderKind]:
    return [kind for kind in REGISTRY.values() if kind.available]


def model_or_none(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def latest_stage(days_left: int, stages: list[tuple[str, int]]) -> str | None:
    """The stage an item is in: the one with the smallest threshold not below ``days_left``.

    ``stages`` are (code, threshold in days), e.g. [("30d", 30), ("7d", 7),
    ("0d", 0), ("overdue", -1)]: 12 days left is "30d", 5 is "7d", -3 "overdue".
    """
    reached = [(threshold, code) for code, threshold in stages if days_left <= threshold]
    return min(reached)[1] if reached else None


def _url(name: str, pk: int) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def administrators() -> list:
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR.value))
        .distinct()
        .order_by("pk")
    )


def _active(user) -> bool:
    return user is not None and user.is_active


# --- partnerships -----------------------------------------------------------

REVIEW_STAGES = [("30d", 30), ("7d", 7), ("0d", 0), ("overdue", -1)]


def find_reviews_due(today: dt.date) -> Iterator[Due]:
    """Pending annual reviews due in 30, 7 or 0 days, or overdue: to the agreement's owner."""
    Review = model_or_none("partnerships.AnnualReview")
    if Review is None:
        return
    reviews = (
        Review.objects.filter(status="pending", due_on__lte=today + dt.timedelta(days=30))
        .select_related("agreement__owner")
        .order_by("pk")
    )
    for review in reviews.iterator(chunk_size=2000):
        agreement = review.agreement
        days = (review.due_on - today).days
        stage = latest_stage(days, REVIEW_STAGES)
        if stage is None or not _active(agreement.owner):
            continue
        if days < 0:
            subject = format_lazy(
                _("Overdue annual review: {agreement}"), agreement=agreement.title
            )
        elif days == 0:
            subject = format_lazy(
                _("Annual review due today: {agreement}"), agreement=agreement.title
            )
        else:
            subject = format_lazy(
                _("Annual review due in {days} days: {agreement}"),
                days=days,
                agreement=agreement.title,
            )
        body = format_lazy(
            _("The annual review of agreement {number} “{agreement}” is due on {due}."),
            number=agreement.number,
            agreement=agreement.title,
            due=review.due_on.isoformat(),
        )
        url = _url("partnerships:review-detail", review.pk)
        yield Due(agreement.owner, review, stage, subject, body, url)


AGREEMENT_STAGES = [("90d", 90), ("30d", 30)]


def find_agreements_expiring(today: dt.date) -> Iterator[Due]:
    """Active agreements ending within 90 and within 30 days: to the owner."""
    Agreement = model_or_none("partnerships.CooperationAgreement")
    if Agreement is None:
        return
    agreements = (
        Agreement.objects.filter(
            status="active", ends_on__gte=today, ends_on__lte=today + dt.timedelta(days=90)
        )
        .select_related("owner")
        .order_by("pk")
    )
    for agreement in agreements.iterator(chunk_size=2000):
        days = (agreement.ends_on - today).days
        stage = latest_stage(days, AGREEMENT_STAGES)
        if stage is None or not _active(agreement.owner):
            continue
        subject = format_lazy(
            _("Agreement expires in {days} days: {agreement}"), days=days, agreement=agreement.title
        )
        body = format_lazy(
            _("Agreement {number} “{agreement}” ends on {ends}. Renew it or let it expire."),
            number=agreement.number,
            agreement=agreement.title,
            ends=agreement.ends_on.isoformat(),
        )
        url = _url("partnerships:agreement-detail", agreement.pk)
        # The end date is part of the stage: an agreement extended after its
        # reminder is reminded again before its new end.
        stage = f"{stage}@{agreement.ends_on.isoformat()}"
        yield Due(agreement.owner, agreement, stage, subject, body, url)


# --- councils -----------------------------------------------------------------

MEETING_STAGES = [("7d", 7), ("1d", 1)]


def find_meetings_upcoming(today: dt.date) -> Iterator[Due]:
    """Planned meetings in 7 days and tomorrow (or today): to members with an account."""
    Meeting = model_or_none("councils.Meeting")
    Membership = model_or_none("councils.Membership")
    if Meeting is None or Membership is None:
        return
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(today, dt.time.min, tzinfo=tz)
    end = start + dt.timedelta(days=8)
    if today == timezone.localdate():
        start = max(start, timezone.now())  # run late in the day: not a meeting already begun
    meetings = list(
        Meeting.objects.filter(
            status="planned",
            scheduled_at__gte=start,
            scheduled_at__lt=end,
            committee__status="active",
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
            location=getattr(meeting, "location", "") or "-",
        )
        url = _url("councils:meeting-detail", meeting.pk)
        # The date is part of the stage: a meeting moved to another day sends
        # its invitations again, with the updated invite.
        stage = f"{stage}@{local.date().isoformat()}"
        seen = set()
        for membership in members.get(meeting.committee_id, []):
            # Only members whose term covers the meeting day are invited.
            term_start = getattr(membership, "term_start", None)
            term_end = getattr(membership, "term_end", None)
            if term_start and term_start > local.date():
                continue
            if term_end and term_end < local.date():
                continue
            if membership.user_id in seen:
                continue
            seen.add(membership.user_id)
            yield Due(membership.user, meeting, stage, subject, body, url)


def attach_meeting_invite(meeting: models.Model) -> Attachment | None:
    try:
        from councils.ics import meeting_ics
    except ImportError:
        return None
    # The file is a published event (METHOD:PUBLISH) that any calendar imports.
    return (f"meeting-{meeting.pk}.ics", meeting_ics(meeting), "text/calendar")


def find_committees_idle(today: dt.date) -> Iterator[Due]:
    """Committees with no meeting held in the last 365 days: to the administrators.

    The stage is the date of the last held meeting ("never" if none), so one
    reminder goes out per lapse, and a new one after the committee met and
    lapsed again.
    """
    Committee = model_or_none("councils.Committee")
    Meeting = model_or_none("councils.Meeting")
    if Committee is None or Meeting is None:
        return
    since = today - dt.timedelta(days=365)
    # A committee set up less than a year ago has not lapsed yet.
    committees = (
        Committee.objects.filter(status="active", established_on__lte=since)
        .annotate(last_held=Max("meetings__scheduled_at", filter=Q(meetings__status="held")))
        .order_by("pk")
    )
    committees = [
        c for c in committees if c.last_held is None or timezone.localdate(c.last_held) < since
    ]
    if not committees:
        return
    admins = administrators()
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
        url = _url("councils:committee-detail", committee.pk)
        for admin in admins:
            yield Due(admin, committee, stage, subject, body, url)


def find_action_items_overdue(today: dt.date) -> Iterator[Due]:
    """Open action items past their due date: to the owner, once."""
    ActionItem = model_or_none("councils.ActionItem")
    if ActionItem is None:
        return
    items = (
        ActionItem.objects.filter(status="open", due_on__lt=today)
        .select_related("owner")
        .order_by("pk")
    )
    for item in items.iterator(chunk_size=2000):
        if not _active(item.owner):
            continue
        subject = format_lazy(_("Overdue action item: {item}"), item=item)
        body = format_lazy(
            _("The action item “{item}” was due on {due} and is still open."),
            item=item,
            due=item.due_on.isoformat(),
        )
        url = _url("councils:meeting-detail", item.meeting_id)
        yield Due(item.owner, item, "overdue", subject, body, url)


# --- internships ------------------------------------------------------------------


def _placement_label(placement) -> str:
    return f"{placement.student.name} – {placement.position.title} ({placement.enterprise.name})"


def find_placements_unprepared(today: dt.date) -> Iterator[Due]:
    """Planned placements starting within 7 days without insurance or a signed
    tripartite agreement: to the supervisor and the administrators."""
    Placement = model_or_none("internships.Placement")
    if Placement is None:
        return
    missing_insurance = (
        Q(insurance_policy="")
        | Q(insurance_expires_on__isnull=True)
        | Q(insurance_expires_on__lt=models.F("ends_on"))
    )
    placements = (
        Placement.objects.filter(
            status="planned", starts_on__gte=today, starts_on__lte=today + dt.timedelta(days=7)
        )
        .filter(missing_insurance | Q(agreement_signed=False))
        .select_related("student", "position", "enterprise", "supervisor")
        .order_by("pk")
    )
    admins = None
    for placement in placements.iterator(chunk_size=2000):
        if admins is None:
            admins = administrators()
        label = _placement_label(placement)
        subject = format_lazy(
            _("Placement starts on {starts} and is not ready: {placement}"),
            starts=placement.starts_on.isoformat(),
            placement=label,
        )
        body = format_lazy(
            _("{placement} starts on {starts}, but {gaps}."),
            placement=label,
            starts=placement.starts_on.isoformat(),
            gaps=_GapList(placement),
        )
        url = _url("internships:placement-detail", placement.pk)
        recipients = [placement.supervisor] if _active(placement.supervisor) else []
        recipients += [a for a in admins if a.pk != placement.supervisor_id]
        for user in recipients:
            yield Due(user, placement, "7d", subject, body, url)


class _GapList:
    """What a placement lacks, translated when rendered (in the recipient's language)."""

    def __init__(self, placement):
        self.unsigned = not placement.agreement_signed
        self.uninsured = (
            not placement.insurance_policy
            or placement.insurance_expires_on is None
            or placement.insurance_expires_on < placement.ends_on
        )

    def __str__(self) -> str:
        gaps = []
        if self.unsigned:
            gaps.append(str(_("the tripartite agreement is not signed")))
        if self.uninsured:
            gaps.append(str(_("liability insurance does not cover the placement")))
        return str(_(" and ")).join(gaps)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


# Reminded from 7 days after the end for 30 days, so a missed run still catches up.
EVALUATION_WINDOW_DAYS = 30


def find_placements_unevaluated(today: dt.date) -> Iterator[Due]:
    """Placements that ended 7 days ago without an evaluation: the supervisor
    when the school side is missing, the enterprise's liaisons when the
    enterprise side is missing."""
    Placement = model_or_none("internships.Placement")
    if Placement is None:
        return
    Evaluation = model_or_none("internships.Evaluation")
    Profile = model_or_none("accounts.Profile")
    ended_by = today - dt.timedelta(days=7)
    placements = list(
        Placement.objects.filter(
            status__in=["active", "completed"],
            ends_on__lte=ended_by,
            ends_on__gt=ended_by - dt.timedelta(days=EVALUATION_WINDOW_DAYS),
        )
        .select_related("student", "position", "enterprise", "supervisor")
        .order_by("pk")
    )
    if not placements:
        return
    sides: dict[int, set[str]] = defaultdict(set)
    if Evaluation is not None:
        rows = Evaluation.objects.filter(placement__in=[p.pk for p in placements]).values_list(
            "placement_id", "side"
        )
        for placement_id, side in rows:
            sides[placement_id].add(side)
    liaisons = defaultdict(list)
    profiles = (
        Profile.objects.filter(
            enterprise_id__in={p.enterprise_id for p in placements},
            user__is_active=True,
            user__groups__name=Role.LIAISON.value,
        )
        .select_related("user")
        .order_by("user_id")
        .distinct()
    )
    for profile in profiles:
        liaisons[profile.enterprise_id].append(profile.user)
    for placement in placements:
        done = sides.get(placement.pk, set())
        if {"school", "enterprise"} <= done:
            continue
        label = _placement_label(placement)
        subject = format_lazy(_("Evaluation missing: {placement}"), placement=label)
        body = format_lazy(
            _("{placement} ended on {ends}; please enter your evaluation."),
            placement=label,
            ends=placement.ends_on.isoformat(),
        )
        url = _url("internships:placement-detail", placement.pk)
        recipients = []
        if "school" not in done and _active(placement.supervisor):
            recipients.append(placement.supervisor)
        if "enterprise" not in done:
            recipients += liaisons.get(placement.enterprise_id, [])
        for user in recipients:
            yield Due(user, placement, "ended-7d", subject, body, url)


register(
    ReminderKind(
        "review_due", _("Annual review due"), "partnerships.AnnualReview", find_reviews_due
    )
)
register(
    ReminderKind(
        "agreement_expiring",
        _("Agreement expiring"),
        "partnerships.CooperationAgreement",
        find_agreements_expiring,
    )
)
register(
    ReminderKind(
        "meeting_upcoming",
        _("Upcoming meeting (with invitation)"),
        "councils.Meeting",
        find_meetings_upcoming,
        attach_meeting_invite,
    )
)
register(
    ReminderKind(
        "committee_idle",
        _("Committee without a meeting for a year"),
        "councils.Committee",
        find_committees_idle,
    )
)
register(
    ReminderKind(
        "action_item_overdue",
        _("Overdue action item"),
        "councils.ActionItem",
        find_action_items_overdue,
    )
)
register(
    ReminderKind(
        "placement_unprepared",
        _("Placement starting without insurance or agreement"),
        "internships.Placement",
        find_placements_unprepared,
    )
)
register(
    ReminderKind(
        "placement_unevaluated",
        _("Placement ended without evaluation"),
        "internships.Placement",
        find_placements_unevaluated,
    )
)


# Immediate notifications other areas send with notification_send(); users
# may switch their e-mail off too.
OTHER_KINDS: dict[str, Any] = {
    "placement_incident": _("Incident reported during a placement"),
    "agreement_flagged": _("Agreement flagged by its annual review"),
}
