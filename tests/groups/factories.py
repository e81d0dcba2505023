"""Factories for groups, and ``placement_at`` for the placements the metrics count.

The placements are stored as given (the internships factory's ``raw``), so
the metrics tests can place students in past years the rules would refuse today.
"""

import datetime

import factory

from groups.models import (
    EducationGroup,
    GroupMember,
    GroupTarget,
    ResearchProject,
    SharedResource,
)
from internships.models import Placement, Position
from tests.internships.factories import PlacementFactory, PositionFactory
from tests.partnerships.factories import EnterpriseFactory


class EducationGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EducationGroup

    name = factory.Sequence(lambda n: f"Liaoning Equipment Manufacturing Group {n}")
    founded_on = datetime.date(2015, 7, 1)
    lead_institutions = "Liaoning Vocational College of Equipment; Shenyang Polytechnic College"
    level = EducationGroup.Level.PROVINCIAL
    internship_target = 300
    employment_target = 100


class GroupTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupTarget

    group = factory.SubFactory(EducationGroupFactory)
    year = 2025
    internships = 300
    employment = 100


class GroupMemberFactory(factory.django.DjangoModelFactory):
    """An enterprise member by default; pass kind=... and enterprise=None otherwise."""

    class Meta:
        model = GroupMember

    group = factory.SubFactory(EducationGroupFactory)
    kind = GroupMember.Kind.ENTERPRISE
    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.LazyAttribute(
        lambda m: m.enterprise.name if m.enterprise else f"Member {m.group.pk}"
    )
    role = GroupMember.Role.MEMBER
    joined_on = datetime.date(2015, 7, 1)
    left_on = None


class SchoolMemberFactory(GroupMemberFactory):
    kind = GroupMember.Kind.SCHOOL
    enterprise = None
    name = factory.Sequence(lambda n: f"Vocational School {n}")


class SharedResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedResource

    group = factory.SubFactory(EducationGroupFactory)
    kind = SharedResource.Kind.TEXTBOOK
    title = factory.Sequence(lambda n: f"CNC Machining Textbook, volume {n}")
    year = 2025


class ResearchProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchProject

    group = factory.SubFactory(EducationGroupFactory)
    title = factory.Sequence(lambda n: f"Robot welding cell study {n}")
    started_on = datetime.date(2025, 3, 1)
    status = ResearchProject.Status.ACTIVE


# A post open for years with room for everyone: placements anywhere in time fit.
OPEN_POST = {
    "kind": Position.Kind.POST,
    "capacity": 1000,
    "starts_on": datetime.date(2020, 1, 1),
    "ends_on": datetime.date(2030, 12, 31),
}


def placement_at(enterprise, **kwargs) -> Placement:
    """An active placement in 2025 at ``enterprise``, through a post of that
    enterprise unless ``position`` is given; any field may be overridden."""
    position = kwargs.pop("position", None) or PositionFactory(enterprise=enterprise, **OPEN_POST)
    kwargs.setdefault("status", Placement.Status.ACTIVE)
    kwargs.setdefault("starts_on", datetime.date(2025, 3, 1))
    kwargs.setdefault("ends_on", datetime.date(2025, 8, 31))
    return PlacementFactory(raw=True, position=position, **kwargs)
