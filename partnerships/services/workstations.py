"""Workstations at an enterprise."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import is_staff_member
from common.exceptions import RuleError
from partnerships.models import (
    Workstation,
)

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
