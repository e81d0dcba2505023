import datetime as dt

import factory

from internships.models import Placement, Position, Student
from tests.partnerships.factories import EnterpriseFactory, MajorFactory


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    student_number = factory.Sequence(lambda n: f"2023{n:06d}")
    name = factory.Sequence(lambda n: f"学生{n} Student {n}")
    major = factory.SubFactory(MajorFactory)
    cohort = 2023
    date_of_birth = dt.date(2005, 3, 1)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"CNC operator {n}")
    kind = Position.Kind.POST
    capacity = 100
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2027, 12, 31)


class PlacementFactory(factory.django.DjangoModelFactory):
    """A planned placement, fully prepared (signed, insured) unless told otherwise."""

    class Meta:
        model = Placement

    student = factory.SubFactory(StudentFactory)
    position = factory.SubFactory(PositionFactory)
    enterprise = factory.LazyAttribute(lambda p: p.position.enterprise)
    starts_on = dt.date(2026, 12, 5)
    ends_on = dt.date(2027, 3, 5)
    status = Placement.Status.PLANNED
    agreement_signed = True
    insurance_policy = "PICC-2026-0001"
    insurance_expires_on = factory.LazyAttribute(lambda p: p.ends_on)
