"""The cooperation council and the professional steering committees."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from councils.models import Committee, Meeting
from partnerships.models import Major

from ._shared import _lock_committee

COMMITTEE_FIELDS = ("kind", "name", "major", "established_on", "status", "description")


def _check_committee(values: dict[str, Any], *, instance: Committee | None = None) -> None:
    kind = values.get("kind")
    major: Major | None = values.get("major")
    name = (values.get("name") or "").strip()
    if not name:
        raise RuleError("name_required", _("A committee needs a name."), field="name")
    if kind == Committee.Kind.STEERING and major is None:
        raise RuleError(
            "major_required",
            _("A professional steering committee belongs to a major."),
            field="major",
        )
    if kind == Committee.Kind.COUNCIL and major is not None:
        raise RuleError(
            "major_not_allowed",
            _("The cooperation council serves the whole college, not one major."),
            field="major",
        )
    if values.get("status") != Committee.Status.ACTIVE:
        return
    others = Committee.objects.active()
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    if kind == Committee.Kind.COUNCIL and others.filter(kind=Committee.Kind.COUNCIL).exists():
        raise RuleError(
            "council_exists",
            _("The college already has an active cooperation council."),
            field="kind",
        )
    if major is not None:
        # Lock the major so two concurrent creates cannot both pass the check.
        Major.objects.select_for_update().filter(pk=major.pk).first()
        if others.filter(major=major).exists():
            raise RuleError(
                "major_has_committee",
                _("This major already has an active steering committee."),
                field="major",
            )


@transaction.atomic
def committee_create(
    *,
    kind: str,
    name: str,
    established_on: datetime.date | None = None,
    major: Major | None = None,
    status: str = Committee.Status.ACTIVE,
    description: str = "",
) -> Committee:
    values = {
        "kind": kind,
        "name": (name or "").strip(),
        "major": major,
        "established_on": established_on or timezone.localdate(),
        "status": status or Committee.Status.ACTIVE,
        "description": description,
    }
    _check_committee(values)
    if values["status"] == Committee.Status.DISSOLVED:
        values["dissolved_on"] = timezone.localdate()
    with _uniqueness_race(values):
        return Committee.objects.create(**values)


@contextmanager
def _uniqueness_race(values: dict[str, Any]) -> Iterator[None]:
    """Two concurrent writes can both pass the check; the partial unique
    constraints then refuse the second, which gets the same rule code."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        if values.get("kind") == Committee.Kind.COUNCIL:
            raise RuleError(
                "council_exists",
                _("The college already has an active cooperation council."),
                field="kind",
            ) from None
        raise RuleError(
            "major_has_committee",
            _("This major already has an active steering committee."),
            field="major",
        ) from None


@transaction.atomic
def committee_update(*, committee: Committee, **fields: Any) -> Committee:
    committee = _lock_committee(committee)
    values = {key: getattr(committee, key) for key in COMMITTEE_FIELDS}
    values.update({k: v for k, v in fields.items() if k in COMMITTEE_FIELDS})
    values["name"] = (values["name"] or "").strip()
    _check_committee(values, instance=committee)
    if values["status"] == Committee.Status.DISSOLVED and committee.is_active:
        _cancel_planned_meetings(committee)
        committee.dissolved_on = timezone.localdate()
    elif values["status"] == Committee.Status.ACTIVE:
        committee.dissolved_on = None
    for key, value in values.items():
        setattr(committee, key, value)
    with _uniqueness_race(values):
        committee.save()
    return committee


def _cancel_planned_meetings(committee: Committee) -> None:
    for meeting in Meeting.objects.select_for_update().filter(
        committee=committee, status=Meeting.Status.PLANNED
    ):
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancel_reason = _("The committee was dissolved.")
        meeting.sequence += 1
        meeting.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])


@transaction.atomic
def committee_dissolve(
    *, committee: Committee, dissolved_on: datetime.date | None = None
) -> Committee:
    """Dissolve a committee; its planned meetings are cancelled."""
    committee = _lock_committee(committee)
    if not committee.is_active:
        raise RuleError("committee_dissolved", _("This committee is already dissolved."))
    dissolved_on = dissolved_on or timezone.localdate()
    if dissolved_on < committee.established_on:
        raise RuleError(
            "dissolved_before_established",
            _("A committee cannot be dissolved before it was established."),
            field="dissolved_on",
        )
    _cancel_planned_meetings(committee)
    committee.status = Committee.Status.DISSOLVED
    committee.dissolved_on = dissolved_on
    committee.save(update_fields=["status", "dissolved_on", "updated_at"])
    return committee
