"""Every write to internships goes through a function here.

The internship policy (internships/policy.py) decides what is allowed; these
functions lock the rows its counts depend on, ask it, and write.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Role, enterprise_id_of, is_staff_member, role_of
from accounts.selectors import administrators
from common.exceptions import RuleError
from internships import policy as rules
from internships.models import Attendance, Evaluation, Placement, PlacementLog, Position, Student
from notifications.services import notification_send
from partnerships.models import Enterprise

# -- students -----------------------------------------------------------------

STUDENT_FIELDS = ("student_number", "name", "major", "cohort", "date_of_birth")


def _clean_student(values: dict[str, Any], *, instance: Student | None = None) -> dict:
    values = {k: v for k, v in values.items() if k in STUDENT_FIELDS}
    if "student_number" in values:
        number = (values["student_number"] or "").strip()
        if not number:
            raise RuleError(
                "student_number_required", _("A student number is needed."), field="student_number"
            )
        same = Student.objects.filter(student_number=number)
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            raise RuleError(
                "student_number_taken",
                _("Another student already has this student number."),
                field="student_number",
            )
        values["student_number"] = number
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
        if not values["name"]:
            raise RuleError("name_required", _("A student needs a name."), field="name")
    if "date_of_birth" in values and values["date_of_birth"] >= timezone.localdate():
        raise RuleError(
            "date_of_birth_invalid",
            _("The date of birth must be in the past."),
            field="date_of_birth",
        )
    return values


@transaction.atomic
def student_create(**fields: Any) -> Student:
    values = _clean_student(fields)
    return Student.objects.create(**values)


@transaction.atomic
def student_update(*, student: Student, **fields: Any) -> Student:
    student = Student.objects.select_for_update().get(pk=student.pk)
    for key, value in _clean_student(fields, instance=student).items():
        setattr(student, key, value)
    student.save()
    return student


# -- positions ----------------------------------------------------------------

POSITION_FIELDS = (
    "enterprise",
    "title",
    "kind",
    "capacity",
    "starts_on",
    "ends_on",
    "daily_hours",
    "night_shift",
    "exception_filing",
    "monthly_pay",
    "post_wage",
    "post_headcount",
)


def _check_position(position: Position) -> None:
    if position.ends_on < position.starts_on:
        raise RuleError(
            "dates_invalid", _("The end date must not be before the start date."), field="ends_on"
        )
    failures = rules.current_policy().position_failures(position)
    if failures:
        first = failures[0]
        raise first.error(field=rules.POSITION_FIELD.get(first.code))


def _position_enterprise(values: dict[str, Any], actor: User | None) -> dict[str, Any]:
    """A liaison's positions are their own enterprise's, and only theirs.

    Naming no enterprise means their own; naming another one is refused, not
    quietly replaced, so the caller learns that the request was wrong.
    """
    if actor is None or role_of(actor) != Role.LIAISON:
        return values
    enterprise_id = enterprise_id_of(actor)
    named = values.get("enterprise")
    if named is not None and named.pk != enterprise_id:
        raise RuleError(
            "enterprise_not_yours",
            _("You may only offer positions of your own enterprise."),
            field="enterprise",
        )
    if enterprise_id is None:
        raise RuleError(
            "enterprise_not_yours",
            _("Your account is not linked to an enterprise."),
            field="enterprise",
        )
    return {**values, "enterprise": Enterprise.objects.get(pk=enterprise_id)}


@transaction.atomic
def position_create(*, actor: User | None = None, **fields: Any) -> Position:
    values = {k: v for k, v in fields.items() if k in POSITION_FIELDS}
    values = _position_enterprise(values, actor)
    if values.get("enterprise") is None:
        raise RuleError(
            "enterprise_required", _("Name the enterprise of the position."), field="enterprise"
        )
    position = Position(**values)
    _check_position(position)
    position.save()
    return position


@transaction.atomic
def position_update(*, position: Position, actor: User | None = None, **fields: Any) -> Position:
    # Locked so that a capacity cut cannot race a placement being created.
    position = Position.objects.select_for_update().get(pk=position.pk)
    values = {k: v for k, v in fields.items() if k in POSITION_FIELDS}
    values = _position_enterprise(values, actor)
    enterprise = values.get("enterprise")
    if enterprise is not None and enterprise.pk != position.enterprise_id:
        if position.placements.exists():
            raise RuleError(
                "position_has_placements",
                _("A position with placements cannot move to another enterprise."),
                field="enterprise",
            )
    for key, value in values.items():
        setattr(position, key, value)
    _check_position(position)
    placed = position.placements.current().count()
    if position.capacity < placed:
        raise RuleError(
            "capacity_below_placements",
            _("%(n)d students are already placed here; the capacity cannot be lower.")
            % {"n": placed},
            field="capacity",
        )
    position.save()
    return position


@transaction.atomic
def position_close(*, position: Position) -> Position:
    """A closed position takes no new placements; existing ones go on."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    if position.is_open:
        position.is_open = False
        position.save(update_fields=["is_open", "updated_at"])
    return position


# -- placements ---------------------------------------------------------------

PLACEMENT_FIELDS = (
    "student",
    "position",
    "supervisor",
    "mentor_name",
    "starts_on",
    "ends_on",
    "agreement_signed",
    "guardian_consent",
    "insurance_policy",
    "insurance_expires_on",
    "hired",
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
RULE_FIELDS = {"student", "position", "starts_on", "ends_on"}


def _lock_counted_rows(
    student: Student, position: Position
) -> tuple[Student, Position, Enterprise]:
    """Lock, in a fixed order, the rows the counts depend on.

    The Student row serialises two placements of one student; the Position
    row serialises its capacity and the 20 % post share; the Enterprise row
    its 10 % share across positions. The order (student, position,
    enterprise) is the same everywhere, so two requests cannot deadlock.
    """
    student = Student.objects.select_for_update().get(pk=student.pk)
    position = Position.objects.select_for_update().get(pk=position.pk)
    if position.kind == Position.Kind.POST:
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
) -> Placement:
    """A planned placement, refused with its rule code when any rule fails."""
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
        starts_on=starts_on,
        ends_on=ends_on,
        agreement_signed=agreement_signed,
        guardian_consent=guardian_consent,
        insurance_policy=insurance_policy,
        insurance_expires_on=insurance_expires_on,
    )
    policy, student, position, _enterprise = _check_rules(placement, exclude_pk=None)
    placement.student, placement.position = student, position
    placement.warnings = policy.warnings(position=position, starts_on=starts_on, ends_on=ends_on)
    placement.save()
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
    placement.save(update_fields=["status", "updated_at"])
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


# -- attendance ---------------------------------------------------------------


def _check_attendance_day(placement: Placement, day: datetime.date, status: str) -> None:
    if placement.status == Placement.Status.PLANNED:
        raise RuleError(
            "placement_not_started",
            _("Attendance is recorded once the placement is active."),
            field="placement",
        )
    if not placement.starts_on <= day <= placement.ends_on:
        raise RuleError(
            "attendance_outside_dates",
            _("%(day)s is outside the placement's dates (%(start)s to %(end)s).")
            % {"day": day, "start": placement.starts_on, "end": placement.ends_on},
            field="date",
        )
    if status not in Attendance.Status.values:
        raise RuleError(
            "attendance_status_invalid", _("Unknown attendance status."), field="status"
        )


@transaction.atomic
def attendance_record(
    *, placement: Placement, date: datetime.date, status: str, actor: User | None = None
) -> Attendance:
    """One day of one placement; a day already recorded is refused."""
    _check_attendance_day(placement, date, status)
    if Attendance.objects.filter(placement=placement, date=date).exists():
        raise RuleError(
            "attendance_duplicate",
            _("Attendance for %(day)s is already recorded.") % {"day": date},
            field="date",
        )
    # The unique constraint settles a race between two identical requests.
    return Attendance.objects.create(
        placement=placement, date=date, status=status, recorded_by=actor
    )


@transaction.atomic
def attendance_update(
    *, attendance: Attendance, actor: User | None = None, **fields: Any
) -> Attendance:
    attendance = (
        Attendance.objects.select_for_update().select_related("placement").get(pk=attendance.pk)
    )
    day = fields.get("date", attendance.date)
    status = fields.get("status", attendance.status)
    placement = fields.get("placement", attendance.placement)
    _check_attendance_day(placement, day, status)
    if Attendance.objects.filter(placement=placement, date=day).exclude(pk=attendance.pk).exists():
        raise RuleError(
            "attendance_duplicate",
            _("Attendance for %(day)s is already recorded.") % {"day": day},
            field="date",
        )
    attendance.placement, attendance.date, attendance.status = placement, day, status
    attendance.recorded_by = actor or attendance.recorded_by
    attendance.save()
    return attendance


@transaction.atomic
def attendance_record_week(
    *,
    placement: Placement,
    statuses: dict[datetime.date, str],
    actor: User | None = None,
) -> list[Attendance]:
    """Several days of one placement at once (the portal's weekly sheet).

    All or nothing: every day is checked before any is written. A day already
    recorded is overwritten, so the sheet can be corrected and saved again.
    """
    for day, status in statuses.items():
        _check_attendance_day(placement, day, status)
    existing = {
        row.date: row
        for row in Attendance.objects.select_for_update().filter(
            placement=placement, date__in=list(statuses)
        )
    }
    saved, new = [], []
    for day, status in sorted(statuses.items()):
        row = existing.get(day)
        if row is None:
            new.append(Attendance(placement=placement, date=day, status=status, recorded_by=actor))
        elif row.status != status:
            row.status, row.recorded_by = status, actor
            row.save(update_fields=["status", "recorded_by", "updated_at"])
            saved.append(row)
        else:
            saved.append(row)
    saved += Attendance.objects.bulk_create(new)
    return sorted(saved, key=lambda r: r.date)


# -- logs ---------------------------------------------------------------------


def _notify_incident(log: PlacementLog) -> None:
    placement = Placement.objects.select_related("student", "supervisor", "enterprise").get(
        pk=log.placement_id
    )
    recipients = [placement.supervisor, *administrators()]
    notification_send(
        recipients=[u for u in recipients if u is not None and u.pk != log.author_id],
        kind="placement_incident",
        subject=_("Incident at %(enterprise)s: %(student)s")
        % {"enterprise": placement.enterprise.name, "student": placement.student.name},
        body=log.text,
        obj=placement,
        url=reverse("internships:placement-detail", args=[placement.pk]),
    )


def _check_log_kind(kind: str, author: User | None) -> None:
    if kind not in PlacementLog.Kind.values:
        raise RuleError("log_kind_invalid", _("Unknown kind of log."), field="kind")
    # A supervision visit is the school's record of its own visit.
    if (
        kind == PlacementLog.Kind.VISIT
        and author is not None
        and role_of(author) not in (Role.TEACHER, Role.ADMINISTRATOR)
    ):
        raise RuleError(
            "visit_not_allowed",
            _("Only teachers and administrators record supervision visits."),
            field="kind",
        )


def _check_log_author(log: PlacementLog, actor: User | None) -> None:
    """A log is its author's word: only they, or an administrator, change it."""
    if actor is None or role_of(actor) == Role.ADMINISTRATOR:
        return
    if log.author_id is None or log.author_id != actor.pk:
        raise RuleError(
            "log_not_author",
            _("Only the author of a log or an administrator may change it."),
            status=403,
        )


def _lock_log(log: PlacementLog) -> PlacementLog:
    return PlacementLog.objects.select_for_update().get(pk=log.pk)


@transaction.atomic
def placement_log_create(
    *,
    placement: Placement,
    kind: str,
    date: datetime.date,
    text: str,
    author: User | None = None,
) -> PlacementLog:
    """A weekly report, a supervision visit or an incident.

    An incident notifies the supervisor and the administrators at once, after
    the commit, so a rolled-back log notifies nobody.
    """
    text = (text or "").strip()
    if not text:
        raise RuleError("text_required", _("Write what happened."), field="text")
    _check_log_kind(kind, author)
    log = PlacementLog.objects.create(
        placement=placement, kind=kind, date=date, text=text, author=author
    )
    if kind == PlacementLog.Kind.INCIDENT:
        transaction.on_commit(lambda: _notify_incident(log))
    return log


@transaction.atomic
def placement_log_update(
    *, log: PlacementLog, actor: User | None = None, **fields: Any
) -> PlacementLog:
    log = _lock_log(log)
    _check_log_author(log, actor)
    for key in ("kind", "date", "text"):
        if key in fields:
            setattr(log, key, fields[key])
    log.text = (log.text or "").strip()
    if not log.text:
        raise RuleError("text_required", _("Write what happened."), field="text")
    if "kind" in fields:
        _check_log_kind(log.kind, actor)
    log.save()
    return log


# -- evaluations --------------------------------------------------------------

SIDE_OF_ROLE = {Role.LIAISON: Evaluation.Side.ENTERPRISE, Role.TEACHER: Evaluation.Side.SCHOOL}


def _clean_scores(scores: dict) -> dict[str, int]:
    if not isinstance(scores, dict) or set(scores) != set(Evaluation.CRITERIA):
        raise RuleError(
            "scores_invalid",
            _("Give a score for each of: %(names)s.") % {"names": ", ".join(Evaluation.CRITERIA)},
            field="scores",
        )
    clean = {}
    for name in Evaluation.CRITERIA:
        value = scores[name]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise RuleError(
                "scores_invalid",
                _("Each score is a whole number from 0 to 100 (%(name)s).") % {"name": name},
                field="scores",
            )
        clean[name] = value
    return clean


@transaction.atomic
def evaluation_save(
    *,
    placement: Placement,
    side: str,
    scores: dict,
    comment: str = "",
    author: User | None = None,
    evaluation: Evaluation | None = None,
) -> Evaluation:
    """Create or replace one side's evaluation of a placement.

    The liaison writes the enterprise side, the supervising teacher the
    school side; administrators either.
    """
    role = role_of(author) if author is not None else Role.ADMINISTRATOR
    if role != Role.ADMINISTRATOR and SIDE_OF_ROLE.get(role) != side:
        raise RuleError(
            "evaluation_side_not_allowed",
            _("You may only write the %(side)s side's evaluation.")
            % {"side": SIDE_OF_ROLE[role].label if role in SIDE_OF_ROLE else "-"},
            field="side",
            status=403,
        )
    if (role == Role.TEACHER and placement.supervisor_id != author.pk) or (
        role == Role.LIAISON and enterprise_id_of(author) != placement.enterprise_id
    ):
        raise RuleError(
            "evaluation_side_not_allowed",
            _("Only the supervising teacher and the enterprise's liaison evaluate a placement."),
            field="placement",
            status=403,
        )
    if side not in Evaluation.Side.values:
        raise RuleError("side_invalid", _("Unknown side."), field="side")
    if placement.status == Placement.Status.PLANNED:
        raise RuleError(
            "placement_not_started",
            _("A placement is evaluated once it has started."),
            field="placement",
        )
    clean = _clean_scores(scores)
    # Locking the placement serialises two first evaluations of one side.
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    same = Evaluation.objects.filter(placement=placement, side=side)
    if evaluation is None:
        if same.exists():
            raise RuleError(
                "evaluation_exists",
                _("This side has already evaluated this placement; edit that evaluation."),
                field="side",
            )
        evaluation = Evaluation(placement=placement, side=side)
    elif same.exclude(pk=evaluation.pk).exists():
        raise RuleError(
            "evaluation_exists",
            _("This side has already evaluated this placement; edit that evaluation."),
            field="side",
        )
    evaluation.placement, evaluation.side = placement, side
    for name, value in clean.items():
        setattr(evaluation, name, value)
    evaluation.comment = comment or ""
    evaluation.author = author
    evaluation.save()
    return evaluation


# -- deletions ------------------------------------------------------------------
# Rows that others refer to are protected by the database (a 409 in the API).


@transaction.atomic
def attendance_delete(*, attendance: Attendance) -> None:
    attendance.delete()


@transaction.atomic
def placement_log_delete(*, log: PlacementLog, actor: User | None = None) -> None:
    log = _lock_log(log)
    _check_log_author(log, actor)
    log.delete()


@transaction.atomic
def evaluation_delete(*, evaluation: Evaluation) -> None:
    evaluation.delete()


@transaction.atomic
def student_delete(*, student: Student) -> None:
    student.delete()


@transaction.atomic
def position_delete(*, position: Position) -> None:
    position.delete()
