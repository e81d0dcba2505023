"""Members of a committee and their terms."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from councils.models import Committee, Membership
from partnerships.models import Enterprise, EnterpriseContact

from ._shared import _lock_committee

MEMBERSHIP_FIELDS = (
    "name",
    "title",
    "affiliation",
    "category",
    "role",
    "enterprise",
    "contact",
    "user",
    "term_start",
    "term_end",
)


def _check_membership(committee: Committee, values: dict[str, Any], instance=None) -> None:
    if not committee.is_active:
        raise RuleError(
            "committee_dissolved", _("A dissolved committee takes no changes."), field="committee"
        )
    if not (values.get("name") or "").strip():
        raise RuleError("name_required", _("A member needs a name."), field="name")
    start, end = values["term_start"], values.get("term_end")
    if end is not None and end < start:
        raise RuleError("term_dates", _("A term cannot end before it starts."), field="term_end")
    enterprise: Enterprise | None = values.get("enterprise")
    contact: EnterpriseContact | None = values.get("contact")
    if contact is not None and enterprise is not None and contact.enterprise_id != enterprise.pk:
        raise RuleError(
            "contact_enterprise_mismatch",
            _("This contact works for another enterprise."),
            field="contact",
        )
    if values.get("affiliation") == Membership.Affiliation.ENTERPRISE and enterprise is None:
        raise RuleError(
            "enterprise_required",
            _("A member from an enterprise names that enterprise."),
            field="enterprise",
        )
    overlapping = Membership.objects.filter(committee=committee).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=start)
    )
    if end is not None:
        overlapping = overlapping.filter(term_start__lte=end)
    if instance is not None:
        overlapping = overlapping.exclude(pk=instance.pk)
    if (
        values.get("role") == Membership.Role.CHAIR
        and overlapping.filter(role=Membership.Role.CHAIR).exists()
    ):
        raise RuleError(
            "chair_taken",
            _("The committee already has a chair for this term; end that term first."),
            field="role",
        )
    user = values.get("user")
    if user is not None and overlapping.filter(user=user).exists():
        raise RuleError(
            "already_member",
            _("This user is already a member of the committee for this term."),
            field="user",
        )


@transaction.atomic
def membership_add(
    *,
    committee: Committee,
    name: str,
    affiliation: str,
    category: str,
    term_start: datetime.date | None = None,
    role: str = Membership.Role.MEMBER,
    title: str = "",
    enterprise: Enterprise | None = None,
    contact: EnterpriseContact | None = None,
    user: User | None = None,
    term_end: datetime.date | None = None,
) -> Membership:
    # The committee row lock serialises membership changes, so two chairs
    # cannot be appointed at once.
    committee = _lock_committee(committee)
    if contact is not None and enterprise is None:
        enterprise = contact.enterprise
    term_start = term_start or timezone.localdate()
    values = {
        "name": (name or "").strip(),
        "title": title,
        "affiliation": affiliation,
        "category": category,
        "role": role or Membership.Role.MEMBER,
        "enterprise": enterprise,
        "contact": contact,
        "user": user,
        "term_start": term_start,
        "term_end": term_end,
    }
    _check_membership(committee, values)
    return Membership.objects.create(committee=committee, **values)


@transaction.atomic
def membership_update(*, membership: Membership, **fields: Any) -> Membership:
    committee = _lock_committee(membership.committee)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if "committee" in fields and fields["committee"].pk != committee.pk:
        raise RuleError(
            "committee_fixed",
            _("A membership cannot move to another committee; end it and add a new one."),
            field="committee",
        )
    values = {key: getattr(membership, key) for key in MEMBERSHIP_FIELDS}
    values.update({k: v for k, v in fields.items() if k in MEMBERSHIP_FIELDS})
    if values["contact"] is not None and values["enterprise"] is None:
        values["enterprise"] = values["contact"].enterprise
    values["name"] = (values["name"] or "").strip()
    _check_membership(committee, values, instance=membership)
    for key, value in values.items():
        setattr(membership, key, value)
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, term_end: datetime.date | None = None) -> Membership:
    """End a member's term (today by default)."""
    _lock_committee(membership.committee)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    term_end = term_end or timezone.localdate()
    if membership.term_end is not None and membership.term_end < term_end:
        raise RuleError("membership_ended", _("This term has already ended."), field="term_end")
    if term_end < membership.term_start:
        raise RuleError("term_dates", _("A term cannot end before it starts."), field="term_end")
    membership.term_end = term_end
    membership.save(update_fields=["term_end", "updated_at"])
    return membership
