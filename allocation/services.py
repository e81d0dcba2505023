"""Every write of an allocation round goes through a function here.

A round moves draft -> open -> closed -> previewed -> published. Students
rank positions while it is open; liaisons decide on their applicants; the run
builds the solver's Problem from the database (every student-level rule
through ``internships.policy``, places and shares by the policy's own
counts), stores the preview, and publishing creates every placement through
the placement service, all or nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Role, enterprise_id_of, role_of, student_id_of
from allocation import solver
from allocation.models import (
    MAX_CHOICES_LIMIT,
    Adjustment,
    AllocationRound,
    Application,
    SelfFoundInternship,
)
from common.exceptions import RuleError
from internships import policy as rules
from internships.models import InternshipPlan, Placement, Position, Student
from partnerships.models import Enterprise, EnterpriseVetting

ROUND_FIELDS = ("name", "opens_at", "closes_at", "max_choices")
# A rule the run reports that is not one of internships/policy.py's codes.
POSITION_CLOSED = "position_closed"


# -- rounds --------------------------------------------------------------------


def _check_window(opens_at: datetime.datetime, closes_at: datetime.datetime) -> None:
    if closes_at <= opens_at:
        raise RuleError("dates_invalid", _("A round must close after it opens."), field="closes_at")


def _check_max_choices(max_choices: int) -> None:
    if not 1 <= max_choices <= MAX_CHOICES_LIMIT:
        raise RuleError(
            "max_choices_invalid",
            _("A student ranks from 1 to %(max)d positions.") % {"max": MAX_CHOICES_LIMIT},
            field="max_choices",
        )


def _check_positions(positions, *, plan: InternshipPlan) -> None:
    """Only open positions at enterprises with a vetting valid when they start."""
    policy = rules.current_policy()
    for position in positions:
        if not position.is_open:
            raise RuleError(
                POSITION_CLOSED,
                _("%(position)s is closed to new placements.") % {"position": position},
                field="positions",
            )
        failures = policy.vetting_failures(
            enterprise=position.enterprise, starts_on=position.starts_on
        )
        if failures:
            raise RuleError(
                failures[0].code,
                _("%(position)s: %(message)s")
                % {"position": position, "message": failures[0].message},
                field="positions",
                article=rules.ARTICLES.get(failures[0].code, ""),
            )


def _check_editable(round_: AllocationRound) -> None:
    if round_.status in (AllocationRound.Status.PREVIEWED, AllocationRound.Status.PUBLISHED):
        raise RuleError(
            "round_not_editable",
            _("A round that has been run or published can no longer be changed."),
            status=409,
        )


@transaction.atomic
def round_create(
    *,
    plan: InternshipPlan,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    positions=(),
    max_choices: int = 5,
    name: str = "",
    students=(),
    previous: AllocationRound | None = None,
    actor: User | None = None,
) -> AllocationRound:
    _check_window(opens_at, closes_at)
    _check_max_choices(max_choices)
    positions = list(positions)
    _check_positions(positions, plan=plan)
    round_ = AllocationRound.objects.create(
        plan=plan,
        name=name,
        opens_at=opens_at,
        closes_at=closes_at,
        max_choices=max_choices,
        previous=previous,
        created_by=actor,
    )
    round_.positions.set(positions)
    if students:
        round_.students.set(students)
    return round_


@transaction.atomic
def round_update(*, round_: AllocationRound, positions=None, **fields) -> AllocationRound:
    round_ = AllocationRound.objects.select_for_update().get(pk=round_.pk)
    _check_editable(round_)
    for key in ROUND_FIELDS:
        if key in fields:
            setattr(round_, key, fields[key])
    if "plan" in fields and fields["plan"] != round_.plan:
        if round_.status != AllocationRound.Status.DRAFT:
            raise RuleError(
                "round_not_editable",
                _("The plan of a round can change only while it is a draft."),
                field="plan",
                status=409,
            )
        round_.plan = fields["plan"]
    _check_window(round_.opens_at, round_.closes_at)
    _check_max_choices(round_.max_choices)
    if round_.applications.filter(rank__gt=round_.max_choices).exists():
        raise RuleError(
            "too_many_choices",
            _("Students have already ranked more positions than that."),
            field="max_choices",
        )
    round_.save()
    if positions is not None:
        positions = list(positions)
        _check_positions(positions, plan=round_.plan)
        round_.positions.set(positions)
        round_.applications.exclude(position__in=positions).delete()
    return round_


@transaction.atomic
def round_delete(*, round_: AllocationRound) -> None:
    round_ = AllocationRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status != AllocationRound.Status.DRAFT:
        raise RuleError("round_not_editable", _("Only a draft round can be deleted."), status=409)
    round_.delete()


def _lock(round_: AllocationRound) -> AllocationRound:
    return AllocationRound.objects.select_for_update().get(pk=round_.pk)


def _refuse_published(round_: AllocationRound) -> None:
    if round_.status == AllocationRound.Status.PUBLISHED:
        raise RuleError("round_published", _("This round has already been published."), status=409)


@transaction.atomic
def round_open(*, round_: AllocationRound) -> AllocationRound:
    round_ = _lock(round_)
    _refuse_published(round_)
    if round_.status != AllocationRound.Status.DRAFT:
        raise RuleError("round_not_draft", _("Only a draft round can be opened."), status=409)
    if not round_.positions.exists():
        raise RuleError(
            "round_no_positions", _("Offer at least one position first."), field="positions"
        )
    _check_positions(round_.positions.select_related("enterprise"), plan=round_.plan)
    round_.status = AllocationRound.Status.OPEN
    round_.save(update_fields=["status", "updated_at"])
    return round_


@transaction.atomic
def round_close(*, round_: AllocationRound) -> AllocationRound:
    round_ = _lock(round_)
    _refuse_published(round_)
    if round_.status != AllocationRound.Status.OPEN:
        raise RuleError("round_not_open", _("Only an open round can be closed."), status=409)
    round_.status = AllocationRound.Status.CLOSED
    round_.save(update_fields=["status", "updated_at"])
    return round_


# -- who takes part ------------------------------------------------------------


def round_students(round_: AllocationRound):
    """The students of a round: those listed on it (a second round), else the
    students of the plan's majors and cohort."""
    listed = round_.students.all()
    if round_.pk and listed.exists():
        return listed
    qs = Student.objects.all()
    majors = list(round_.plan.majors.values_list("pk", flat=True))
    if majors:
        qs = qs.filter(major_id__in=majors)
    if round_.plan.cohort:
        qs = qs.filter(cohort=round_.plan.cohort)
    return qs


def _is_round_student(round_: AllocationRound, student: Student) -> bool:
    return round_students(round_).filter(pk=student.pk).exists()


def rounds_open_to(student: Student):
    """The rounds a student may rank in now or has ranked in."""
    ids = [
        r.pk
        for r in AllocationRound.objects.exclude(status=AllocationRound.Status.DRAFT)
        .select_related("plan")
        .order_by("-opens_at")
        if _is_round_student(r, student) or r.applications.filter(student=student).exists()
    ]
    return AllocationRound.objects.filter(pk__in=ids).select_related("plan")


# -- applications --------------------------------------------------------------


def _check_ranking_open(round_: AllocationRound) -> None:
    now = timezone.now()
    if round_.status == AllocationRound.Status.DRAFT or now < round_.opens_at:
        raise RuleError("round_not_open", _("This round is not open for ranking yet."), status=409)
    if round_.status != AllocationRound.Status.OPEN or now >= round_.closes_at:
        raise RuleError("round_closed", _("This round is closed for ranking."), status=409)


def _check_choice(round_: AllocationRound, student: Student, position: Position, rank: int):
    if not round_.positions.filter(pk=position.pk).exists():
        raise RuleError(
            "position_not_in_round",
            _("This position is not offered in this round."),
            field="position",
        )
    if not 1 <= rank <= round_.max_choices:
        raise RuleError(
            "too_many_choices",
            _("A student ranks at most %(max)d positions in this round.")
            % {"max": round_.max_choices},
            field="rank",
        )
    if not _is_round_student(round_, student):
        raise RuleError(
            "student_not_in_round",
            _("This student does not take part in this round."),
            field="student",
        )


def _save_application(application: Application) -> Application:
    """Save, turning a broken unique constraint (a race of two requests) into its code."""
    round_, student = application.round, application.student
    others = Application.objects.filter(round=round_, student=student).exclude(pk=application.pk)
    if others.filter(position=application.position).exists():
        raise RuleError(
            "position_ranked_twice",
            _("This position is already among the student's choices."),
            field="position",
        )
    if others.filter(rank=application.rank).exists():
        raise RuleError(
            "rank_taken",
            _("The student has already given this rank to another position."),
            field="rank",
        )
    if application.pk is None and others.count() >= round_.max_choices:
        raise RuleError(
            "too_many_choices",
            _("A student ranks at most %(max)d positions in this round.")
            % {"max": round_.max_choices},
            field="rank",
        )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise RuleError(
            "position_ranked_twice",
            _("This position or rank is already among the student's choices."),
            status=409,
        ) from exc
    return application


def _lock_student_round(round_: AllocationRound, student: Student):
    """Serialise one student's ranking in one round (the count of choices)."""
    round_ = AllocationRound.objects.get(pk=round_.pk)
    Student.objects.select_for_update().get(pk=student.pk)
    return round_


@transaction.atomic
def application_create(
    *, round_: AllocationRound, student: Student, position: Position, rank: int, actor=None
) -> Application:
    round_ = _lock_student_round(round_, student)
    _check_ranking_open(round_)
    _check_choice(round_, student, position, rank)
    return _save_application(
        Application(round=round_, student=student, position=position, rank=rank)
    )


@transaction.atomic
def applications_rank(
    *, round_: AllocationRound, student: Student, positions: list[Position]
) -> list[Application]:
    """Replace a student's choices with ``positions`` in order (first = rank 1)."""
    round_ = _lock_student_round(round_, student)
    _check_ranking_open(round_)
    if len(positions) > round_.max_choices:
        raise RuleError(
            "too_many_choices",
            _("A student ranks at most %(max)d positions in this round.")
            % {"max": round_.max_choices},
            field="positions",
        )
    if len({p.pk for p in positions}) != len(positions):
        raise RuleError(
            "position_ranked_twice",
            _("This position is already among the student's choices."),
            field="positions",
        )
    for rank, position in enumerate(positions, start=1):
        _check_choice(round_, student, position, rank)
    Application.objects.filter(round=round_, student=student).delete()
    return [
        Application.objects.create(round=round_, student=student, position=p, rank=rank)
        for rank, p in enumerate(positions, start=1)
    ]


STUDENT_FIELDS = {"position", "rank"}
LIAISON_FIELDS = {"enterprise_decision", "enterprise_rank"}


@transaction.atomic
def application_update(*, application: Application, actor: User, **fields) -> Application:
    """A student changes their choice while the round is open; the enterprise's
    liaison decides on the applicant until the round is run."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    round_ = application.round
    role = role_of(actor)
    changed = {k: v for k, v in fields.items() if getattr(application, k) != v}
    allowed = {
        Role.ADMINISTRATOR: STUDENT_FIELDS | LIAISON_FIELDS,
        Role.STUDENT: STUDENT_FIELDS,
        Role.LIAISON: LIAISON_FIELDS,
    }.get(role, set())
    for key in changed:
        if key not in allowed:
            raise RuleError(
                "field_not_editable", _("You may not change this field."), field=key, status=403
            )
    if STUDENT_FIELDS & set(changed):
        _check_ranking_open(round_)
        _check_choice(
            round_,
            application.student,
            changed.get("position", application.position),
            changed.get("rank", application.rank),
        )
    if LIAISON_FIELDS & set(changed) and round_.status in (
        AllocationRound.Status.PREVIEWED,
        AllocationRound.Status.PUBLISHED,
    ):
        raise RuleError(
            "round_not_editable",
            _("The decisions are final once the round has been run."),
            status=409,
        )
    for key, value in changed.items():
        setattr(application, key, value)
    if "position" in changed or "rank" in changed:
        return _save_application(application)
    application.save()
    return application


@transaction.atomic
def application_delete(*, application: Application, actor: User) -> None:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_ranking_open(application.round)
    application.delete()


def application_decide(
    *, application: Application, actor: User, decision: str, enterprise_rank=None
) -> Application:
    fields = {"enterprise_decision": decision}
    if enterprise_rank is not None:
        fields["enterprise_rank"] = enterprise_rank
    return application_update(application=application, actor=actor, **fields)


# -- adjustments -----------------------------------------------------------------


@transaction.atomic
def adjustment_set(
    *, round_: AllocationRound, student: Student, position: Position, kind: str
) -> Adjustment:
    """Pin a student to a position, or exclude the pair, for the next run."""
    round_ = _lock(round_)
    _refuse_published(round_)
    if not round_.positions.filter(pk=position.pk).exists():
        raise RuleError(
            "position_not_in_round",
            _("This position is not offered in this round."),
            field="position",
        )
    if kind not in Adjustment.Kind.values:
        raise RuleError("adjustment_invalid", _("Pin or exclude."), field="kind")
    if not _is_round_student(round_, student):
        # The run only sees the round's students: a pin of another one would be dropped.
        raise RuleError(
            "student_not_in_round",
            _("This student does not take part in this round."),
            field="student",
        )
    if kind == Adjustment.Kind.PIN:
        Adjustment.objects.filter(round=round_, student=student, kind=kind).delete()
    adjustment, _created = Adjustment.objects.update_or_create(
        round=round_, student=student, position=position, defaults={"kind": kind}
    )
    return adjustment


@transaction.atomic
def adjustment_remove(*, adjustment: Adjustment) -> None:
    _refuse_published(adjustment.round)
    adjustment.delete()


# -- the run -------------------------------------------------------------------


def build_problem(round_: AllocationRound) -> tuple[solver.Problem, dict]:
    """The round as the solver's Problem, with every student-level rule
    checked through the internship policy and places counted as it counts them.

    Returns the problem and what the preview needs to name things.
    """
    policy = rules.current_policy()
    positions = list(round_.positions.select_related("enterprise").order_by("pk"))
    students = list(round_students(round_).select_related("major").order_by("pk"))
    applications = list(
        round_.applications.filter(student__in=[s.pk for s in students]).order_by(
            "student_id", "rank"
        )
    )
    student_ids = {s.pk for s in students}
    applicant_ids = {a.student_id for a in applications}
    # The dates every count covers: each position's own.
    current = Placement.objects.current()
    problem_positions = []
    enterprise_counts: dict[int, int] = {}
    enterprises: dict[int, Enterprise] = {}
    for p in positions:
        at_position = current.overlapping(p.starts_on, p.ends_on).filter(position=p).count()
        vacancies, room = policy.places_left(position=p, at_position=at_position)
        problem_positions.append(
            solver.Position(
                id=p.pk, enterprise=p.enterprise_id, vacancies=vacancies, post_share_room=room
            )
        )
        if p.kind in rules.POSTED_KINDS:
            enterprises[p.enterprise_id] = p.enterprise
            at_enterprise = (
                current.overlapping(p.starts_on, p.ends_on)
                .filter(enterprise_id=p.enterprise_id, position__kind__in=rules.POSTED_KINDS)
                .count()
            )
            enterprise_counts[p.enterprise_id] = max(
                enterprise_counts.get(p.enterprise_id, 0), at_enterprise
            )
    # Conservative: an enterprise with any posted position offered has its
    # share room shared by all its offered positions.
    enterprise_room = {
        eid: policy.enterprise_room(enterprise=enterprises[eid], at_enterprise=count)
        for eid, count in enterprise_counts.items()
    }
    # Who already holds a placement, and which enterprises are vetted, counted once.
    busy = defaultdict(list)
    for sid, starts, ends in current.filter(student_id__in=student_ids | applicant_ids).values_list(
        "student_id", "starts_on", "ends_on"
    ):
        busy[sid].append((starts, ends))
    vetted = {}
    for p in positions:
        key = (p.enterprise_id, p.starts_on)
        if key not in vetted:
            vetted[key] = (
                EnterpriseVetting.objects.filter(enterprise_id=p.enterprise_id)
                .valid_on(p.starts_on)
                .exists()
            )
    position_by_id = {p.pk: p for p in positions}
    student_by_id = {s.pk: s for s in students}
    blocked: dict[tuple[int, int], str] = {}
    choices = []
    for a in applications:
        position = position_by_id.get(a.position_id)
        student = student_by_id.get(a.student_id)
        if position is None or student is None:
            continue
        choices.append(solver.Choice(a.student_id, a.position_id, a.rank, a.enterprise_rank))
        if a.enterprise_decision == Application.Decision.REJECTED:
            blocked[(a.student_id, a.position_id)] = solver.REJECTED
            continue
        blocked_code = _pair_failure(policy, student, position, busy, vetted)
        if blocked_code:
            blocked[(a.student_id, a.position_id)] = blocked_code
    pinned = {}
    for adj in round_.adjustments.all():
        if adj.kind == Adjustment.Kind.EXCLUDE:
            blocked[(adj.student_id, adj.position_id)] = solver.EXCLUDED
        elif adj.student_id in student_by_id and adj.position_id in position_by_id:
            pinned[adj.student_id] = adj.position_id
            code = _pair_failure(
                policy,
                student_by_id[adj.student_id],
                position_by_id[adj.position_id],
                busy,
                vetted,
            )
            if code:
                blocked[(adj.student_id, adj.position_id)] = code
    problem = solver.Problem(
        students=[s.pk for s in students],
        positions=problem_positions,
        choices=choices,
        enterprise_room=enterprise_room,
        blocked=blocked,
        pinned=pinned,
    )
    return problem, {"students": student_by_id, "positions": position_by_id}


def _pair_failure(policy, student, position, busy, vetted) -> str:
    if not position.is_open:
        return POSITION_CLOSED
    overlapping = any(
        starts <= position.ends_on and ends >= position.starts_on
        for starts, ends in busy.get(student.pk, ())
    )
    failures = policy.candidate_failures(
        student=student,
        position=position,
        enterprise=position.enterprise,
        starts_on=position.starts_on,
        ends_on=position.ends_on,
        vetted=vetted[(position.enterprise_id, position.starts_on)],
        busy=overlapping,
    )
    return failures[0].code if failures else ""


def preview_of(result: solver.Result, problem: solver.Problem) -> dict:
    """The stored preview: the API's shape plus the figures the page shows."""
    counts = result.rank_counts()
    return {
        "assigned": [
            {"student": s, "position": p, "rank": r}
            for s, (p, r) in sorted(result.assigned.items())
        ],
        "unplaced": [
            {
                "student": s,
                "reasons": [{"position": p, "code": code} for p, code in reasons],
            }
            for s, reasons in sorted(result.unplaced.items())
        ],
        "score": result.score,
        "rank_counts": {str(rank): n for rank, n in counts.items()},
        "students": len(problem.students),
        "placed": len(result.assigned),
        "pinned": len(problem.pinned),
    }


@transaction.atomic
def round_run(*, round_: AllocationRound) -> AllocationRound:
    """Solve the round and store the preview; run again after pins or exclusions."""
    round_ = _lock(round_)
    _refuse_published(round_)
    if round_.status not in (AllocationRound.Status.CLOSED, AllocationRound.Status.PREVIEWED):
        raise RuleError("round_not_closed", _("Close the round before running it."), status=409)
    problem, _names = build_problem(round_)
    try:
        result = solver.solve(problem)
    except solver.PinError as exc:
        raise RuleError(
            "pin_refused",
            _("Student %(student)s cannot be pinned to position %(position)s: %(reason)s.")
            % {"student": exc.student, "position": exc.position, "reason": exc.reason},
            status=409,
        ) from exc
    round_.preview = preview_of(result, problem)
    round_.previewed_at = timezone.now()
    round_.status = AllocationRound.Status.PREVIEWED
    round_.save(update_fields=["preview", "previewed_at", "status", "updated_at"])
    return round_


class PublishError(RuleError):
    """One assignment of the preview could not become a placement."""

    def __init__(self, error: RuleError, *, student: int, position: int):
        super().__init__(
            error.code,
            _("Student %(student)s at position %(position)s: %(message)s")
            % {"student": student, "position": position, "message": error.message},
            status=409,
            article=error.article,
        )
        self.assignment = {"student": student, "position": position}

    def as_dict(self) -> dict:
        body = super().as_dict()
        body["assignment"] = self.assignment
        return body


@transaction.atomic
def round_publish(*, round_: AllocationRound, actor: User | None = None) -> AllocationRound:
    """Create every placement of the preview through the placement service
    (each rule checked again under its row locks), or none: the first that
    fails undoes the others and is named in the refusal."""
    from internships.services import placement_create

    round_ = _lock(round_)
    _refuse_published(round_)
    if round_.status != AllocationRound.Status.PREVIEWED or not round_.preview:
        raise RuleError("round_not_previewed", _("Run the round before publishing it."), status=409)
    assigned = round_.preview["assigned"]
    students = Student.objects.in_bulk([a["student"] for a in assigned])
    positions = Position.objects.in_bulk([a["position"] for a in assigned])
    placements = []
    for item in assigned:
        student, position = students.get(item["student"]), positions.get(item["position"])
        if student is None or position is None:
            raise RuleError(
                "preview_stale",
                _("The preview names a student or position that no longer exists; run again."),
                status=409,
            )
        try:
            placements.append(
                placement_create(student=student, position=position, plan=round_.plan)
            )
        except RuleError as exc:
            raise PublishError(exc, student=student.pk, position=position.pk) from exc
    round_.status = AllocationRound.Status.PUBLISHED
    round_.published_at = timezone.now()
    round_.save(update_fields=["status", "published_at", "updated_at"])
    _notify(round_, placements)
    return round_


def _notify(round_: AllocationRound, placements: list[Placement]) -> None:
    from accounts.models import Profile
    from notifications.services import notification_send

    placed = {p.student_id for p in placements}
    for placement in placements:
        user = placement.student.user
        if user is not None:
            notification_send(
                recipients=[user],
                kind="allocation_result",
                subject=_("Your internship place: %(position)s") % {"position": placement.position},
                obj=placement,
                url="/allocation/me/",
            )
    unplaced_users = [
        s.user
        for s in Student.objects.filter(
            pk__in=[u["student"] for u in round_.preview["unplaced"]]
        ).select_related("user")
        if s.user is not None and s.pk not in placed
    ]
    if unplaced_users:
        notification_send(
            recipients=unplaced_users,
            kind="allocation_result",
            subject=_("No place for you in %(round)s; a later round will follow.")
            % {"round": round_},
            obj=round_,
            url="/allocation/me/",
        )
    enterprise_ids = {p.enterprise_id for p in placements}
    liaisons = [
        profile.user
        for profile in Profile.objects.filter(enterprise_id__in=enterprise_ids).select_related(
            "user"
        )
        if role_of(profile.user) == Role.LIAISON
    ]
    if liaisons:
        notification_send(
            recipients=liaisons,
            kind="allocation_result",
            subject=_("The allocation %(round)s is published: your interns are placed.")
            % {"round": round_},
            obj=round_,
            url="/allocation/portal/",
        )


@transaction.atomic
def round_second(
    *,
    round_: AllocationRound,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    actor: User | None = None,
) -> AllocationRound:
    """A new draft round of the same plan for the students the published
    round left unplaced and the positions with places left."""
    round_ = _lock(round_)
    if round_.status != AllocationRound.Status.PUBLISHED:
        raise RuleError(
            "round_not_published",
            _("A second round follows a published round."),
            status=409,
        )
    policy = rules.current_policy()
    current = Placement.objects.current()
    left = []
    for p in round_.positions.select_related("enterprise"):
        at = current.overlapping(p.starts_on, p.ends_on).filter(position=p).count()
        vacancies, room = policy.places_left(position=p, at_position=at)
        if p.is_open and min(vacancies, vacancies if room is None else room) > 0:
            left.append(p)
    unplaced = [u["student"] for u in (round_.preview or {}).get("unplaced", [])]
    return round_create(
        plan=round_.plan,
        name=_("%(round)s, second round") % {"round": round_},
        opens_at=opens_at,
        closes_at=closes_at,
        positions=left,
        max_choices=round_.max_choices,
        students=Student.objects.filter(pk__in=unplaced),
        previous=round_,
        actor=actor,
    )


# -- self-found internships ------------------------------------------------------


@transaction.atomic
def self_found_declare(
    *,
    student: Student,
    enterprise_name: str,
    credit_code: str,
    post_title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    kind: str = "post",
) -> SelfFoundInternship:
    from django.core.exceptions import ValidationError

    from partnerships.credit_code import normalize, validate_credit_code

    if ends_on < starts_on:
        raise RuleError(
            "dates_invalid", _("The end date must not be before the start date."), field="ends_on"
        )
    credit_code = normalize(credit_code or "")
    try:
        validate_credit_code(credit_code)
    except ValidationError as exc:
        raise RuleError(
            "credit_code_invalid",
            _("Give the unit's 18-character unified social credit code."),
            field="credit_code",
        ) from exc
    if not enterprise_name.strip() or not post_title.strip():
        raise RuleError(
            "required", _("Give the unit's name and the post."), field="enterprise_name"
        )
    if kind not in Position.Kind.values:
        raise RuleError("kind_invalid", _("Unknown kind of internship."), field="kind")
    return SelfFoundInternship.objects.create(
        student=student,
        enterprise_name=enterprise_name.strip(),
        credit_code=credit_code,
        post_title=post_title.strip(),
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
    )


@transaction.atomic
def self_found_decide(
    *, declaration: SelfFoundInternship, actor: User, approve: bool
) -> SelfFoundInternship:
    """The teacher's approval: the unit is then recorded (a prospect until its
    vetting) and must be vetted before the placement is made."""
    declaration = SelfFoundInternship.objects.select_for_update().get(pk=declaration.pk)
    if declaration.status != SelfFoundInternship.Status.DECLARED:
        raise RuleError(
            "already_decided", _("This declaration has already been decided."), status=409
        )
    declaration.decided_by = actor
    if not approve:
        declaration.status = SelfFoundInternship.Status.REJECTED
        declaration.save()
        return declaration
    enterprise = Enterprise.objects.filter(credit_code=declaration.credit_code).first()
    if enterprise is None and Enterprise.objects.filter(name=declaration.enterprise_name).exists():
        raise RuleError(
            "enterprise_name_taken",
            _("Another enterprise has this name with a different credit code."),
            field="enterprise_name",
            status=409,
        )
    if enterprise is None:
        enterprise = Enterprise.objects.create(
            name=declaration.enterprise_name,
            credit_code=declaration.credit_code,
            status="prospect",
        )
    declaration.enterprise = enterprise
    declaration.status = SelfFoundInternship.Status.APPROVED
    declaration.save()
    return declaration


@transaction.atomic
def self_found_place(
    *, declaration: SelfFoundInternship, position: Position, actor: User | None = None
) -> SelfFoundInternship:
    """The placement of an approved declaration, by the normal rules (the
    vetting of the unit among them)."""
    from internships.services import placement_create

    declaration = SelfFoundInternship.objects.select_for_update().get(pk=declaration.pk)
    if declaration.status != SelfFoundInternship.Status.APPROVED:
        raise RuleError(
            "not_approved", _("The teacher must approve the declaration first."), status=409
        )
    if position.enterprise_id != declaration.enterprise_id:
        raise RuleError(
            "position_elsewhere",
            _("The position must be at the declared unit."),
            field="position",
        )
    declaration.placement = placement_create(
        student=declaration.student,
        position=position,
        starts_on=declaration.starts_on,
        ends_on=declaration.ends_on,
    )
    declaration.status = SelfFoundInternship.Status.PLACED
    declaration.save()
    return declaration


# -- scoping helpers the API and pages share ---------------------------------------


def liaison_enterprise(user) -> int | None:
    return enterprise_id_of(user)


def own_student(user) -> Student | None:
    sid = student_id_of(user)
    return Student.objects.filter(pk=sid).first() if sid else None
