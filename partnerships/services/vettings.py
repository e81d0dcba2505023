"""Vetting of enterprises as internship units (2021 internship regulation, Art. 7)."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from partnerships.models import EnterpriseVetting

VETTING_FIELDS = (
    "enterprise",
    "inspected_on",
    "inspector",
    "report",
    "decision",
    "decided_at_meeting",
    "published_on",
    "valid_until",
)


def vetting_default_expiry(inspected_on: datetime.date) -> datetime.date:
    """Re-vetting is due ``INTERNSHIP_VETTING_MONTHS`` after the inspection (yearly)."""
    index = inspected_on.month - 1 + settings.INTERNSHIP_VETTING_MONTHS
    year, month = inspected_on.year + index // 12, index % 12 + 1
    day = min(inspected_on.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day) - datetime.timedelta(days=1)


def _check(vetting: EnterpriseVetting) -> None:
    if vetting.valid_until is None:
        vetting.valid_until = vetting_default_expiry(vetting.inspected_on)
    if vetting.valid_until < vetting.inspected_on:
        raise RuleError(
            "dates_invalid",
            _("The vetting cannot expire before the inspection."),
            field="valid_until",
        )
    if vetting.decision not in EnterpriseVetting.Decision.values:
        raise RuleError("decision_invalid", _("Unknown decision."), field="decision")
    if vetting.published_on is not None:
        if vetting.decision != EnterpriseVetting.Decision.APPROVED:
            raise RuleError(
                "vetting_not_approved",
                _("Only an approved enterprise is published in the list of internship units."),
                field="published_on",
            )
        if vetting.published_on < vetting.inspected_on:
            raise RuleError(
                "dates_invalid",
                _("The vetting cannot be published before the inspection."),
                field="published_on",
            )


@transaction.atomic
def vetting_create(*, actor: User | None = None, **fields: Any) -> EnterpriseVetting:
    """A vetting with its report and decision; without ``valid_until`` it
    holds for ``INTERNSHIP_VETTING_MONTHS``."""
    vetting = EnterpriseVetting(
        **{k: v for k, v in fields.items() if k in VETTING_FIELDS}, recorded_by=actor
    )
    _check(vetting)
    vetting.save()
    return vetting


@transaction.atomic
def vetting_update(*, vetting: EnterpriseVetting, **fields: Any) -> EnterpriseVetting:
    vetting = EnterpriseVetting.objects.select_for_update().get(pk=vetting.pk)
    for key, value in fields.items():
        if key in VETTING_FIELDS:
            setattr(vetting, key, value)
    _check(vetting)
    vetting.save()
    return vetting


@transaction.atomic
def vetting_publish(
    *, vetting: EnterpriseVetting, on: datetime.date | None = None
) -> EnterpriseVetting:
    """Publish an approved vetting in the list of internship units (today by default)."""
    vetting = EnterpriseVetting.objects.select_for_update().get(pk=vetting.pk)
    if vetting.published_on is None:
        vetting.published_on = on or max(timezone.localdate(), vetting.inspected_on)
        _check(vetting)
        vetting.save(update_fields=["published_on", "updated_at"])
    return vetting


@transaction.atomic
def vetting_delete(*, vetting: EnterpriseVetting) -> None:
    vetting.delete()
