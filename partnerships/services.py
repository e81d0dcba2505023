"""Every write to partnerships goes through a function here."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import is_staff_member
from common.exceptions import RuleError
from common.services import idempotency_keys_purge
from notifications.services import notification_send
from partnerships.credit_code import normalize, validate_credit_code
from partnerships.models import (
    FIGURE_FIELDS,
    SCORE_FIELDS,
    AgreementDocument,
    AgreementEvent,
    AgreementMode,
    AgreementNumberSequence,
    AnnualReview,
    CooperationAgreement,
    Department,
    Enterprise,
    EnterpriseContact,
    Major,
    Mode,
    Workstation,
    depth_of,
)

ENTERPRISE_FIELDS = (
    "name",
    "credit_code",
    "industry",
    "size",
    "city",
    "workforce",
    "is_integration_enterprise",
    "status",
    "notes",
)


def _clean_enterprise(values: dict[str, Any], *, instance: Enterprise | None = None) -> dict:
    values = dict(values)
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
        if not values["name"]:
            raise RuleError("name_required", _("An enterprise needs a name."), field="name")
        same = Enterprise.objects.filter(name__iexact=values["name"])
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            raise RuleError(
                "enterprise_name_taken",
                _("An enterprise with this name already exists."),
                field="name",
            )
    if "credit_code" in values:
        code = normalize(values["credit_code"] or "")
        if code:
            try:
                validate_credit_code(code)
            except ValidationError as exc:
                raise RuleError(
                    "credit_code_invalid", exc.messages[0], field="credit_code"
                ) from None
            same = Enterprise.objects.filter(credit_code=code)
            if instance is not None:
                same = same.exclude(pk=instance.pk)
            if same.exists():
                raise RuleError(
                    "credit_code_taken",
                    _("Another enterprise already has this credit code."),
                    field="credit_code",
                )
        values["credit_code"] = code or None
    return values


@transaction.atomic
def enterprise_create(**fields: Any) -> Enterprise:
    values = _clean_enterprise({k: v for k, v in fields.items() if k in ENTERPRISE_FIELDS})
    return Enterprise.objects.create(**values)


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, **fields: Any) -> Enterprise:
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    values = _clean_enterprise(
        {k: v for k, v in fields.items() if k in ENTERPRISE_FIELDS}, instance=enterprise
    )
    for key, value in values.items():
        setattr(enterprise, key, value)
    enterprise.save()
    return enterprise


@transaction.atomic
def enterprise_contact_save(
    *, enterprise: Enterprise, contact: EnterpriseContact | None = None, **fields: Any
) -> EnterpriseContact:
    contact = contact or EnterpriseContact(enterprise=enterprise)
    for key in ("name", "title", "phone", "email", "is_primary"):
        if key in fields:
            setattr(contact, key, fields[key])
    if contact.is_primary:
        # Only one primary contact: the database enforces it, we demote the old one.
        EnterpriseContact.objects.filter(enterprise=enterprise, is_primary=True).exclude(
            pk=contact.pk
        ).update(is_primary=False)
    contact.save()
    return contact


def department_create(*, code: str, name: str) -> Department:
    return Department.objects.create(code=code, name=name)


def major_create(*, code: str, name: str, department: Department) -> Major:
    return Major.objects.create(code=code, name=name, department=department)


# ---------------------------------------------------------------------------
# Cooperation agreements
# ---------------------------------------------------------------------------

Status = CooperationAgreement.Status
REVIEW_LEAD_DAYS = 30  # pending reviews appear this many days before they are due


def _invalid_transition(agreement: CooperationAgreement, action: str) -> RuleError:
    return RuleError(
        "invalid_transition",
        _("A %(status)s agreement cannot be %(action)s.")
        % {"status": agreement.get_status_display().lower(), "action": action},
    )


def _log(
    agreement: CooperationAgreement,
    kind: str,
    *,
    actor: User | None = None,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
) -> None:
    AgreementEvent.objects.create(
        agreement=agreement,
        kind=kind,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
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


def _review_for(agreement: CooperationAgreement, due_on: date) -> tuple[AnnualReview, bool]:
    return AnnualReview.objects.get_or_create(
        agreement=agreement, year=due_on.year, defaults={"due_on": due_on}
    )


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


# ---------------------------------------------------------------------------
# Annual reviews
# ---------------------------------------------------------------------------

ReviewStatus = AnnualReview.Status


@transaction.atomic
def review_create_pending(*, today: date | None = None) -> int:
    """Create the missing reviews of active agreements due within 30 days.

    One per agreement and year (the unique constraint backs this up), so the
    daily roll can run it any number of times. Returns how many were created.
    """
    today = today or timezone.localdate()
    horizon = today + timedelta(days=REVIEW_LEAD_DAYS)
    created = 0
    agreements = CooperationAgreement.objects.filter(
        status=Status.ACTIVE, starts_on__lte=horizon
    ).prefetch_related("reviews")
    for agreement in agreements:
        years = {review.year for review in agreement.reviews.all()}
        for due_on in review_due_dates(agreement):
            if due_on > horizon:
                break
            if due_on.year in years:
                continue
            try:
                with transaction.atomic():
                    _review, made = _review_for(agreement, due_on)
            except IntegrityError:  # a concurrent roll created it first
                made = False
            created += int(made)
    return created


def statuses_roll(*, today: date) -> dict[str, int]:
    """The daily roll: expire agreements past their end, then create the
    pending annual reviews (so the reminders that follow see them), and forget
    the old idempotency keys of API creates."""
    return {
        "agreement_expire_due": agreement_expire_due(today=today),
        "review_create_pending": review_create_pending(today=today),
        # Replays of API creates are kept for IDEMPOTENCY_KEY_HOURS, then forgotten.
        "idempotency_keys_purge": idempotency_keys_purge(),
    }


def _lock_review(review: AnnualReview) -> AnnualReview:
    return AnnualReview.objects.select_for_update().select_related("agreement").get(pk=review.pk)


@transaction.atomic
def review_update(*, review: AnnualReview, **fields: Any) -> AnnualReview:
    """Fill in a pending review: scores, decision, texts and the year's figures."""
    review = _lock_review(review)
    if review.status != ReviewStatus.PENDING:
        raise RuleError(
            "review_locked",
            _("Only a pending review can be edited; this one is %(status)s.")
            % {"status": review.get_status_display().lower()},
        )
    scores = fields.pop("scores", None) or {}
    for key, value in scores.items():
        if key not in SCORE_FIELDS:
            raise RuleError(
                "score_unknown", _("Unknown score: %(key)s.") % {"key": key}, field="scores"
            )
        if value is not None and not (isinstance(value, int) and 1 <= value <= 5):
            raise RuleError(
                "score_out_of_range", _("Each score is a whole number from 1 to 5."), field="scores"
            )
        setattr(review, key, value)
    for key in SCORE_FIELDS:
        if key in fields:
            value = fields[key]
            if value is not None and not 1 <= int(value) <= 5:
                raise RuleError(
                    "score_out_of_range", _("Each score is a whole number from 1 to 5."), field=key
                )
            setattr(review, key, value)
    for key in ("decision", "summary", "next_year_plan"):
        if key in fields:
            setattr(review, key, fields[key] or "")
    for key in FIGURE_FIELDS:
        if key in fields and fields[key] is not None:
            if fields[key] < 0:
                raise RuleError("negative_amount", _("A figure cannot be negative."), field=key)
            setattr(review, key, fields[key])
    review.save()
    return review


@transaction.atomic
def review_save_and_submit(*, review: AnnualReview, **fields: Any) -> AnnualReview:
    """Save the given values and submit, all or nothing: when the submit is
    refused (a score missing, no decision) the values are not saved either."""
    review_update(review=review, **fields)
    return review_submit(review=review)


@transaction.atomic
def review_submit(*, review: AnnualReview) -> AnnualReview:
    """pending -> submitted, once every score (1-5) and a decision are given."""
    review = _lock_review(review)
    if review.status != ReviewStatus.PENDING:
        raise RuleError(
            "invalid_transition",
            _("Only a pending review can be submitted; this one is %(status)s.")
            % {"status": review.get_status_display().lower()},
        )
    missing = [name for name, value in review.scores.items() if value is None]
    if missing:
        raise RuleError(
            "scores_incomplete",
            _("Give every score from 1 to 5 before submitting (missing: %(names)s).")
            % {"names": ", ".join(missing)},
            field="scores",
        )
    if any(not 1 <= value <= 5 for value in review.scores.values()):
        raise RuleError(
            "score_out_of_range", _("Each score is a whole number from 1 to 5."), field="scores"
        )
    if not review.decision:
        raise RuleError(
            "decision_required", _("Choose a decision before submitting."), field="decision"
        )
    review.status = ReviewStatus.SUBMITTED
    review.submitted_at = timezone.now()
    review.save(update_fields=["status", "submitted_at", "updated_at"])
    return review


@transaction.atomic
def review_approve(*, review: AnnualReview, actor: User | None) -> AnnualReview:
    """submitted -> approved; a "terminate" decision flags the agreement for its owner."""
    review = _lock_review(review)
    if review.status != ReviewStatus.SUBMITTED:
        raise RuleError(
            "invalid_transition",
            _("Only a submitted review can be approved; this one is %(status)s.")
            % {"status": review.get_status_display().lower()},
        )
    review.status = ReviewStatus.APPROVED
    review.approved_at = timezone.now()
    review.approved_by = actor
    review.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    agreement = CooperationAgreement.objects.select_for_update().get(pk=review.agreement_id)
    _log(
        agreement,
        AgreementEvent.Kind.REVIEW_APPROVED,
        actor=actor,
        note=f"{review.year}: {review.get_decision_display()}",
    )
    if review.decision == AnnualReview.Decision.TERMINATE:
        agreement.flagged_for_owner = True
        agreement.flag_reason = _(
            "The %(year)s annual review decided to terminate this agreement."
        ) % {"year": review.year}
        agreement.save(update_fields=["flagged_for_owner", "flag_reason", "updated_at"])
        _log(agreement, AgreementEvent.Kind.FLAGGED, actor=actor, note=agreement.flag_reason)
        notification_send(
            recipients=[agreement.owner],
            kind="agreement_flagged",
            subject=_("Agreement %(number)s: the annual review decided to terminate")
            % {"number": agreement.number},
            body=agreement.flag_reason + "\n\n" + (review.summary or ""),
            obj=agreement,
            url=reverse("partnerships:agreement-detail", args=[agreement.pk]),
        )
    return review


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------

# Extension -> (content type, a check on the first bytes). Both the name and
# the content must agree, so a renamed executable is refused.
_ZIP = b"PK\x03\x04"
DOCUMENT_TYPES: dict[str, tuple[str, Any]] = {
    ".pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    ".jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head: head.startswith(_ZIP),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda head: head.startswith(_ZIP),
    ),
}


def _sniff_office(uploaded, suffix: str) -> bool:
    """A .docx holds word/, an .xlsx holds xl/: checked inside the zip."""
    import zipfile

    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded.seek(0)
    prefix = "word/" if suffix == ".docx" else "xl/"
    return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)


def document_check(uploaded) -> str:
    """The upload's content type, or a RuleError when its type or size is refused."""
    size = getattr(uploaded, "size", None) or 0
    if size == 0:
        raise RuleError("file_empty", _("The file is empty."), field="file")
    if size > settings.DOCUMENT_MAX_BYTES:
        raise RuleError(
            "file_too_large",
            _("A document may be at most %(mb).1f MB.")
            % {"mb": settings.DOCUMENT_MAX_BYTES / 1024 / 1024},
            field="file",
        )
    suffix = Path(uploaded.name or "").suffix.lower()
    if suffix not in DOCUMENT_TYPES:
        raise RuleError(
            "file_type",
            _("Upload a PDF, JPG, PNG, DOCX or XLSX file."),
            field="file",
        )
    content_type, matches = DOCUMENT_TYPES[suffix]
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    ok = matches(head) and (suffix not in (".docx", ".xlsx") or _sniff_office(uploaded, suffix))
    if not ok:
        raise RuleError(
            "file_type",
            _("The file's content does not match its %(ext)s extension.") % {"ext": suffix},
            field="file",
        )
    return content_type


@transaction.atomic
def document_upload(
    *, agreement: CooperationAgreement, actor: User, file, kind: str = "other"
) -> AgreementDocument:
    content_type = document_check(file)
    if kind not in AgreementDocument.Kind.values:
        raise RuleError("kind_invalid", _("Unknown document kind."), field="kind")
    original = Path(file.name).name[:200]
    document = AgreementDocument(
        agreement=agreement,
        kind=kind,
        original_name=original,
        content_type=content_type,
        size=file.size,
        uploaded_by=actor,
    )
    document.file.save(original, file, save=False)
    document.save()
    _log(agreement, AgreementEvent.Kind.DOCUMENT_ADDED, actor=actor, note=original)
    return document


@transaction.atomic
def document_delete(*, document: AgreementDocument) -> None:
    name = document.file.name
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


# ---------------------------------------------------------------------------
# Workstations
# ---------------------------------------------------------------------------

WORKSTATION_FIELDS = (
    "enterprise",
    "agreement",
    "name",
    "enterprise_leader_name",
    "enterprise_leader_title",
    "school_leader",
    "members",
    "activities",
    "established_on",
)


def _clean_workstation(workstation: Workstation) -> None:
    workstation.name = (workstation.name or "").strip()
    workstation.enterprise_leader_name = (workstation.enterprise_leader_name or "").strip()
    if not workstation.name:
        raise RuleError("name_required", _("A workstation needs a name."), field="name")
    if not workstation.enterprise_leader_name:
        raise RuleError(
            "enterprise_leader_required",
            _("A workstation needs an enterprise leader (the enterprise expert)."),
            field="enterprise_leader_name",
        )
    if workstation.agreement_id is None or workstation.enterprise_id is None:
        raise RuleError("agreement_required", _("Choose the agreement."), field="agreement")
    leader = workstation.school_leader if workstation.school_leader_id else None
    if not is_staff_member(leader):
        raise RuleError(
            "school_leader_required",
            _("A workstation needs a school leader: an active teacher or administrator."),
            field="school_leader",
        )
    if workstation.agreement.enterprise_id != workstation.enterprise_id:
        raise RuleError(
            "agreement_enterprise_mismatch",
            _("The agreement belongs to another enterprise."),
            field="agreement",
        )
    same = Workstation.objects.filter(
        enterprise_id=workstation.enterprise_id, name__iexact=workstation.name
    ).exclude(pk=workstation.pk)
    if same.exists():
        raise RuleError(
            "workstation_name_taken",
            _("This enterprise already has a workstation with this name."),
            field="name",
        )


@transaction.atomic
def workstation_create(**fields: Any) -> Workstation:
    if fields.get("agreement") is not None and fields.get("enterprise") is None:
        fields["enterprise"] = fields["agreement"].enterprise
    workstation = Workstation(**{k: v for k, v in fields.items() if k in WORKSTATION_FIELDS})
    if workstation.enterprise_id is None or workstation.agreement_id is None:
        raise RuleError("agreement_required", _("Choose the agreement."), field="agreement")
    _clean_workstation(workstation)
    workstation.save()
    return workstation


@transaction.atomic
def workstation_update(*, workstation: Workstation, **fields: Any) -> Workstation:
    workstation = Workstation.objects.select_for_update().get(pk=workstation.pk)
    for key, value in fields.items():
        if key in WORKSTATION_FIELDS:
            if value is None and key in ("name", "enterprise_leader_name", "members", "activities"):
                value = ""
            setattr(workstation, key, value)
    _clean_workstation(workstation)
    workstation.save()
    return workstation
