"""Reads for internships; every view and report starts from a *_visible_to.

Administrators see everything; a teacher the placements they supervise (and
those placements' students, attendance, logs and evaluations); a liaison
their enterprise's positions and placements and, of students, only their own
interns; a student only themselves; reporters nothing personal.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.access import Role, enterprise_id_of, role_of, student_id_of
from internships.models import Attendance, Evaluation, Placement, PlacementLog, Position, Student
from partnerships.enterprise_page import Figure


def student_visible_to(user) -> QuerySet[Student]:
    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return Student.objects.select_related("major")
    if role == Role.TEACHER:
        ids = Placement.objects.filter(supervisor=user).values("student_id")
        return Student.objects.filter(pk__in=ids).select_related("major")
    if role == Role.LIAISON:
        ids = Placement.objects.filter(enterprise_id=enterprise_id_of(user)).values("student_id")
        return Student.objects.filter(pk__in=ids).select_related("major")
    if role == Role.STUDENT:
        return Student.objects.filter(pk=student_id_of(user)).select_related("major")
    return Student.objects.none()


def position_visible_to(user) -> QuerySet[Position]:
    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.TEACHER):
        return Position.objects.select_related("enterprise")
    if role == Role.LIAISON:
        return Position.objects.filter(enterprise_id=enterprise_id_of(user)).select_related(
            "enterprise"
        )
    return Position.objects.none()


def placement_visible_to(user) -> QuerySet[Placement]:
    role = role_of(user)
    base = Placement.objects.select_related(
        "student", "student__major", "position", "enterprise", "supervisor"
    )
    if role == Role.ADMINISTRATOR:
        return base
    if role == Role.TEACHER:
        return base.filter(supervisor=user)
    if role == Role.LIAISON:
        return base.filter(enterprise_id=enterprise_id_of(user))
    if role == Role.STUDENT:
        return base.filter(student_id=student_id_of(user))
    return base.none()


def attendance_visible_to(user) -> QuerySet[Attendance]:
    return Attendance.objects.filter(placement__in=_placement_ids(user))


def placement_log_visible_to(user) -> QuerySet[PlacementLog]:
    return PlacementLog.objects.filter(placement__in=_placement_ids(user)).select_related("author")


def evaluation_visible_to(user) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(placement__in=_placement_ids(user))


def _placement_ids(user):
    return placement_visible_to(user).values("pk")


def weighted_grade(evaluations) -> float | None:
    """The final grade: both sides' totals weighed by INTERNSHIP_GRADE_WEIGHTS.

    None until both the enterprise and the school have evaluated.
    """
    totals = {e.side: e.total for e in evaluations}
    weights = settings.INTERNSHIP_GRADE_WEIGHTS
    if set(totals) != set(weights):
        return None
    weight_sum = sum(weights.values())
    return round(sum(totals[side] * weights[side] for side in weights) / weight_sum, 1)


def placement_grade(placement: Placement) -> float | None:
    return weighted_grade(placement.evaluations.all())


def enterprise_figures(enterprise) -> list:
    """The internship figures on an enterprise's page (registered in apps.py)."""
    counts = Placement.objects.filter(enterprise=enterprise).aggregate(
        total=Count("id"), active=Count("id", filter=Q(status=Placement.Status.ACTIVE))
    )
    return [
        Figure(_("Internship placements (all time)"), counts["total"], "placements-count"),
        Figure(_("Interns there now"), counts["active"]),
    ]


def insurance_policy_visible_to(user) -> QuerySet:
    """A liaison is not told a placement's insurance; others by their placements."""
    from internships.models import InsurancePolicy

    if role_of(user) == Role.LIAISON:
        return InsurancePolicy.objects.none()
    return InsurancePolicy.objects.filter(placement__in=_placement_ids(user))


def pay_record_visible_to(user) -> QuerySet:
    from internships.models import PayRecord

    return PayRecord.objects.filter(placement__in=_placement_ids(user))


def filing_visible_to(user) -> QuerySet:
    """Filings list students' personal data: administrators only."""
    from internships.models import FilingBatch

    if role_of(user) == Role.ADMINISTRATOR:
        return FilingBatch.objects.select_related("major")
    return FilingBatch.objects.none()
