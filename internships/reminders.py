"""Reminders about placements that are not ready or not evaluated (registered in apps.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.access import Role
from accounts.selectors import administrators, users_with_role
from internships.models import Evaluation, Placement
from notifications.reminders import Due, ReminderKind, is_active, url_for


def _placement_label(placement: Placement) -> str:
    return f"{placement.student.name} – {placement.position.title} ({placement.enterprise.name})"


def _uninsured(placement: Placement) -> bool:
    return (
        not placement.insurance_policy
        or placement.insurance_expires_on is None
        or placement.insurance_expires_on < placement.ends_on
    )


def find_placements_unprepared(today: dt.date) -> Iterator[Due]:
    """Planned placements starting within 7 days without insurance or a signed
    tripartite agreement: to the supervisor and the administrators."""
    missing_insurance = (
        Q(insurance_policy="")
        | Q(insurance_expires_on__isnull=True)
        | Q(insurance_expires_on__lt=F("ends_on"))
    )
    placements = (
        Placement.objects.filter(
            status=Placement.Status.PLANNED,
            starts_on__gte=today,
            starts_on__lte=today + dt.timedelta(days=7),
        )
        .filter(missing_insurance | Q(agreement_signed=False))
        .select_related("student", "position", "enterprise", "supervisor")
        .order_by("pk")
    )
    admins = None
    for placement in placements.iterator(chunk_size=2000):
        if admins is None:
            admins = list(administrators().order_by("pk"))
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
        url = url_for("internships:placement-detail", placement.pk)
        recipients = [placement.supervisor] if is_active(placement.supervisor) else []
        recipients += [a for a in admins if a.pk != placement.supervisor_id]
        for user in recipients:
            yield Due(user, placement, "7d", subject, body, url)


class _GapList:
    """What a placement lacks, translated when rendered (in the recipient's language)."""

    def __init__(self, placement: Placement):
        self.unsigned = not placement.agreement_signed
        self.uninsured = _uninsured(placement)

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
    ended_by = today - dt.timedelta(days=7)
    placements = list(
        Placement.objects.filter(
            status__in=[Placement.Status.ACTIVE, Placement.Status.COMPLETED],
            ends_on__lte=ended_by,
            ends_on__gt=ended_by - dt.timedelta(days=EVALUATION_WINDOW_DAYS),
        )
        .select_related("student", "position", "enterprise", "supervisor")
        .order_by("pk")
    )
    if not placements:
        return
    sides: dict[int, set[str]] = defaultdict(set)
    rows = Evaluation.objects.filter(placement__in=[p.pk for p in placements]).values_list(
        "placement_id", "side"
    )
    for placement_id, side in rows:
        sides[placement_id].add(side)
    liaisons = defaultdict(list)
    for user in (
        users_with_role(Role.LIAISON)
        .filter(profile__enterprise_id__in={p.enterprise_id for p in placements})
        .select_related("profile")
        .order_by("pk")
    ):
        liaisons[user.profile.enterprise_id].append(user)
    both = {Evaluation.Side.SCHOOL, Evaluation.Side.ENTERPRISE}
    for placement in placements:
        done = sides.get(placement.pk, set())
        if both <= done:
            continue
        label = _placement_label(placement)
        subject = format_lazy(_("Evaluation missing: {placement}"), placement=label)
        body = format_lazy(
            _("{placement} ended on {ends}; please enter your evaluation."),
            placement=label,
            ends=placement.ends_on.isoformat(),
        )
        url = url_for("internships:placement-detail", placement.pk)
        recipients = []
        if Evaluation.Side.SCHOOL not in done and is_active(placement.supervisor):
            recipients.append(placement.supervisor)
        if Evaluation.Side.ENTERPRISE not in done:
            recipients += liaisons.get(placement.enterprise_id, [])
        for user in recipients:
            yield Due(user, placement, "ended-7d", subject, body, url)


def find_pay_missing(today: dt.date) -> Iterator[Due]:
    """Active post internships without a pay record for last month, from the
    ``INTERNSHIP_PAY_REMINDER_DAY`` of this month (Art. 18: paid at least
    monthly): to the enterprise's liaisons and the supervisor."""
    from django.conf import settings

    from internships.models import PayRecord

    if today.day < settings.INTERNSHIP_PAY_REMINDER_DAY:
        return
    month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    recorded = PayRecord.objects.filter(month=month).values("placement_id")
    placements = list(
        Placement.objects.filter(
            status__in=[Placement.Status.ACTIVE, Placement.Status.COMPLETED],
            position__kind="post",
            starts_on__lt=today.replace(day=1),
            ends_on__gte=month,
        )
        .exclude(pk__in=recorded)
        .select_related("student", "position", "enterprise", "supervisor")
        .order_by("pk")
    )
    if not placements:
        return
    liaisons = defaultdict(list)
    for user in (
        users_with_role(Role.LIAISON)
        .filter(profile__enterprise_id__in={p.enterprise_id for p in placements})
        .select_related("profile")
        .order_by("pk")
    ):
        liaisons[user.profile.enterprise_id].append(user)
    stage = month.strftime("%Y-%m")
    for placement in placements:
        label = _placement_label(placement)
        subject = format_lazy(
            _("Pay for {month} not recorded: {placement}"), month=stage, placement=label
        )
        body = format_lazy(
            _(
                "No pay is recorded for {month} for {placement}. Interns are paid at least "
                "monthly, directly to them; record the payment."
            ),
            month=stage,
            placement=label,
        )
        url = url_for("internships:placement-detail", placement.pk)
        recipients = list(liaisons.get(placement.enterprise_id, []))
        if is_active(placement.supervisor):
            recipients.append(placement.supervisor)
        for user in recipients:
            yield Due(user, placement, f"pay-{stage}", subject, body, url)


KINDS = [
    ReminderKind(
        "pay_missing",
        _("Monthly pay not recorded"),
        Placement,
        find_pay_missing,
    ),
    ReminderKind(
        "placement_unprepared",
        _("Placement starting without insurance or agreement"),
        Placement,
        find_placements_unprepared,
    ),
    ReminderKind(
        "placement_unevaluated",
        _("Placement ended without evaluation"),
        Placement,
        find_placements_unevaluated,
    ),
]

# Sent at once when an incident is logged.
IMMEDIATE_KINDS = {"placement_incident": _("Incident reported during a placement")}
