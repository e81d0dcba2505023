"""Every write to vocational education groups goes through a function here."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from groups.models import (
    EducationGroup,
    GroupMember,
    GroupTarget,
    ResearchProject,
    SharedResource,
)
from partnerships.models import Enterprise

GROUP_FIELDS = (
    "name",
    "founded_on",
    "lead_institutions",
    "level",
    "internship_target",
    "employment_target",
    "resource_target",
    "patent_target",
    "notes",
)
MEMBER_FIELDS = ("kind", "name", "enterprise", "role", "joined_on", "left_on")
RESOURCE_FIELDS = ("kind", "title", "year")
PROJECT_FIELDS = (
    "title",
    "started_on",
    "status",
    "patents",
    "technical_improvements",
    "achievements",
)
TARGET_FIELDS = ("internships", "employment", "resources", "patents")


def _pick(fields: dict[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if key in allowed}


def _lock_group(group: EducationGroup) -> EducationGroup:
    # Every check that spans a group's rows (membership overlaps, the year's
    # target) locks the group row first, so two requests take turns.
    return EducationGroup.objects.select_for_update().get(pk=group.pk)


# Groups -------------------------------------------------------------------


def _clean_group(values: dict[str, Any], *, instance: EducationGroup | None = None) -> dict:
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
        if not values["name"]:
            raise RuleError("name_required", _("A group needs a name."), field="name")
        same = EducationGroup.objects.filter(name__iexact=values["name"])
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            raise RuleError(
                "group_name_taken", _("A group with this name already exists."), field="name"
            )
    return values


@transaction.atomic
def group_create(**fields: Any) -> EducationGroup:
    values = _clean_group(_pick(fields, GROUP_FIELDS))
    return EducationGroup.objects.create(**values)


@transaction.atomic
def group_update(*, group: EducationGroup, **fields: Any) -> EducationGroup:
    group = _lock_group(group)
    values = _clean_group(_pick(fields, GROUP_FIELDS), instance=group)
    for key, value in values.items():
        setattr(group, key, value)
    group.save()
    return group


@transaction.atomic
def group_delete(*, group: EducationGroup) -> None:
    _lock_group(group).delete()


@transaction.atomic
def group_target_set(
    *,
    group: EducationGroup,
    year: int,
    internships: int = 0,
    employment: int = 0,
    resources: int = 0,
    patents: int = 0,
) -> GroupTarget:
    """Set (create or replace) one year's targets of a group."""
    group = _lock_group(group)
    if not 1990 <= int(year) <= 2100:
        raise RuleError("year_out_of_range", _("A year runs from 1990 to 2100."), field="year")
    target, _created = GroupTarget.objects.update_or_create(
        group=group,
        year=year,
        defaults={
            "internships": internships,
            "employment": employment,
            "resources": resources,
            "patents": patents,
        },
    )
    return target


@transaction.atomic
def group_target_update(*, target: GroupTarget, **fields: Any) -> GroupTarget:
    """Change a year's figures; its group and year stay as they are."""
    _lock_group(target.group)
    target = GroupTarget.objects.select_for_update().get(pk=target.pk)
    group, year = fields.get("group"), fields.get("year")
    if (group is not None and group.pk != target.group_id) or (
        year is not None and int(year) != target.year
    ):
        raise RuleError(
            "target_immutable",
            _("A target's group and year are fixed; set the other year's targets instead."),
            field="year",
        )
    for key, value in _pick(fields, TARGET_FIELDS).items():
        setattr(target, key, value)
    target.save()
    return target


@transaction.atomic
def group_target_delete(*, target: GroupTarget) -> None:
    _lock_group(target.group)
    target.delete()


# Members ------------------------------------------------------------------


def _check_member(group: EducationGroup, member: GroupMember) -> None:
    """Kind/enterprise pairing, dates, and one membership at a time per enterprise.

    The caller holds the group's row lock, so the overlap count cannot change
    between the check and the write.
    """
    if member.kind == GroupMember.Kind.ENTERPRISE:
        if member.enterprise_id is None:
            raise RuleError(
                "enterprise_required",
                _("An enterprise member must name its enterprise."),
                field="enterprise",
            )
    elif member.enterprise_id is not None:
        raise RuleError(
            "enterprise_not_allowed",
            _("Only enterprise members link to an enterprise."),
            field="enterprise",
        )
    if member.left_on is not None and member.left_on < member.joined_on:
        raise RuleError(
            "left_before_joined",
            _("A member cannot leave before joining."),
            field="left_on",
        )
    if not (member.name or "").strip():
        raise RuleError("name_required", _("A member needs a name."), field="name")
    if member.enterprise_id is None:
        return
    overlapping = GroupMember.objects.filter(group=group, enterprise_id=member.enterprise_id)
    if member.pk:
        overlapping = overlapping.exclude(pk=member.pk)
    # Two periods overlap when each starts before (or when) the other ends.
    overlapping = overlapping.filter(Q(left_on__isnull=True) | Q(left_on__gte=member.joined_on))
    if member.left_on is not None:
        overlapping = overlapping.filter(joined_on__lte=member.left_on)
    if overlapping.exists():
        raise RuleError(
            "already_member",
            _("This enterprise is already a member of the group during these dates."),
            field="enterprise",
        )


@transaction.atomic
def group_member_add(
    *,
    group: EducationGroup,
    kind: str,
    joined_on: datetime.date,
    name: str = "",
    enterprise: Enterprise | None = None,
    role: str = GroupMember.Role.MEMBER,
    left_on: datetime.date | None = None,
) -> GroupMember:
    group = _lock_group(group)
    name = (name or "").strip()
    if not name and enterprise is not None:
        name = enterprise.name
    member = GroupMember(
        group=group,
        kind=kind,
        name=name,
        enterprise=enterprise,
        role=role,
        joined_on=joined_on,
        left_on=left_on,
    )
    _check_member(group, member)
    member.save()
    return member


@transaction.atomic
def group_member_update(*, member: GroupMember, **fields: Any) -> GroupMember:
    group = _lock_group(member.group)
    member = GroupMember.objects.select_for_update().get(pk=member.pk)
    values = _pick(fields, MEMBER_FIELDS)
    if "group" in fields and fields["group"] is not None and fields["group"].pk != group.pk:
        raise RuleError(
            "group_immutable", _("A member cannot move to another group."), field="group"
        )
    for key, value in values.items():
        setattr(member, key, value.strip() if key == "name" and value else value)
    if not (member.name or "").strip() and member.enterprise is not None:
        member.name = member.enterprise.name
    _check_member(group, member)
    member.save()
    return member


@transaction.atomic
def group_member_leave(*, member: GroupMember, left_on: datetime.date) -> GroupMember:
    _lock_group(member.group)
    member = GroupMember.objects.select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise RuleError("already_left", _("This member has already left the group."))
    if left_on < member.joined_on:
        raise RuleError(
            "left_before_joined", _("A member cannot leave before joining."), field="left_on"
        )
    member.left_on = left_on
    member.save(update_fields=["left_on", "updated_at"])
    return member


@transaction.atomic
def group_member_delete(*, member: GroupMember) -> None:
    _lock_group(member.group)
    member.delete()


# Resources and research ---------------------------------------------------


def _check_same_group(
    group: EducationGroup, members: Iterable[GroupMember], *, field: str
) -> list[GroupMember]:
    members = list(members)
    strangers = [m for m in members if m.group_id != group.pk]
    if strangers:
        raise RuleError(
            "member_not_in_group",
            _("Only members of this group can take part: %(names)s.")
            % {"names": ", ".join(str(m) for m in strangers)},
            field=field,
        )
    return members


def _check_fixed_group(instance, fields: dict[str, Any]) -> None:
    group = fields.get("group")
    if group is not None and group.pk != instance.group_id:
        raise RuleError(
            "group_immutable", _("This record cannot move to another group."), field="group"
        )


@transaction.atomic
def shared_resource_create(
    *,
    group: EducationGroup,
    kind: str,
    title: str,
    year: int,
    contributors: Iterable[GroupMember] = (),
) -> SharedResource:
    contributors = _check_same_group(group, contributors, field="contributors")
    resource = SharedResource.objects.create(group=group, kind=kind, title=title, year=year)
    resource.contributors.set(contributors)
    return resource


@transaction.atomic
def shared_resource_update(*, resource: SharedResource, **fields: Any) -> SharedResource:
    _check_fixed_group(resource, fields)
    for key, value in _pick(fields, RESOURCE_FIELDS).items():
        setattr(resource, key, value)
    resource.save()
    if "contributors" in fields:
        contributors = _check_same_group(
            resource.group, fields["contributors"], field="contributors"
        )
        resource.contributors.set(contributors)
    return resource


@transaction.atomic
def shared_resource_delete(*, resource: SharedResource) -> None:
    resource.delete()


@transaction.atomic
def research_project_create(
    *,
    group: EducationGroup,
    title: str,
    started_on: datetime.date,
    status: str = ResearchProject.Status.PLANNED,
    members: Iterable[GroupMember] = (),
    patents: int = 0,
    technical_improvements: int = 0,
    achievements: int = 0,
) -> ResearchProject:
    members = _check_same_group(group, members, field="members")
    project = ResearchProject.objects.create(
        group=group,
        title=title,
        started_on=started_on,
        status=status,
        patents=patents,
        technical_improvements=technical_improvements,
        achievements=achievements,
    )
    project.members.set(members)
    return project


@transaction.atomic
def research_project_update(*, project: ResearchProject, **fields: Any) -> ResearchProject:
    _check_fixed_group(project, fields)
    for key, value in _pick(fields, PROJECT_FIELDS).items():
        setattr(project, key, value)
    project.save()
    if "members" in fields:
        members = _check_same_group(project.group, fields["members"], field="members")
        project.members.set(members)
    return project


@transaction.atomic
def research_project_delete(*, project: ResearchProject) -> None:
    project.delete()
