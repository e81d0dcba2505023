"""Reads of the cooperation records, scoped by role (the only way views get rows).

Administrators and teachers see every record. A liaison sees the rows of
their own enterprise (an employment: where the employer is theirs) and none
without an enterprise (teachers, 1+X certificates and passes). Reporters and
students see no record: they read the figures the records add up to.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.access import Role, enterprise_id_of, role_of
from records.kinds import Kind
from records.models import FigureCorrection

_STAFF = (Role.ADMINISTRATOR, Role.TEACHER)


def record_visible_to(kind: Kind, user) -> QuerySet:
    queryset = kind.model.objects.all()
    if kind.related:
        queryset = queryset.select_related(*kind.related)
    if kind.resource == "order-classes":
        from internships.models import Student

        queryset = queryset.prefetch_related(
            Prefetch("students", queryset=Student.objects.only("id", "student_number", "name"))
        )
    role = role_of(user)
    if role in _STAFF:
        return queryset
    if role == Role.LIAISON and kind.enterprise:
        enterprise_id = enterprise_id_of(user)
        if enterprise_id is not None:
            return queryset.filter(**{kind.enterprise: enterprise_id})
    return queryset.none()


def figure_correction_visible_to(user) -> QuerySet[FigureCorrection]:
    """Staff see the corrections; a liaison those on their enterprise's reviews."""
    queryset = FigureCorrection.objects.select_related("review")
    role = role_of(user)
    if role in _STAFF:
        return queryset
    if role == Role.LIAISON:
        enterprise_id = enterprise_id_of(user)
        if enterprise_id is not None:
            return queryset.filter(review__agreement__enterprise_id=enterprise_id)
    return queryset.none()
