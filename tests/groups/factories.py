"""Factories for groups, and a small placement factory of our own.

The placement factories create internships rows directly (no services), so
the metrics tests depend only on the internships models.
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
from internships.models import Placement, Position, Student
from tests.partnerships.factories import EnterpriseFactory, MajorFactory


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


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    student_number = factory.Sequence(lambda n: f"2022{n:06d}")
    name = factory.Sequence(lambda n: f"Student {n}")
    major = factory.SubFactory(MajorFactory)
    cohort = 2022
    date_of_birth = datetime.date(2003, 5, 1)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"CNC operator {n}")
    kind = Position.Kind.POST
    capacity = 1000
    starts_on = datetime.date(2020, 1, 1)
    ends_on = datetime.date(2030, 12, 31)


class PlacementFactory(factory.django.DjangoModelFactory):
    """A placement at ``enterprise`` (its position's enterprise, as the model requires)."""

    class Meta:
        model = Placement

    student = factory.SubFactory(StudentFactory)
    position = factory.SubFactory(PositionFactory)
    enterprise = factory.LazyAttribute(lambda p: p.position.enterprise)
    starts_on = datetime.date(2025, 3, 1)
    ends_on = datetime.date(2025, 8, 31)
    status = Placement.Status.ACTIVE
    hired = Placement.Hired.UNKNOWN


def placement_at(enterprise, **kwargs) -> Placement:
    """A placement at ``enterprise`` through a position of that enterprise."""
    position = kwargs.pop("position", None) or PositionFactory(enterprise=enterprise)
    return PlacementFactory(position=position, **kwargs)
