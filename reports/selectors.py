"""Reads for reports: who sees which report, and what a report may be about."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model, QuerySet

from accounts.access import Role, role_of
from reports.models import Report

# Reports hold aggregate figures and enterprise names only, so the roles that
# may request reports (administrators, reporters) may name any major,
# enterprise or group as a report's subject.
_SUBJECT_MODELS = {
    Report.Kind.MAJOR: ("partnerships", "Major"),
    Report.Kind.ENTERPRISE: ("partnerships", "Enterprise"),
    Report.Kind.GROUP: ("groups", "EducationGroup"),
    Report.Kind.ENTERPRISE_ANNUAL: ("partnerships", "Enterprise"),
}


def report_visible_to(user) -> QuerySet[Report]:
    """Administrators see every report; anyone else only the reports they requested."""
    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return Report.objects.select_related("requested_by")
    if role == Role.REPORTER:
        return Report.objects.filter(requested_by=user).select_related("requested_by")
    return Report.objects.none()


def report_subject_queryset(*, user, kind: str) -> QuerySet | None:
    if role_of(user) not in (Role.ADMINISTRATOR, Role.REPORTER) or kind not in _SUBJECT_MODELS:
        return None
    try:
        model = apps.get_model(*_SUBJECT_MODELS[kind])
    except LookupError:
        return None
    return model.objects.all()


def report_subject_get(*, user, kind: str, subject_id: int) -> Model | None:
    queryset = report_subject_queryset(user=user, kind=kind)
    if queryset is None:
        return None
    return queryset.filter(pk=subject_id).first()
