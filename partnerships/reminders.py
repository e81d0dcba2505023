"""Reminders about agreements and their annual reviews (registered in apps.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from notifications.reminders import Due, ReminderKind, is_active, latest_stage, url_for
from partnerships.models import AnnualReview, CooperationAgreement, Enterprise, EnterpriseVetting

REVIEW_STAGES = [("30d", 30), ("7d", 7), ("0d", 0), ("overdue", -1)]


def find_reviews_due(today: dt.date) -> Iterator[Due]:
    """Pending annual reviews due in 30, 7 or 0 days, or overdue: to the agreement's owner."""
    reviews = (
        AnnualReview.objects.filter(
            status=AnnualReview.Status.PENDING, due_on__lte=today + dt.timedelta(days=30)
        )
        .select_related("agreement__owner")
        .order_by("pk")
    )
    for review in reviews.iterator(chunk_size=2000):
        agreement = review.agreement
        days = (review.due_on - today).days
        stage = latest_stage(days, REVIEW_STAGES)
        if stage is None or not is_active(agreement.owner):
            continue
        if days < 0:
            subject = format_lazy(
                _("Overdue annual review: {agreement}"), agreement=agreement.title
            )
        elif days == 0:
            subject = format_lazy(
                _("Annual review due today: {agreement}"), agreement=agreement.title
            )
        else:
            subject = format_lazy(
                _("Annual review due in {days} days: {agreement}"),
                days=days,
                agreement=agreement.title,
            )
        body = format_lazy(
            _("The annual review of agreement {number} “{agreement}” is due on {due}."),
            number=agreement.number,
            agreement=agreement.title,
            due=review.due_on.isoformat(),
        )
        url = url_for("partnerships:review-detail", review.pk)
        yield Due(agreement.owner, review, stage, subject, body, url)


AGREEMENT_STAGES = [("90d", 90), ("30d", 30)]


def find_agreements_expiring(today: dt.date) -> Iterator[Due]:
    """Active agreements ending within 90 and within 30 days: to the owner."""
    agreements = (
        CooperationAgreement.objects.filter(
            status=CooperationAgreement.Status.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=today + dt.timedelta(days=90),
        )
        .select_related("owner")
        .order_by("pk")
    )
    for agreement in agreements.iterator(chunk_size=2000):
        days = (agreement.ends_on - today).days
        stage = latest_stage(days, AGREEMENT_STAGES)
        if stage is None or not is_active(agreement.owner):
            continue
        subject = format_lazy(
            _("Agreement expires in {days} days: {agreement}"), days=days, agreement=agreement.title
        )
        body = format_lazy(
            _("Agreement {number} “{agreement}” ends on {ends}. Renew it or let it expire."),
            number=agreement.number,
            agreement=agreement.title,
            ends=agreement.ends_on.isoformat(),
        )
        url = url_for("partnerships:agreement-detail", agreement.pk)
        # The end date is part of the stage: an agreement extended after its
        # reminder is reminded again before its new end.
        stage = f"{stage}@{agreement.ends_on.isoformat()}"
        yield Due(agreement.owner, agreement, stage, subject, body, url)


def find_vettings_expiring(today: dt.date) -> Iterator[Due]:
    """Approved vettings of active enterprises expiring within
    ``INTERNSHIP_VETTING_REMINDER_DAYS`` with no later approved vetting: to the
    administrators, so the enterprise is re-vetted before placements stop."""
    from django.conf import settings
    from django.db.models import Exists, OuterRef

    from accounts.selectors import administrators

    lead = settings.INTERNSHIP_VETTING_REMINDER_DAYS
    later = EnterpriseVetting.objects.filter(
        enterprise_id=OuterRef("enterprise_id"),
        decision=EnterpriseVetting.Decision.APPROVED,
        valid_until__gt=OuterRef("valid_until"),
    )
    vettings = (
        EnterpriseVetting.objects.filter(
            decision=EnterpriseVetting.Decision.APPROVED,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=lead),
            enterprise__status=Enterprise.Status.ACTIVE,
        )
        .exclude(Exists(later))
        .select_related("enterprise")
        .order_by("pk")
    )
    admins = None
    for vetting in vettings.iterator(chunk_size=2000):
        if admins is None:
            admins = list(administrators().order_by("pk"))
        subject = format_lazy(
            _("Internship vetting expires on {date}: {enterprise}"),
            date=vetting.valid_until.isoformat(),
            enterprise=vetting.enterprise.name,
        )
        body = format_lazy(
            _(
                "The vetting of {enterprise} as an internship unit expires on {date}; "
                "re-vet it so that new placements may go there."
            ),
            enterprise=vetting.enterprise.name,
            date=vetting.valid_until.isoformat(),
        )
        url = url_for("partnerships:enterprise-detail", vetting.enterprise_id)
        for user in admins:
            yield Due(user, vetting, f"{lead}d", subject, body, url)


KINDS = [
    ReminderKind(
        "vetting_expiring",
        _("Internship vetting expiring"),
        EnterpriseVetting,
        find_vettings_expiring,
    ),
    ReminderKind("review_due", _("Annual review due"), AnnualReview, find_reviews_due),
    ReminderKind(
        "agreement_expiring",
        _("Agreement expiring"),
        CooperationAgreement,
        find_agreements_expiring,
    ),
]

# Sent at once by review_approve when a review asks to improve or terminate.
IMMEDIATE_KINDS = {"agreement_flagged": _("Agreement flagged by its annual review")}
