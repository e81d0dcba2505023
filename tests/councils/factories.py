import datetime

import factory
from django.utils import timezone

from councils.models import ActionItem, Committee, Meeting, Membership
from tests.partnerships.factories import MajorFactory


def local_dt(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, 0, tzinfo=timezone.get_current_timezone())


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    kind = Committee.Kind.STEERING
    name = factory.Sequence(lambda n: f"Professional Steering Committee {n}")
    major = factory.SubFactory(MajorFactory)
    established_on = datetime.date(2020, 9, 1)


class CouncilFactory(CommitteeFactory):
    kind = Committee.Kind.COUNCIL
    name = "School-Enterprise Cooperation Council"
    major = None


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"Member {n}")
    affiliation = Membership.Affiliation.SCHOOL
    category = Membership.Category.BACKBONE_TEACHER
    role = Membership.Role.MEMBER
    term_start = datetime.date(2023, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    kind = Meeting.Kind.REGULAR
    scheduled_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    location = "Administration building, room 301"
    agenda = "1. Curriculum review\n2. Internship bases"


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.HELD, minutes="Minutes")
    description = factory.Sequence(lambda n: f"Follow-up {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
