"""Internship positions at an enterprise."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import Role, enterprise_id_of, role_of
from common.exceptions import RuleError
from internships import hooks
from internships import policy as rules
from internships.models import Position
from partnerships.models import Enterprise

POSITION_FIELDS = (
    "enterprise",
    "title",
    "kind",
    "capacity",
    "starts_on",
    "ends_on",
    "daily_hours",
    "night_shift",
    "exception_filing",
    "monthly_pay",
    "post_wage",
    "post_headcount",
    "venue_category",
    "intensity_grade",
    "high_risk",
    "forbidden_to_minors",
    "forbidden_to_women",
    "major_categories",
    "lowest_wage_grade",
    "site_address",
    "site_lat",
    "site_lng",
)


def _check_position(position: Position) -> None:
    if (position.site_lat is None) != (position.site_lng is None):
        raise RuleError(
            "site_coordinates_incomplete",
            _("Give both the latitude and the longitude of the site, or neither."),
            field="site_lat",
        )
    if position.ends_on < position.starts_on:
        raise RuleError(
            "dates_invalid", _("The end date must not be before the start date."), field="ends_on"
        )
    failures = rules.current_policy().position_failures(position)
    if failures:
        first = failures[0]
        raise first.error(field=rules.POSITION_FIELD.get(first.code))


# The position fields the placement rules read about the student and the
# shares: changing one re-checks the position's current placements.
_PLACEMENT_RULE_FIELDS = {
    "kind",
    "post_headcount",
    "forbidden_to_minors",
    "forbidden_to_women",
    "major_categories",
}
# Where a placement rule broken by a change of the position shows on its form.
_CHANGED_FIELD = {
    rules.UNDERAGE: "kind",
    rules.FIRST_YEAR_STUDENT: "kind",
    rules.MINOR_FORBIDDEN_WORK: "forbidden_to_minors",
    rules.FEMALE_FORBIDDEN_WORK: "forbidden_to_women",
    rules.OUTSIDE_MAJOR: "major_categories",
    rules.POST_INTERN_SHARE: "post_headcount",
    rules.ENTERPRISE_INTERN_SHARE: "kind",
}


def _check_current_placements(position: Position) -> None:
    """The position's planned and active placements keep every rule about the
    student and both shares under the position's new terms (the caller holds
    the position row; the enterprise row is locked for its share)."""
    from internships.models import RuleOverride

    policy = rules.current_policy()
    enterprise = Enterprise.objects.select_for_update().get(pk=position.enterprise_id)
    placements = position.placements.current().select_related("student__major").order_by("pk")
    for placement in placements:
        overridden = frozenset(
            RuleOverride.objects.filter(placement=placement).values_list("rule", flat=True)
        )
        failures = [
            *policy.student_failures(
                student=placement.student, position=position, starts_on=placement.starts_on
            ),
            *(
                f
                for f in policy.count_failures(
                    student=placement.student,
                    position=position,
                    enterprise=enterprise,
                    starts_on=placement.starts_on,
                    ends_on=placement.ends_on,
                    exclude_pk=placement.pk,
                    overridden=overridden,
                )
                if f.code in (rules.POST_INTERN_SHARE, rules.ENTERPRISE_INTERN_SHARE)
            ),
        ]
        if failures:
            first = failures[0]
            raise RuleError(
                first.code,
                _("The current placement of %(student)s would break a rule: %(reason)s")
                % {"student": placement.student.name, "reason": first.message},
                field=_CHANGED_FIELD.get(first.code),
                article=rules.ARTICLES.get(first.code, ""),
            )


def _position_enterprise(values: dict[str, Any], actor: User | None) -> dict[str, Any]:
    """A liaison's positions are their own enterprise's, and only theirs.

    Naming no enterprise means their own; naming another one is refused, not
    quietly replaced, so the caller learns that the request was wrong.
    """
    if actor is None or role_of(actor) != Role.LIAISON:
        return values
    enterprise_id = enterprise_id_of(actor)
    named = values.get("enterprise")
    if named is not None and named.pk != enterprise_id:
        raise RuleError(
            "enterprise_not_yours",
            _("You may only offer positions of your own enterprise."),
            field="enterprise",
        )
    if enterprise_id is None:
        raise RuleError(
            "enterprise_not_yours",
            _("Your account is not linked to an enterprise."),
            field="enterprise",
        )
    return {**values, "enterprise": Enterprise.objects.get(pk=enterprise_id)}


@transaction.atomic
def position_create(*, actor: User | None = None, **fields: Any) -> Position:
    values = {k: v for k, v in fields.items() if k in POSITION_FIELDS}
    values = _position_enterprise(values, actor)
    if values.get("enterprise") is None:
        raise RuleError(
            "enterprise_required", _("Name the enterprise of the position."), field="enterprise"
        )
    position = Position(**values)
    _check_position(position)
    position.save()
    return position


@transaction.atomic
def position_update(*, position: Position, actor: User | None = None, **fields: Any) -> Position:
    # Locked so that a capacity cut cannot race a placement being created.
    position = Position.objects.select_for_update().get(pk=position.pk)
    values = {k: v for k, v in fields.items() if k in POSITION_FIELDS}
    values = _position_enterprise(values, actor)
    enterprise = values.get("enterprise")
    if enterprise is not None and enterprise.pk != position.enterprise_id:
        if position.placements.exists():
            raise RuleError(
                "position_has_placements",
                _("A position with placements cannot move to another enterprise."),
                field="enterprise",
            )
    changed = {k for k, v in values.items() if getattr(position, k) != v}
    for key, value in values.items():
        setattr(position, key, value)
    _check_position(position)
    placed = position.placements.current().count()
    if position.capacity < placed:
        raise RuleError(
            "capacity_below_placements",
            _("%(n)d students are already placed here; the capacity cannot be lower.")
            % {"n": placed},
            field="capacity",
        )
    position.save()
    if changed & _PLACEMENT_RULE_FIELDS:
        # After the save, so the counts read the new kind; a refusal rolls it back.
        _check_current_placements(position)
    if changed:
        # The post's terms are its placements' terms too (agreements listen).
        for placement in position.placements.current().select_related("student", "enterprise"):
            hooks.placement_changed(
                placement, changed={f"position.{name}" for name in changed}, actor=actor
            )
    return position


@transaction.atomic
def position_close(*, position: Position) -> Position:
    """A closed position takes no new placements; existing ones go on."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    if position.is_open:
        position.is_open = False
        position.save(update_fields=["is_open", "updated_at"])
    return position
