"""Insurance policies and pay records of placements (2021 regulation, Art. 18 and 35)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from internships import policy as rules
from internships.models import FilingBatch, InsurancePolicy, PayRecord, Placement

INSURANCE_FIELDS = (
    "placement",
    "insurer",
    "kind",
    "number",
    "payer",
    "purchased_on",
    "covers_from",
    "covers_to",
    "premium",
    "charged_to_student",
)
PAY_FIELDS = ("placement", "month", "amount", "paid_on", "direct")


def _check_insurance(policy: InsurancePolicy) -> None:
    if policy.charged_to_student:
        raise RuleError(
            "premium_charged_to_student",
            _("The insurance premium may never be charged to the student."),
            field="charged_to_student",
            article=rules.ARTICLES[rules.PREMIUM_CHARGED_TO_STUDENT],
        )
    if policy.covers_to < policy.covers_from:
        raise RuleError(
            "dates_invalid",
            _("The coverage must not end before it starts."),
            field="covers_to",
        )
    placement = policy.placement
    if policy.covers_from > placement.starts_on or policy.covers_to < placement.ends_on:
        raise RuleError(
            "insurance_not_covering",
            _("The coverage must span the whole placement, %(start)s to %(end)s.")
            % {"start": placement.starts_on.isoformat(), "end": placement.ends_on.isoformat()},
            field="covers_to" if policy.covers_from <= placement.starts_on else "covers_from",
            article=rules.ARTICLES[rules.INSURANCE_NOT_COVERING],
        )


@transaction.atomic
def insurance_policy_create(**fields: Any) -> InsurancePolicy:
    policy = InsurancePolicy(**{k: v for k, v in fields.items() if k in INSURANCE_FIELDS})
    _check_insurance(policy)
    policy.save()
    return policy


@transaction.atomic
def insurance_policy_update(*, policy: InsurancePolicy, **fields: Any) -> InsurancePolicy:
    policy = InsurancePolicy.objects.select_for_update().get(pk=policy.pk)
    for key, value in fields.items():
        if key in INSURANCE_FIELDS:
            setattr(policy, key, value)
    _check_insurance(policy)
    policy.save()
    return policy


@transaction.atomic
def insurance_policy_delete(*, policy: InsurancePolicy) -> None:
    policy.delete()


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _check_pay(record: PayRecord) -> None:
    placement: Placement = record.placement
    record.month = month_start(record.month)
    if not month_start(placement.starts_on) <= record.month <= month_start(placement.ends_on):
        raise RuleError(
            "pay_month_outside_dates",
            _("%(month)s is outside the placement's months.")
            % {"month": record.month.strftime("%Y-%m")},
            field="month",
        )
    if record.paid_on < record.month:
        raise RuleError(
            "pay_date_invalid",
            _("Pay for a month cannot be paid before the month begins."),
            field="paid_on",
        )
    duplicate = PayRecord.objects.filter(placement=placement, month=record.month)
    if record.pk:
        duplicate = duplicate.exclude(pk=record.pk)
    if duplicate.exists():
        raise RuleError(
            "pay_record_duplicate",
            _("Pay for %(month)s is already recorded.") % {"month": record.month.strftime("%Y-%m")},
            field="month",
        )


@transaction.atomic
def pay_record_create(**fields: Any) -> PayRecord:
    """One month's pay; the month is stored as its first day. Pay not made
    directly to the student is kept and flagged (Art. 18), not refused: the
    record is the evidence."""
    record = PayRecord(**{k: v for k, v in fields.items() if k in PAY_FIELDS})
    _check_pay(record)
    record.save()
    return record


@transaction.atomic
def pay_record_update(*, record: PayRecord, **fields: Any) -> PayRecord:
    record = PayRecord.objects.select_for_update().get(pk=record.pk)
    for key, value in fields.items():
        if key in PAY_FIELDS:
            setattr(record, key, value)
    _check_pay(record)
    record.save()
    return record


@transaction.atomic
def pay_record_delete(*, record: PayRecord) -> None:
    record.delete()


FILING_FIELDS = ("title", "major", "cohort", "kind", "starts_from", "starts_to", "emergency_plan")


def _check_filing(batch: FilingBatch) -> None:
    if batch.starts_from and batch.starts_to and batch.starts_to < batch.starts_from:
        raise RuleError(
            "dates_invalid",
            _("The last start date must not be before the first."),
            field="starts_to",
        )
    if not (batch.emergency_plan or "").strip():
        raise RuleError(
            "emergency_plan_required",
            _("A filing includes the school's emergency plan for the internship."),
            field="emergency_plan",
        )


@transaction.atomic
def filing_create(*, actor=None, **fields: Any) -> FilingBatch:
    batch = FilingBatch(**{k: v for k, v in fields.items() if k in FILING_FIELDS}, created_by=actor)
    _check_filing(batch)
    batch.save()
    return batch


@transaction.atomic
def filing_update(*, batch: FilingBatch, **fields: Any) -> FilingBatch:
    batch = FilingBatch.objects.select_for_update().get(pk=batch.pk)
    for key, value in fields.items():
        if key in FILING_FIELDS:
            setattr(batch, key, value)
    _check_filing(batch)
    batch.save()
    return batch


@transaction.atomic
def filing_delete(*, batch: FilingBatch) -> None:
    batch.delete()
