"""Reads for partnerships; every view and report starts from a *_visible_to."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Collate
from django.utils import timezone

from accounts.access import Role, enterprise_id_of, role_of
from partnerships.models import (
    AgreementDocument,
    AgreementEvent,
    AgreementMode,
    AnnualReview,
    CooperationAgreement,
    Department,
    Depth,
    Enterprise,
    EnterpriseContact,
    Major,
    Workstation,
)

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


def _agreement_scope(user) -> Q | None:
    """The agreements a user may see, as a filter; None means none at all."""
    role = role_of(user)
    if role in _STAFF:
        return Q()
    if role == Role.LIAISON:
        return Q(enterprise_id=enterprise_id_of(user))
    return None


def agreement_visible_to(user) -> QuerySet[CooperationAgreement]:
    """Staff see every agreement; a liaison their enterprise's (read-only)."""
    scope = _agreement_scope(user)
    if scope is None:
        return CooperationAgreement.objects.none()
    return (
        CooperationAgreement.objects.filter(scope)
        .select_related("enterprise", "owner")
        .prefetch_related(
            Prefetch("majors", queryset=Major.objects.order_by("code")),
            Prefetch("mode_rows", queryset=AgreementMode.objects.order_by("code")),
        )
    )


def agreement_majors_and_modes(agreement_ids: list[int]) -> list[tuple[int, int | None, str]]:
    """The majors and modes of these agreements, in one query.

    Rows are (agreement id, major id, major code) for a major and
    (agreement id, None, mode code) for a mode, ordered by code as the
    database collates it, which is the order the agreement lists its majors.
    """
    through = CooperationAgreement.majors.through
    majors = (
        through.objects.filter(cooperationagreement_id__in=agreement_ids)
        .order_by()
        .annotate(sort_code=F("major__code"))
        .values_list("cooperationagreement_id", "major_id", "sort_code")
    )
    modes = (
        AgreementMode.objects.filter(agreement_id__in=agreement_ids)
        .order_by()
        .annotate(no_major=Value(None, output_field=IntegerField()), sort_code=F("code"))
        .values_list("agreement_id", "no_major", "sort_code")
    )
    return list(majors.union(modes, all=True).order_by("sort_code"))


def with_major_ids_and_mode_codes(queryset: QuerySet) -> QuerySet:
    """Agreements annotated with ``major_ids`` (by major code, as the agreement
    lists them) and ``mode_codes`` (by code point, as ``mode_codes`` sorts
    them) as arrays: PostgreSQL only."""
    through = CooperationAgreement.majors.through
    return queryset.annotate(
        major_ids=ArraySubquery(
            through.objects.filter(cooperationagreement_id=OuterRef("pk"))
            .order_by("major__code")
            .values("major_id")
        ),
        mode_codes=ArraySubquery(
            AgreementMode.objects.filter(agreement_id=OuterRef("pk"))
            .order_by(Collate("code", "C"))
            .values("code")
        ),
    )


def with_mode(queryset: QuerySet, mode: str) -> QuerySet:
    # A subquery rather than a join: no duplicate rows, no DISTINCT needed.
    return queryset.filter(
        Exists(AgreementMode.objects.filter(agreement=OuterRef("pk"), code=mode))
    )


def with_major(queryset: QuerySet, major_id: int) -> QuerySet:
    through = CooperationAgreement.majors.through
    return queryset.filter(
        Exists(through.objects.filter(cooperationagreement=OuterRef("pk"), major_id=major_id))
    )


def with_review_due(queryset: QuerySet, *, today: date | None = None) -> QuerySet:
    """Agreements with a pending review due within 30 days (or overdue)."""
    today = today or timezone.localdate()
    due = AnnualReview.objects.filter(
        agreement=OuterRef("pk"),
        status=AnnualReview.Status.PENDING,
        due_on__lte=today + timedelta(days=30),
    )
    return queryset.filter(Exists(due))


def agreement_events(agreement: CooperationAgreement) -> QuerySet[AgreementEvent]:
    return agreement.events.select_related("actor")


def review_visible_to(user) -> QuerySet[AnnualReview]:
    scope = _agreement_scope(user)
    if scope is None:
        return AnnualReview.objects.none()
    agreements = CooperationAgreement.objects.filter(scope)
    return AnnualReview.objects.filter(agreement__in=agreements).select_related(
        "agreement", "agreement__enterprise"
    )


def reviews_due(user, *, today: date | None = None, within_days: int = 30):
    """Pending reviews due within ``within_days`` days, overdue ones included."""
    today = today or timezone.localdate()
    return review_visible_to(user).filter(
        status=AnnualReview.Status.PENDING, due_on__lte=today + timedelta(days=within_days)
    )


def document_visible_to(user) -> QuerySet[AgreementDocument]:
    scope = _agreement_scope(user)
    if scope is None:
        return AgreementDocument.objects.none()
    agreements = CooperationAgreement.objects.filter(scope)
    return AgreementDocument.objects.filter(agreement__in=agreements).select_related("uploaded_by")


def workstation_visible_to(user) -> QuerySet[Workstation]:
    role = role_of(user)
    if role in _STAFF:
        queryset = Workstation.objects.all()
    elif role == Role.LIAISON:
        queryset = Workstation.objects.filter(enterprise_id=enterprise_id_of(user))
    else:
        return Workstation.objects.none()
    return queryset.select_related("enterprise", "agreement", "school_leader")


def _deep_partner_agreements():
    return CooperationAgreement.objects.filter(
        status=CooperationAgreement.Status.ACTIVE, depth=Depth.DEEP
    )


def major_coverage(user) -> QuerySet[Major]:
    """Majors with how many enterprises are their deep partners right now.

    A major is covered when an active agreement of depth "deep" lists it;
    ``deep_partners`` counts the distinct enterprises of those agreements.
    """
    return (
        major_visible_to(user)
        .annotate(
            deep_partners=Count(
                "agreements__enterprise",
                filter=Q(
                    agreements__status=CooperationAgreement.Status.ACTIVE,
                    agreements__depth=Depth.DEEP,
                ),
                distinct=True,
            ),
            active_agreements=Count(
                "agreements",
                filter=Q(agreements__status=CooperationAgreement.Status.ACTIVE),
                distinct=True,
            ),
        )
        .order_by("department__code", "code")
    )


def majors_without_deep_partner(user=None) -> QuerySet[Major]:
    """Majors that no active deep agreement lists (the majors page flags them)."""
    through = CooperationAgreement.majors.through
    covered = through.objects.filter(
        major_id=OuterRef("pk"), cooperationagreement__in=_deep_partner_agreements()
    )
    base = (
        major_visible_to(user) if user is not None else Major.objects.select_related("department")
    )
    return base.filter(~Exists(covered))


def vetting_visible_to(user) -> QuerySet:
    """Vettings of the enterprises the user may see (a liaison: their own)."""
    from partnerships.models import EnterpriseVetting

    return EnterpriseVetting.objects.filter(
        enterprise__in=enterprise_visible_to(user)
    ).select_related("enterprise")


def internship_units(day: date | None = None) -> QuerySet:
    """The published list of internship units: enterprises with an approved,
    published vetting valid on ``day`` (today by default), each once, with the
    latest such vetting's dates."""
    from django.db.models import Max

    from partnerships.models import EnterpriseVetting

    day = day or timezone.localdate()
    valid = EnterpriseVetting.objects.published(day)
    return (
        Enterprise.objects.filter(vettings__in=valid)
        .annotate(
            vetted_on=Max("vettings__inspected_on"),
            vetting_valid_until=Max("vettings__valid_until"),
        )
        .order_by("name", "id")
        .distinct()
    )
