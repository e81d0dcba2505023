"""Who sees which rounds and applications (accounts/access.py decides the verbs)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.access import Role, enterprise_id_of, role_of, student_id_of
from allocation.models import AllocationRound, Application, SelfFoundInternship


def round_visible_to(user) -> QuerySet[AllocationRound]:
    """The school sees every round; a liaison the rounds offering their
    enterprise's positions; a student the rounds they take part in."""
    base = AllocationRound.objects.select_related("plan")
    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.TEACHER):
        return base
    if role == Role.LIAISON:
        ids = AllocationRound.objects.filter(
            positions__enterprise_id=enterprise_id_of(user)
        ).exclude(status=AllocationRound.Status.DRAFT)
        return base.filter(pk__in=ids.values("pk"))
    if role == Role.STUDENT:
        return base.filter(pk__in=_student_round_ids(student_id_of(user)))
    return base.none()


def _student_round_ids(student_id):
    from internships.models import Student

    student = Student.objects.filter(pk=student_id).first()
    if student is None:
        return []
    listed = Q(students=student)
    by_plan = (
        Q(students__isnull=True)
        & (Q(plan__majors__isnull=True) | Q(plan__majors=student.major_id))
        & (Q(plan__cohort__isnull=True) | Q(plan__cohort=student.cohort))
    )
    return (
        AllocationRound.objects.exclude(status=AllocationRound.Status.DRAFT)
        .filter(listed | by_plan)
        .values("pk")
    )


def application_visible_to(user) -> QuerySet[Application]:
    base = Application.objects.select_related("round", "student", "position")
    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.TEACHER):
        return base
    if role == Role.LIAISON:
        return base.filter(position__enterprise_id=enterprise_id_of(user)).exclude(
            round__status=AllocationRound.Status.DRAFT
        )
    if role == Role.STUDENT:
        return base.filter(student_id=student_id_of(user))
    return base.none()


def self_found_visible_to(user) -> QuerySet[SelfFoundInternship]:
    base = SelfFoundInternship.objects.select_related("student", "enterprise")
    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.TEACHER):
        return base
    if role == Role.STUDENT:
        return base.filter(student_id=student_id_of(user))
    return base.none()
