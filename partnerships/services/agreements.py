"""Cooperation agreements: numbers, modes, the status flow and renewals."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import is_staff_member
from common.exceptions import RuleError
from partnerships.models import (
    AgreementEvent,
    AgreementMode,
    AgreementNumberSequence,
    CooperationAgreement,
    Enterprise,
    Major,
    Mode,
    depth_of,
)

from ._shared import _log, _review_for

Status = CooperationAgreement.Status
REVIEW_LEAD_DAYS = 30  # pending reviews appear this many days before they are due


def _invalid_transition(agreement: CooperationAgreement, action: str) -> RuleError:
    return RuleError(
        "invalid_transition",
        _("This agreement is %(status)s; it cannot be %(action)s.")
        % {"status": agreement.get_status_display().lower(), "action": action},
    )


def _next_number(year: int) -> str:
    """HZ-<year>-<nnnn>, counting per year.

    The year's counter row is locked, so two agreements created at once never
    get the same number; the unique column backs this up.
    """
    try:
        with transaction.atomic():
            AgreementNumberSequence.objects.get_or_create(year=year)
    except IntegrityError:  # created by a concurrent transaction just now
        pass
    sequence = AgreementNumberSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"HZ-{year}-{sequence.last:04d}"


def agreement_next_number(*, year: int) -> str:
    with transaction.atomic():
        return _next_number(year)


def agreement_sync_depth(*, agreement: CooperationAgreement) -> CooperationAgreement:
    """Store the depth its modes give (after an edit outside the services, e.g. admin)."""
    depth = depth_of(agreement.mode_rows.values_list("code", flat=True))
    if agreement.depth != depth:
        CooperationAgreement.objects.filter(pk=agreement.pk).update(depth=depth)
        agreement.depth = depth
    return agreement


def _check_owner(owner: User | None) -> None:
    if not is_staff_member(owner):
        raise RuleError(
            "owner_not_staff",
            _("The owner must be an active administrator or teacher."),
            field="owner",
        )


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise RuleError(
            "ends_before_start",
            _("An agreement cannot end before it starts."),
            field="ends_on",
        )


def _check_money(values: dict) -> None:
    for key in ("school_investment", "enterprise_investment"):
        if key in values and values[key] is not None and Decimal(values[key]) < 0:
            raise RuleError("negative_amount", _("An amount cannot be negative."), field=key)


def _set_modes(agreement: CooperationAgreement, modes: Iterable[str]) -> None:
    codes = sorted(set(modes))
    valid = {m.value for m in Mode}
    unknown = [c for c in codes if c not in valid]
    if unknown:
        raise RuleError(
            "mode_invalid",
            _("Unknown cooperation mode: %(modes)s.") % {"modes": ", ".join(unknown)},
            field="modes",
        )
    agreement.mode_rows.exclude(code__in=codes).delete()
    existing = set(agreement.mode_rows.values_list("code", flat=True))
    AgreementMode.objects.bulk_create(
        [AgreementMode(agreement=agreement, code=c) for c in codes if c not in existing]
    )
    depth = depth_of(codes)
    if agreement.depth != depth:
        agreement.depth = depth
        agreement.save(update_fields=["depth", "updated_at"])


AGREEMENT_FIELDS = (
    "title",
    "enterprise",
    "starts_on",
    "ends_on",
    "signed_on",
    "owner",
    "school_investment",
    "enterprise_investment",
    "school_obligations",
    "enterprise_obligations",
)
# Once active, the parties, the term and the signature are fixed: a change of
# term is a renewal, not an edit.
LOCKED_WHEN_ACTIVE = ("enterprise", "starts_on", "ends_on", "signed_on")


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    title: str,
    enterprise: Enterprise,
    starts_on: date,
    ends_on: date,
    majors: Iterable[Major] = (),
    modes: Iterable[str] = (),
    owner: User | None = None,
    signed_on: date | None = None,
    school_investment: Decimal = Decimal("0"),
    enterprise_investment: Decimal = Decimal("0"),
    school_obligations: str = "",
    enterprise_obligations: str = "",
    renews: CooperationAgreement | None = None,
    today: date | None = None,
) -> CooperationAgreement:
    """A new draft agreement with a generated number."""
    owner = owner or actor
    _check_owner(owner)
    _check_dates(starts_on, ends_on)
    _check_money(
        {"school_investment": school_investment, "enterprise_investment": enterprise_investment}
    )
    if not (title or "").strip():
        raise RuleError("title_required", _("An agreement needs a title."), field="title")
    year = (today or timezone.localdate()).year
    agreement = CooperationAgreement.objects.create(
        number=_next_number(year),
        title=title.strip(),
        enterprise=enterprise,
        starts_on=starts_on,
        ends_on=ends_on,
        signed_on=signed_on,
        owner=owner,
        school_investment=school_investment or Decimal("0"),
        enterprise_investment=enterprise_investment or Decimal("0"),
        school_obligations=school_obligations or "",
        enterprise_obligations=enterprise_obligations or "",
        renews=renews,
    )
    agreement.majors.set(list(majors))
    _set_modes(agreement, modes)
    _log(agreement, AgreementEvent.Kind.CREATED, actor=actor, to_status=Status.DRAFT)
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: CooperationAgreement, actor: User, **fields: Any
) -> CooperationAgreement:
    """Edit a draft freely, an active agreement except its parties, term and signature."""
    agreement = CooperationAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status not in (Status.DRAFT, Status.ACTIVE):
        raise RuleError(
            "agreement_closed",
            _("An expired or terminated agreement can no longer be edited."),
        )
    values = {k: v for k, v in fields.items() if k in AGREEMENT_FIELDS}
    if agreement.status == Status.ACTIVE:
        for key in LOCKED_WHEN_ACTIVE:
            if key in values and values[key] != getattr(agreement, key):
                raise RuleError(
                    "field_locked",
                    _("This cannot change once the agreement is active; renew it instead."),
                    field=key,
                )
    if "owner" in values:
        values["owner"] = values["owner"] or agreement.owner
        _check_owner(values["owner"])
    if "title" in values:
        values["title"] = (values["title"] or "").strip()
        if not values["title"]:
            raise RuleError("title_required", _("An agreement needs a title."), field="title")
    _check_money(values)
    for key, value in values.items():
        if key in ("school_investment", "enterprise_investment") and value is None:
            value = Decimal("0")
        if key in ("school_obligations", "enterprise_obligations") and value is None:
            value = ""
        setattr(agreement, key, value)
    _check_dates(agreement.starts_on, agreement.ends_on)
    agreement.save()
    if "majors" in fields and fields["majors"] is not None:
        agreement.majors.set(list(fields["majors"]))
    if "modes" in fields and fields["modes"] is not None:
        _set_modes(agreement, fields["modes"])
    _log(agreement, AgreementEvent.Kind.UPDATED, actor=actor)
    return agreement


def anniversary(start: date, years: int) -> date:
    """``start`` plus whole years; 29 February falls back to 28 February."""
    year = start.year + years
    day = min(start.day, calendar.monthrange(year, start.month)[1])
    return start.replace(year=year, day=day)


def review_due_dates(agreement: CooperationAgreement) -> list[date]:
    """One review per year of the term, each due on an anniversary of starts_on.

    The year that begins on the n-th anniversary is reviewed on the next one,
    so every year that begins within the term gets its review.
    """
    dates = []
    n = 1
    while anniversary(agreement.starts_on, n - 1) <= agreement.ends_on:
        dates.append(anniversary(agreement.starts_on, n))
        n += 1
    return dates


@transaction.atomic
def agreement_activate(
    *, agreement: CooperationAgreement, actor: User | None, today: date | None = None
) -> CooperationAgreement:
    """draft -> active; needs signed_on, creates the first pending review."""
    today = today or timezone.localdate()
    agreement = CooperationAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Status.DRAFT:
        raise _invalid_transition(agreement, _("activated"))
    if agreement.signed_on is None:
        raise RuleError(
            "signed_on_required",
            _("Record the signing date before activating the agreement."),
            field="signed_on",
        )
    if agreement.ends_on < today:
        raise RuleError(
            "agreement_ended",
            _("This agreement's term has already ended; it cannot be activated."),
            field="ends_on",
        )
    agreement.status = Status.ACTIVE
    agreement.save(update_fields=["status", "updated_at"])
    _review_for(agreement, review_due_dates(agreement)[0])
    _log(
        agreement,
        AgreementEvent.Kind.ACTIVATED,
        actor=actor,
        from_status=Status.DRAFT,
        to_status=Status.ACTIVE,
    )
    return agreement


@transaction.atomic
def agreement_terminate(
    *, agreement: CooperationAgreement, actor: User | None, reason: str
) -> CooperationAgreement:
    """active -> terminated, with the reason on record."""
    agreement = CooperationAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Status.ACTIVE:
        raise _invalid_transition(agreement, _("terminated"))
    reason = (reason or "").strip()
    if not reason:
        raise RuleError(
            "reason_required", _("Give the reason for terminating the agreement."), field="reason"
        )
    agreement.status = Status.TERMINATED
    agreement.termination_reason = reason
    agreement.save(update_fields=["status", "termination_reason", "updated_at"])
    _log(
        agreement,
        AgreementEvent.Kind.TERMINATED,
        actor=actor,
        from_status=Status.ACTIVE,
        to_status=Status.TERMINATED,
        note=reason,
    )
    return agreement


@transaction.atomic
def agreement_renew(
    *,
    agreement: CooperationAgreement,
    actor: User,
    ends_on: date,
    today: date | None = None,
) -> CooperationAgreement:
    """A new draft continuing an active or expired agreement from the day after it ends."""
    agreement = CooperationAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status not in (Status.ACTIVE, Status.EXPIRED):
        raise _invalid_transition(agreement, _("renewed"))
    if agreement.renewals.exclude(status=Status.TERMINATED).exists():
        raise RuleError("already_renewed", _("This agreement already has a renewal."))
    # The renewal continues from the day after the old end; one renewed after
    # a lapse starts today instead of in the past.
    starts_on = max(agreement.ends_on + timedelta(days=1), today or timezone.localdate())
    if ends_on < starts_on:
        raise RuleError(
            "ends_before_start",
            _("The renewal starts on %(date)s; it cannot end before that.")
            % {"date": starts_on.isoformat()},
            field="ends_on",
        )
    owner = agreement.owner if is_staff_member(agreement.owner) else actor
    renewal = agreement_create(
        actor=actor,
        title=agreement.title,
        enterprise=agreement.enterprise,
        starts_on=starts_on,
        ends_on=ends_on,
        majors=agreement.majors.all(),
        modes=agreement.mode_codes,
        owner=owner,
        school_investment=agreement.school_investment,
        enterprise_investment=agreement.enterprise_investment,
        school_obligations=agreement.school_obligations,
        enterprise_obligations=agreement.enterprise_obligations,
        renews=agreement,
        today=today,
    )
    _log(agreement, AgreementEvent.Kind.RENEWED, actor=actor, note=renewal.number)
    return renewal


@transaction.atomic
def agreement_delete(*, agreement: CooperationAgreement) -> None:
    """Only a draft may be deleted; anything signed stays on record."""
    agreement = CooperationAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Status.DRAFT:
        raise _invalid_transition(agreement, _("deleted"))
    files = [(d.file.storage, d.file.name) for d in agreement.documents.all()]
    agreement.delete()
    # The stored files go only once the rows are gone for good.
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


@transaction.atomic
def agreement_expire_due(*, today: date | None = None) -> int:
    """Active agreements past their end date become expired; returns how many.

    The daily status roll calls this; running it twice changes nothing more.
    """
    today = today or timezone.localdate()
    due = list(
        CooperationAgreement.objects.select_for_update()
        .filter(status=Status.ACTIVE, ends_on__lt=today)
        .order_by("pk")
    )
    for agreement in due:
        agreement.status = Status.EXPIRED
        agreement.save(update_fields=["status", "updated_at"])
        _log(
            agreement,
            AgreementEvent.Kind.EXPIRED,
            from_status=Status.ACTIVE,
            to_status=Status.EXPIRED,
        )
    return len(due)
