"""Reads for partnerships; every view and report starts from a *_visible_to."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.access import Role, enterprise_id_of, role_of
from partnerships.models import Department, Enterprise, EnterpriseContact, Major

_STAFF = {Role.ADMINISTRATOR, Role.TEACHER}


def department_visible_to(user) -> QuerySet[Department]:
    if role_of(user) in _STAFF | {Role.LIAISON}:
        return Department.objects.all()
    return Department.objects.none()


def major_visible_to(user) -> QuerySet[Major]:
    if role_of(user) in _STAFF | {Role.LIAISON}:
        return Major.objects.select_related("department")
    return Major.objects.none()


def enterprise_visible_to(user) -> QuerySet[Enterprise]:
    """Staff see every enterprise; a liaison only their own; others none."""
    role = role_of(user)
    if role in _STAFF:
        return Enterprise.objects.all()
    if role == Role.LIAISON:
        return Enterprise.objects.filter(pk=enterprise_id_of(user))
    return Enterprise.objects.none()


def enterprise_contact_visible_to(user) -> QuerySet[EnterpriseContact]:
    return EnterpriseContact.objects.filter(enterprise__in=enterprise_visible_to(user))
