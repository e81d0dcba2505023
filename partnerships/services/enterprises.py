"""Enterprises and their contacts, departments and majors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from partnerships.credit_code import normalize, validate_credit_code
from partnerships.models import (
    Department,
    Enterprise,
    EnterpriseContact,
    Major,
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
