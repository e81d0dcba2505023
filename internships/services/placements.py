"""Placements under the internship rules.

The internship policy (internships/policy.py) decides what is allowed; these
functions lock the rows its counts depend on, ask it, and write.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Role, is_staff_member, role_of
from common.exceptions import RuleError
from internships import hooks
from internships import policy as rules
from internships.models import InternshipPlan, Placement, Position, RuleOverride, Student
from partnerships.models import Enterprise

from .plans import plan_default

PLACEMENT_FIELDS = (
    "student",
    "position",
    "supervisor",
    "mentor_name",
    "plan",
    "starts_on",
    "ends_on",
    "agreement_signed",
    "guardian_consent",
    "insurance_policy",
    "insurance_expires_on",
    "hired",
    "destination",
)
# What each role may change on a placement it can see (administrators: all).
EDITABLE_BY = {
    Role.TEACHER: {
        "mentor_name",
        "agreement_signed",
        "guardian_consent",
        "insurance_policy",
        "insurance_expires_on",
        "hired",
    },
    Role.LIAISON: {"mentor_name", "hired"},
}
# What an enterprise liaison is not told of a placement: the student's
# insurance, whether a guardian had to consent (which gives away a minor) and
# who supervises at school. A liaison who sends one of them is refused even
# when the value matches, so the answer tells nothing of the stored one.
LIAISON_HIDDEN_FIELDS = (
    "supervisor",
    "guardian_consent",
    "insurance_policy",
    "insurance_expires_on",
)
RULE_FIELDS = {"student", "position", "starts_on", "ends_on"}


def _lock_counted_rows(
    student: Student, position: Position
) -> tuple[Student, Position, Enterprise]:
    """Lock, in a fixed order, the rows the counts depend on.

    The Student row serialises two placements of one student; the Position
    row serialises its capacity and the 20 % post share; the Enterprise row
    its 10 % share across positions (follow-post and post internships
    alike). The order (student, position, enterprise) is the same everywhere,
    so two requests cannot deadlock.
    """
    student = Student.objects.select_for_update().get(pk=student.pk)
    position = Position.objects.select_for_update().get(pk=position.pk)
    if position.kind in rules.POSTED_KINDS:
        enterprise = Enterprise.objects.select_for_update().get(pk=position.enterprise_id)
    else:
        enterprise = Enterprise.objects.get(pk=position.enterprise_id)
    return student, position, enterprise


def _check_supervisor(supervisor: User | None) -> None:
    if supervisor is not None and not is_staff_member(supervisor):
        raise RuleError(
            "supervisor_not_teacher",
            _("The school supervisor must be a teacher."),
            field="supervisor",
        )


def _check_dates(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on:
        raise RuleError(
            "dates_invalid", _("The end date must not be before the start date."), field="ends_on"
        )


def _raise_first(failures: list[rules.Failure]) -> None:
    if failures:
        first = failures[0]
        raise first.error(field=rules.PLACEMENT_FIELD.get(first.code))


def _overridden(placement_pk: int | None) -> frozenset[str]:
    if placement_pk is None:
        return frozenset()
    return frozenset(
        RuleOverride.objects.filter(placement_id=placement_pk).values_list("rule", flat=True)
    )


def _check_rules(placement: Placement, *, exclude_pk: int | None) -> tuple:
    student, position, enterprise = _lock_counted_rows(placement.student, placement.position)
    policy = rules.current_policy()
    _raise_first(
        policy.placement_failures(
            student=student,
            position=position,
            enterprise=enterprise,
            starts_on=placement.starts_on,
            ends_on=placement.ends_on,
            exclude_pk=exclude_pk,
            overridden=_overridden(exclude_pk),
        )
    )
    return policy, student, position, enterprise


@transaction.atomic
def placement_create(
    *,
    student: Student,
    position: Position,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    supervisor: User | None = None,
    mentor_name: str = "",
    agreement_signed: bool = False,
    guardian_consent: bool = False,
    insurance_policy: str = "",
    insurance_expires_on: datetime.date | None = None,
    hired: str = Placement.Hired.UNKNOWN,
    destination: str = "local",
    plan: InternshipPlan | None = None,
) -> Placement:
    """A planned placement, refused with its rule code when any rule fails.

    Without a plan it belongs to the default plan."""
    starts_on = starts_on or position.starts_on
    ends_on = ends_on or position.ends_on
    _check_dates(starts_on, ends_on)
    _check_supervisor(supervisor)
    if not position.is_open:
        raise RuleError(
            "position_closed", _("This position is closed to new placements."), field="position"
        )
    if hired != Placement.Hired.UNKNOWN:
        raise RuleError(
            "placement_not_finished",
            _("The hiring outcome is recorded once the placement has ended."),
            field="hired",
        )
    placement = Placement(
        student=student,
        position=position,
        enterprise_id=position.enterprise_id,
        supervisor=supervisor,
        mentor_name=mentor_name,
        plan=plan or plan_default(),
        starts_on=starts_on,
        ends_on=ends_on,
        agreement_signed=agreement_signed,
        guardian_consent=guardian_consent,
        insurance_policy=insurance_policy,
        insurance_expires_on=insurance_expires_on,
        destination=destination,
    )
    policy, student, position, _enterprise = _check_rules(placement, exclude_pk=None)
    placement.student, placement.position = student, position
    placement.warnings = policy.warnings(position=position, starts_on=starts_on, ends_on=ends_on)
    placement.save()
    hooks.placement_changed(placement, changed={"created"})
    return placement


def _lock_placement(placement: Placement) -> Placement:
    return Placement.objects.select_for_update().select_related("student").get(pk=placement.pk)


@transaction.atomic
def placement_update(
    *, placement: Placement, actor: User | None = None, **fields: Any
) -> Placement:
    placement = _lock_placement(placement)
    values = {k: v for k, v in fields.items() if k in PLACEMENT_FIELDS}
    changed = {k: v for k, v in values.items() if getattr(placement, k) != v}
    role = role_of(actor) if actor is not None else Role.ADMINISTRATOR
    if role == Role.LIAISON:
        for key in LIAISON_HIDDEN_FIELDS:
            if key in fields:
                raise RuleError(
                    "field_not_editable",
                    _("You may not change this field."),
                    field=key,
                    status=403,
                )
    if role != Role.ADMINISTRATOR:
        allowed = EDITABLE_BY.get(role, set())
        for key in changed:
            if key not in allowed:
                raise RuleError(
                    "field_not_editable",
                    _("You may not change this field."),
                    field=key,
                    status=403,
                )
    if "hired" in changed:
        _check_ended(placement)
    ended = placement.status in (Placement.Status.COMPLETED, Placement.Status.TERMINATED)
    if ended and set(changed) - {"hired", "mentor_name"}:
        raise RuleError(
            "placement_ended",
            _("An ended placement can only have its hiring outcome recorded."),
        )
    if {"student", "position"} & set(changed) and placement.status != Placement.Status.PLANNED:
        raise RuleError(
            "placement_not_planned",
            _("The student and position can only change while the placement is planned."),
        )
    if "supervisor" in changed:
        _check_supervisor(changed["supervisor"])
    if "destination" in changed:
        # A new destination needs its own approval.
        placement.destination_approved_by = None
        placement.destination_approved_on = None
    for key, value in changed.items():
        setattr(placement, key, value)
    if "position" in changed:
        placement.enterprise_id = placement.position.enterprise_id
        if not placement.position.is_open:
            raise RuleError(
                "position_closed", _("This position is closed to new placements."), field="position"
            )
    _check_dates(placement.starts_on, placement.ends_on)
    if RULE_FIELDS & set(changed):
        policy, *_rows = _check_rules(placement, exclude_pk=placement.pk)
        placement.warnings = policy.warnings(
            position=placement.position, starts_on=placement.starts_on, ends_on=placement.ends_on
        )
    if placement.status == Placement.Status.ACTIVE:
        # An active placement keeps what its activation required.
        _raise_first(rules.current_policy().activation_failures(placement))
    placement.save()
    if changed:
        hooks.placement_changed(placement, changed=set(changed), actor=actor)
    return placement


@transaction.atomic
def placement_activate(*, placement: Placement) -> Placement:
    """planned -> active, once every rule holds again and the paperwork is done."""
    placement = _lock_placement(placement)
    if placement.status != Placement.Status.PLANNED:
        raise RuleError("placement_not_planned", _("Only a planned placement can be activated."))
    policy, student, position, _enterprise = _check_rules(placement, exclude_pk=placement.pk)
    placement.student = student
    _raise_first(policy.activation_failures(placement))
    placement.status = Placement.Status.ACTIVE
    placement.warnings = policy.warnings(
        position=position, starts_on=placement.starts_on, ends_on=placement.ends_on
    )
    placement.save(update_fields=["status", "warnings", "updated_at"])
    return placement


@transaction.atomic
def placement_complete(*, placement: Placement) -> Placement:
    placement = _lock_placement(placement)
    if placement.status != Placement.Status.ACTIVE:
        raise RuleError("placement_not_active", _("Only an active placement can be completed."))
    placement.status = Placement.Status.COMPLETED
    fields = ["status", "updated_at"]
    today = timezone.localdate()
    if placement.starts_on <= today < placement.ends_on:
        # Completed early: the internship ended today. Its workdays, hours and
        # grade stop here rather than count the days after as missed.
        placement.ends_on = today
        fields.append("ends_on")
    placement.save(update_fields=fields)
    return placement


@transaction.atomic
def placement_terminate(*, placement: Placement, reason: str) -> Placement:
    placement = _lock_placement(placement)
    if placement.status not in (Placement.Status.PLANNED, Placement.Status.ACTIVE):
        raise RuleError(
            "placement_ended", _("Only a planned or active placement can be terminated.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise RuleError(
            "reason_required", _("Give the reason for the termination."), field="reason"
        )
    placement.status = Placement.Status.TERMINATED
    placement.termination_reason = reason
    placement.save(update_fields=["status", "termination_reason", "updated_at"])
    return placement


def _check_ended(placement: Placement) -> None:
    if placement.status not in (Placement.Status.COMPLETED, Placement.Status.TERMINATED):
        raise RuleError(
            "placement_not_finished",
            _("The hiring outcome is recorded once the placement has ended."),
            field="hired",
        )


@transaction.atomic
def placement_set_hired(*, placement: Placement, hired: str) -> Placement:
    placement = _lock_placement(placement)
    _check_ended(placement)
    if hired not in Placement.Hired.values:
        raise RuleError("hired_invalid", _("Unknown hiring outcome."), field="hired")
    placement.hired = hired
    placement.save(update_fields=["hired", "updated_at"])
    return placement


@transaction.atomic
def placement_override(*, placement: Placement, rule: str, reason: str, actor: User) -> Placement:
    """An administrator overrides one of the "generally" rules (the two shares)
    for this placement, with the reason; audited and listed in reports."""
    placement = _lock_placement(placement)
    if role_of(actor) != Role.ADMINISTRATOR:
        raise RuleError(
            "override_not_allowed", _("Only an administrator may override a rule."), status=403
        )
    if rule not in rules.OVERRIDABLE:
        raise RuleError(
            "rule_not_overridable",
            _("Only the rules on the shares of interns (post and enterprise) can be overridden."),
            field="rule",
        )
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("reason_required", _("Give the reason for the override."), field="reason")
    if placement.status not in (Placement.Status.PLANNED, Placement.Status.ACTIVE):
        raise RuleError("placement_ended", _("An ended placement needs no override."))
    RuleOverride.objects.update_or_create(
        placement=placement, rule=rule, defaults={"reason": reason, "decided_by": actor}
    )
    return placement


@transaction.atomic
def placement_approve_destination(*, placement: Placement, actor: User) -> Placement:
    """The approval step of a placement in another province or abroad."""
    placement = _lock_placement(placement)
    if placement.destination == "local":
        raise RuleError(
            "destination_local",
            _("Only a placement in another province or abroad needs this approval."),
            field="destination",
        )
    if placement.destination_approved_on is None:
        placement.destination_approved_by = actor
        placement.destination_approved_on = timezone.localdate()
        placement.save(
            update_fields=["destination_approved_by", "destination_approved_on", "updated_at"]
        )
    return placement
