"""Annual reviews: pending ones, edits, submission and approval."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from notifications.services import notification_send
from partnerships import review_figures
from partnerships.models import (
    FIGURE_FIELDS,
    SCORE_FIELDS,
    AgreementEvent,
    AnnualReview,
    CooperationAgreement,
)

from ._shared import _log, _review_for
from .agreements import REVIEW_LEAD_DAYS, Status, review_due_dates

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
    derived = review_figures.derived([review]).get(review.pk, {})
    for key in FIGURE_FIELDS:
        if key in fields and fields[key] is not None:
            if fields[key] < 0:
                raise RuleError("negative_amount", _("A figure cannot be negative."), field=key)
            # A figure the records give changes only through a correction with
            # a reason (kept by the area that derives it), never by typing.
            if key in derived and fields[key] != getattr(review, key):
                if fields[key] != derived[key].value:
                    raise RuleError(
                        "figure_derived",
                        _(
                            "This figure comes from the cooperation records (%(value)s); "
                            "enter a correction with a reason to use another value."
                        )
                        % {"value": derived[key].value},
                        field=key,
                    )
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
