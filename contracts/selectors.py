"""Reads of agreements and templates, scoped to the caller."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.access import Role, enterprise_id_of, role_of
from contracts.models import DocumentTemplate, InternshipAgreement
from internships.models import Placement


def template_visible_to(user) -> QuerySet[DocumentTemplate]:
    """Templates are the college's text, no personal data: staff and liaisons read them."""
    if role_of(user) in (Role.ADMINISTRATOR, Role.TEACHER, Role.LIAISON):
        return DocumentTemplate.objects.all()
    return DocumentTemplate.objects.none()


def _placement_scope(user) -> dict | None:
    """The filter on placements the user may see; None for all, {} for none."""
    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return None
    if role == Role.TEACHER:
        return {"supervisor": user}
    if role == Role.LIAISON:
        enterprise_id = enterprise_id_of(user)
        return {"enterprise_id": enterprise_id} if enterprise_id else {}
    if role == Role.STUDENT:
        return {"student__user": user}
    return {}


def agreement_visible_to(user) -> QuerySet[InternshipAgreement]:
    """An administrator's: all; a teacher's: of the placements they supervise;
    a liaison's: of their enterprise; a student's: their own placements'."""
    scope = _placement_scope(user)
    agreements = InternshipAgreement.objects.select_related(
        "placement__student", "placement__enterprise", "placement__position", "template"
    )
    if scope is None:
        return agreements
    if not scope:
        return agreements.none()
    return agreements.filter(**{f"placement__{k}": v for k, v in scope.items()})


def placement_for_documents(user) -> QuerySet[Placement]:
    """The placements whose documents (the certificate) the user may have."""
    scope = _placement_scope(user)
    placements = Placement.objects.select_related("student", "position", "enterprise")
    if scope is None:
        return placements
    if not scope:
        return placements.none()
    return placements.filter(**scope)
