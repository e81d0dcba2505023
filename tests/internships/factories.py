import datetime

import factory

from internships import services
from internships.models import Evaluation, Placement, Position, Student
from tests.partnerships.factories import EnterpriseFactory, MajorFactory

START = datetime.date(2026, 3, 2)
END = datetime.date(2026, 6, 30)


class StudentFactory(factory.django.DjangoModelFactory):
    """An adult second-year student: every rule about the student passes."""

    class Meta:
        model = Student

    student_number = factory.Sequence(lambda n: f"2024{n:06d}")
    name = factory.Sequence(lambda n: f"Zhang Wei {n}")
    major = factory.SubFactory(MajorFactory)
    cohort = 2024
    date_of_birth = datetime.date(2005, 5, 1)


class PositionFactory(factory.django.DjangoModelFactory):
    """A cognitive position that respects every position rule."""

    class Meta:
        model = Position

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"CNC operator {n}")
    kind = Position.Kind.COGNITIVE
    capacity = 10
    starts_on = START
    ends_on = factory.LazyAttribute(
        lambda p: END if p.starts_on <= END else p.starts_on + datetime.timedelta(days=90)
    )
    daily_hours = 8
    monthly_pay = 3000
    post_wage = 3500
    post_headcount = 100


class PlacementFactory(factory.django.DjangoModelFactory):
    """A planned placement made through the service, so every rule is checked.

    ``raw=True`` stores the row as given instead, with its ``status``: a past
    placement the metrics count, or one whose dates or preparation the service
    would refuse today but a reminder or report must see.
    """

    class Meta:
        model = Placement

    student = factory.SubFactory(StudentFactory)
    position = factory.SubFactory(PositionFactory)
    starts_on = factory.LazyAttribute(lambda p: p.position.starts_on)
    ends_on = factory.LazyAttribute(lambda p: p.position.ends_on)
    agreement_signed = True
    guardian_consent = True
    insurance_policy = "PICC-2026-0001"
    insurance_expires_on = factory.LazyAttribute(lambda p: p.ends_on)

    @classmethod
    def _create(cls, model_class, *args, status=Placement.Status.PLANNED, raw=False, **kwargs):
        if raw:
            kwargs.setdefault("enterprise", kwargs["position"].enterprise)
            return model_class.objects.create(status=status, **kwargs)
        placement = services.placement_create(**kwargs)
        if status in (Placement.Status.ACTIVE, Placement.Status.COMPLETED):
            placement = services.placement_activate(placement=placement)
        if status == Placement.Status.COMPLETED:
            placement = services.placement_complete(placement=placement)
        if status == Placement.Status.TERMINATED:
            placement = services.placement_terminate(placement=placement, reason="Moved away")
        return placement


SCORES = {"skills": 80, "attitude": 90, "teamwork": 85, "discipline": 95, "learning": 75}


class EvaluationFactory(factory.django.DjangoModelFactory):
    """The enterprise's evaluation of a placement, with the SCORES."""

    class Meta:
        model = Evaluation

    placement = factory.SubFactory(PlacementFactory)
    side = Evaluation.Side.ENTERPRISE
    skills = SCORES["skills"]
    attitude = SCORES["attitude"]
    teamwork = SCORES["teamwork"]
    discipline = SCORES["discipline"]
    learning = SCORES["learning"]
