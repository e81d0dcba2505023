"""Every write of the internship as it happens goes through a function here.

Check-ins, journals, the internship report, the grade's approval, a
student's incident report, cohort accounts and the erasure of old
locations. Each runs in one transaction and refuses a broken rule with a
RuleError whose code docs/rules.md lists.
"""

from __future__ import annotations

import datetime
import math
import secrets
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Role, is_administrator, role_of
from accounts.models import Profile
from common.exceptions import RuleError
from internships.models import Placement, PlacementLog, Student
from internships.services import placement_log_create, plan_default
from practice.grading import compute_grade
from practice.models import (
    CheckIn,
    Grade,
    IncidentLocation,
    InternshipReport,
    Journal,
    PasswordChangeRequired,
)

EARTH_RADIUS_M = 6_371_000


def distance_m(lat1, lng1, lat2, lng2) -> int:
    """Great-circle distance in whole metres (haversine)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lng2) - float(lng1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a))))


# --- shared checks -----------------------------------------------------------


def _own_placement(placement: Placement | None, actor: User) -> Placement:
    """The actor's own placement, locked; another's or none reads as missing."""
    if placement is not None:
        placement = (
            # Only the placement row is locked (the plan is an outer join).
            Placement.objects.select_for_update(of=("self",))
            .select_related("student", "position", "plan")
            .filter(pk=placement.pk, student__user=actor)
            .first()
        )
    if placement is None:
        raise RuleError(
            "placement_not_yours", _("This is not one of your placements."), field="placement"
        )
    return placement


def _check_active(placement: Placement) -> None:
    if placement.status != Placement.Status.ACTIVE:
        raise RuleError(
            "placement_not_active",
            _("Only an active placement takes check-ins, journals and reports."),
            field="placement",
        )


MICRODEGREE = Decimal("0.000001")


def _coordinate(value) -> Decimal:
    """A coordinate as stored: six decimals (about 0.1 m)."""
    return Decimal(str(value)).quantize(MICRODEGREE, rounding=ROUND_HALF_UP)


def _check_coordinates(lat, lng) -> None:
    try:
        ok = -90 <= Decimal(str(lat)) <= 90 and -180 <= Decimal(str(lng)) <= 180
    except (TypeError, ValueError, ArithmeticError):
        ok = False
    if not ok:
        raise RuleError(
            "coordinates_invalid",
            _("Latitude is -90 to 90 and longitude -180 to 180."),
            field="lat",
        )


def _check_reviewer(placement: Placement, actor: User) -> None:
    """The placement's supervising teacher or an administrator reviews and grades."""
    if is_administrator(actor):
        return
    if role_of(actor) == Role.TEACHER and placement.supervisor_id == actor.pk:
        return
    raise RuleError(
        "not_supervisor",
        _("Only the placement's supervising teacher or an administrator may do this."),
        status=403,
    )


def _check_not_locked(placement: Placement) -> None:
    if Grade.objects.filter(placement=placement).exists():
        raise RuleError(
            "grade_locked", _("The grade of this placement is approved and locked."), status=409
        )


def _check_score(score) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        raise RuleError(
            "score_invalid", _("A score is a whole number from 0 to 100."), field="score"
        )
    return score


def _check_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise RuleError(
            "comment_required", _("Say what the student should revise."), field="comment"
        )
    return comment


# --- check-ins ---------------------------------------------------------------


@transaction.atomic
def checkin_create(
    *,
    actor: User,
    placement: Placement | None,
    lat: Decimal,
    lng: Decimal,
    accuracy_m: int,
    reason: str = "",
) -> CheckIn:
    """Today's check-in: on site within the plan's radius of the workplace,
    otherwise off site with a reason (flagged for the teacher).

    The placement row is locked, so two check-ins sent at once cannot both
    pass the one-a-day check; the unique constraint backs it up.
    """
    placement = _own_placement(placement, actor)
    _check_active(placement)
    _check_coordinates(lat, lng)
    if accuracy_m is None or accuracy_m < 0 or accuracy_m > settings.PRACTICE_MAX_ACCURACY_M:
        raise RuleError(
            "accuracy_too_low",
            _("The location is too imprecise (more than %(m)d m). Try again outdoors.")
            % {"m": settings.PRACTICE_MAX_ACCURACY_M},
            field="accuracy_m",
        )
    now = timezone.now()
    today = timezone.localdate(now)
    if CheckIn.objects.filter(placement=placement, date=today).exists():
        raise RuleError("already_checked_in", _("You have already checked in today."), status=400)
    position = placement.position
    plan = placement.plan or plan_default()
    distance = None
    if position.site_lat is not None and position.site_lng is not None:
        distance = distance_m(lat, lng, position.site_lat, position.site_lng)
    on_site = distance is not None and distance <= plan.geofence_m
    reason = (reason or "").strip()
    if not on_site and not reason:
        raise RuleError(
            "off_site_reason_required",
            _("You are not at the workplace: say why."),
            field="reason",
        )
    try:
        with transaction.atomic():
            return CheckIn.objects.create(
                placement=placement,
                date=today,
                at=now,
                lat=_coordinate(lat),
                lng=_coordinate(lng),
                accuracy_m=accuracy_m,
                distance_m=distance,
                on_site=on_site,
                reason="" if on_site else reason,
            )
    except IntegrityError:
        raise RuleError("already_checked_in", _("You have already checked in today."))


@transaction.atomic
def checkin_check_out(*, checkin: CheckIn, actor: User) -> CheckIn:
    """The check-out of a day's check-in: the hours between the two."""
    checkin = CheckIn.objects.select_for_update().select_related("placement").get(pk=checkin.pk)
    _own_placement(checkin.placement, actor)
    if checkin.checked_out_at is not None:
        raise RuleError("already_checked_out", _("You have already checked out."))
    now = timezone.now()
    if timezone.localdate(now) != checkin.date:
        raise RuleError("checkout_day_over", _("A check-out is on the day of the check-in."))
    seconds = max(0, (now - checkin.at).total_seconds())
    hours = Decimal(seconds / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    checkin.checked_out_at = now
    checkin.hours = min(hours, Decimal(24))
    checkin.save(update_fields=["checked_out_at", "hours", "updated_at"])
    return checkin


@transaction.atomic
def checkin_locations_erase(*, today: datetime.date | None = None) -> int:
    """Erase the coordinates of check-ins whose placement ended more than
    ``PRACTICE_LOCATION_RETENTION_DAYS`` ago (PIPL: kept no longer than needed).

    On-site flags, distances and hours stay: the grade needs them, and they
    say nothing of where the student was beyond "at work or not"."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.PRACTICE_LOCATION_RETENTION_DAYS)
    return CheckIn.objects.filter(
        placement__ends_on__lt=cutoff, location_erased_at__isnull=True
    ).update(lat=None, lng=None, accuracy_m=None, location_erased_at=timezone.now())


# --- journals ----------------------------------------------------------------

JOURNAL_FIELDS = ("kind", "period_start", "period_end", "text")


def _check_period(kind: str, start: datetime.date, end: datetime.date) -> None:
    if kind not in Journal.Kind.values:
        raise RuleError("journal_kind_invalid", _("A journal is weekly or monthly."), field="kind")
    if end < start:
        raise RuleError(
            "dates_invalid",
            _("The end date must not be before the start date."),
            field="period_end",
        )
    if (end - start).days > 31:
        raise RuleError(
            "period_too_long", _("A journal covers at most a month."), field="period_end"
        )


def _check_within(placement: Placement, start: datetime.date, end: datetime.date) -> None:
    """A journal is about days of the internship: its period overlaps the placement's."""
    if end < placement.starts_on or start > placement.ends_on:
        raise RuleError(
            "journal_outside_placement",
            _("A journal covers days of the internship (%(start)s to %(end)s).")
            % {"start": placement.starts_on.isoformat(), "end": placement.ends_on.isoformat()},
            field="period_start",
        )


@transaction.atomic
def journal_create(
    *,
    actor: User,
    placement: Placement | None,
    kind: str,
    period_start: datetime.date,
    period_end: datetime.date,
    text: str = "",
) -> Journal:
    """A draft journal of the student's own active placement."""
    placement = _own_placement(placement, actor)
    _check_active(placement)
    _check_period(kind, period_start, period_end)
    _check_within(placement, period_start, period_end)
    if Journal.objects.filter(placement=placement, kind=kind, period_start=period_start).exists():
        raise RuleError(
            "journal_exists",
            _("There is already a journal for this period."),
            field="period_start",
        )
    return Journal.objects.create(
        placement=placement,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        text=text or "",
    )


def _lock_journal(journal: Journal) -> Journal:
    return Journal.objects.select_for_update().select_related("placement").get(pk=journal.pk)


def _check_editable(journal: Journal) -> None:
    if journal.status not in (Journal.Status.DRAFT, Journal.Status.RETURNED):
        raise RuleError(
            "journal_not_editable",
            _("A submitted or reviewed journal cannot be changed."),
        )


@transaction.atomic
def journal_update(*, journal: Journal, actor: User, **fields: Any) -> Journal:
    journal = _lock_journal(journal)
    placement = _own_placement(journal.placement, actor)
    _check_editable(journal)
    for key in JOURNAL_FIELDS:
        if key in fields:
            setattr(journal, key, fields[key])
    _check_period(journal.kind, journal.period_start, journal.period_end)
    _check_within(placement, journal.period_start, journal.period_end)
    clash = Journal.objects.filter(
        placement_id=journal.placement_id, kind=journal.kind, period_start=journal.period_start
    ).exclude(pk=journal.pk)
    if clash.exists():
        raise RuleError(
            "journal_exists",
            _("There is already a journal for this period."),
            field="period_start",
        )
    journal.save()
    return journal


@transaction.atomic
def journal_delete(*, journal: Journal, actor: User) -> None:
    journal = _lock_journal(journal)
    _own_placement(journal.placement, actor)
    if journal.status != Journal.Status.DRAFT:
        raise RuleError("journal_not_editable", _("Only a draft can be deleted."))
    journal.delete()


@transaction.atomic
def journal_submit(*, journal: Journal, actor: User) -> Journal:
    """A draft or returned journal handed in, at least the plan's minimum length."""
    journal = _lock_journal(journal)
    placement = _own_placement(journal.placement, actor)
    _check_editable(journal)
    plan = placement.plan or plan_default()
    length = len("".join(journal.text.split()))
    if length < plan.journal_min_chars:
        raise RuleError(
            "journal_too_short",
            _("A journal has at least %(min)d characters; this one has %(n)d.")
            % {"min": plan.journal_min_chars, "n": length},
            field="text",
        )
    journal.status = Journal.Status.SUBMITTED
    journal.submitted_at = timezone.now()
    journal.save(update_fields=["status", "submitted_at", "updated_at"])
    return journal


def _check_submitted(item) -> None:
    if item.status != Journal.Status.SUBMITTED:
        raise RuleError("not_submitted", _("Only a submitted item can be reviewed or returned."))


@transaction.atomic
def journal_review(*, journal: Journal, actor: User, score: int, comment: str = "") -> Journal:
    journal = _lock_journal(journal)
    _check_reviewer(journal.placement, actor)
    _check_not_locked(journal.placement)
    _check_submitted(journal)
    journal.score = _check_score(score)
    journal.comment = (comment or "").strip()
    journal.status = Journal.Status.REVIEWED
    journal.reviewed_at = timezone.now()
    journal.reviewed_by = actor
    journal.save()
    return journal


@transaction.atomic
def journal_return(*, journal: Journal, actor: User, comment: str) -> Journal:
    journal = _lock_journal(journal)
    _check_reviewer(journal.placement, actor)
    _check_not_locked(journal.placement)
    _check_submitted(journal)
    journal.comment = _check_comment(comment)
    journal.status = Journal.Status.RETURNED
    journal.reviewed_at = timezone.now()
    journal.reviewed_by = actor
    journal.save()
    return journal


# --- the internship report ---------------------------------------------------

_ZIP = b"PK\x03\x04"
REPORT_TYPES = {
    ".pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head: head.startswith(_ZIP),
    ),
}


def report_check(uploaded) -> str:
    """The upload's content type, or a RuleError when its type or size is refused."""
    size = getattr(uploaded, "size", None) or 0
    if size == 0:
        raise RuleError("file_empty", _("The file is empty."), field="file")
    if size > settings.PRACTICE_REPORT_MAX_BYTES:
        raise RuleError(
            "report_too_large",
            _("A report may be at most %(mb).1f MB.")
            % {"mb": settings.PRACTICE_REPORT_MAX_BYTES / 1024 / 1024},
            field="file",
        )
    suffix = Path(uploaded.name or "").suffix.lower()
    if suffix not in REPORT_TYPES:
        raise RuleError("report_file_type", _("Upload a PDF or DOCX file."), field="file")
    content_type, matches = REPORT_TYPES[suffix]
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if not matches(head):
        raise RuleError(
            "report_file_type",
            _("The file's content is not a %(kind)s.") % {"kind": suffix[1:].upper()},
            field="file",
        )
    return content_type


def _store_file(report: InternshipReport, uploaded) -> None:
    report.content_type = report_check(uploaded)
    report.filename = Path(uploaded.name).name[:255]
    report.file.save(report.filename, uploaded, save=False)


@transaction.atomic
def report_create(
    *, actor: User, placement: Placement | None, file, summary: str = ""
) -> InternshipReport:
    """The student's report, handed in (submitted) with its file."""
    placement = _own_placement(placement, actor)
    if placement.status not in (Placement.Status.ACTIVE, Placement.Status.COMPLETED):
        _check_active(placement)
    if InternshipReport.objects.filter(placement=placement).exists():
        raise RuleError(
            "report_exists", _("This placement already has a report."), field="placement"
        )
    report = InternshipReport(
        placement=placement, summary=summary or "", submitted_at=timezone.now()
    )
    _store_file(report, file)
    report.save()
    return report


def _lock_report(report: InternshipReport) -> InternshipReport:
    return (
        InternshipReport.objects.select_for_update().select_related("placement").get(pk=report.pk)
    )


@transaction.atomic
def report_update(
    *, report: InternshipReport, actor: User, file=None, summary: str | None = None
) -> InternshipReport:
    """A returned report revised (a new file, a new summary) before it is submitted again."""
    report = _lock_report(report)
    _own_placement(report.placement, actor)
    if report.status not in (InternshipReport.Status.DRAFT, InternshipReport.Status.RETURNED):
        raise RuleError(
            "report_not_editable", _("A submitted or reviewed report cannot be changed.")
        )
    if file is not None:
        _store_file(report, file)
    if summary is not None:
        report.summary = summary
    report.save()
    return report


@transaction.atomic
def report_submit(*, report: InternshipReport, actor: User) -> InternshipReport:
    report = _lock_report(report)
    _own_placement(report.placement, actor)
    if report.status not in (InternshipReport.Status.DRAFT, InternshipReport.Status.RETURNED):
        raise RuleError(
            "report_not_editable", _("A submitted or reviewed report cannot be changed.")
        )
    report.status = InternshipReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    return report


@transaction.atomic
def report_review(
    *, report: InternshipReport, actor: User, score: int, comment: str = ""
) -> InternshipReport:
    report = _lock_report(report)
    _check_reviewer(report.placement, actor)
    _check_not_locked(report.placement)
    _check_submitted(report)
    report.score = _check_score(score)
    report.comment = (comment or "").strip()
    report.status = InternshipReport.Status.REVIEWED
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save()
    return report


@transaction.atomic
def report_return(*, report: InternshipReport, actor: User, comment: str) -> InternshipReport:
    report = _lock_report(report)
    _check_reviewer(report.placement, actor)
    _check_not_locked(report.placement)
    _check_submitted(report)
    report.comment = _check_comment(comment)
    report.status = InternshipReport.Status.RETURNED
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save()
    return report


# --- the grade ---------------------------------------------------------------


@transaction.atomic
def grade_approve(*, placement: Placement, actor: User) -> Grade:
    """The supervising teacher approves the grade of a completed placement:
    its figures are stored and locked (reviews can no longer change them)."""
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("plan")
        .get(pk=placement.pk)
    )
    _check_reviewer(placement, actor)
    _check_not_locked(placement)
    if placement.status != Placement.Status.COMPLETED:
        raise RuleError(
            "placement_not_completed",
            _("A grade is approved once the placement is completed."),
        )
    figures = compute_grade(placement, today=min(placement.ends_on, timezone.localdate()))
    return Grade.objects.create(
        placement=placement,
        **figures.as_dict(),
        approved_at=timezone.now(),
        approved_by=actor,
    )


# --- incidents from the phone ------------------------------------------------


@transaction.atomic
def incident_report(
    *, actor: User, placement: Placement | None, text: str, lat=None, lng=None
) -> PlacementLog:
    """A student raises an incident: the placement's incident log (which
    notifies the supervisor and the administrators at once) and where they were."""
    placement = _own_placement(placement, actor)
    if placement.status != Placement.Status.ACTIVE:
        _check_active(placement)
    if (lat is None) != (lng is None):
        raise RuleError(
            "coordinates_invalid", _("Give both latitude and longitude, or neither."), field="lat"
        )
    if lat is not None:
        _check_coordinates(lat, lng)
    log = placement_log_create(
        placement=placement,
        kind=PlacementLog.Kind.INCIDENT,
        date=timezone.localdate(),
        text=text,
        author=actor,
    )
    IncidentLocation.objects.create(
        log=log,
        lat=None if lat is None else _coordinate(lat),
        lng=None if lng is None else _coordinate(lng),
    )
    return log


# --- student accounts --------------------------------------------------------

# Easy to read out and type on a phone: no 0/O, 1/l/I.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _initial_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(12))


@transaction.atomic
def student_accounts_create(*, students) -> list[tuple[Student, str, str]]:
    """Accounts for the students that have none: (student, username, password).

    The username is the student number; the password is shown once to the
    administrator to hand out and must be changed at the first sign-in.
    Students with an account already are left as they are.
    """
    group, _created = Group.objects.get_or_create(name=Role.STUDENT.value)
    made = []
    ids = [s.pk for s in students]
    for student in Student.objects.select_for_update().filter(pk__in=ids, user__isnull=True):
        username = student.student_number
        if User.objects.filter(username=username).exists():
            raise RuleError(
                "username_taken",
                _("A user named %(name)s exists already; link it by hand.") % {"name": username},
            )
        password = _initial_password()
        user = User.objects.create_user(username=username, password=password)
        user.groups.add(group)
        Profile.objects.get_or_create(user=user)
        PasswordChangeRequired.objects.create(user=user)
        student.user = user
        student.save(update_fields=["user", "updated_at"])
        made.append((student, username, password))
    return made


@transaction.atomic
def password_changed(*, user: User) -> None:
    """The user chose their own password: no longer held at the change page."""
    PasswordChangeRequired.objects.filter(user=user).delete()
