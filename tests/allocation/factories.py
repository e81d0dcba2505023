"""A round of the demo major's students over a few positions."""

from __future__ import annotations

import datetime

from django.utils import timezone

from allocation import services
from allocation.models import AllocationRound
from internships.models import InternshipPlan
from tests.internships.factories import PositionFactory, StudentFactory
from tests.partnerships.factories import EnterpriseFactory, MajorFactory


def make_plan(major=None, cohort=None):
    plan = InternshipPlan.objects.create(name="Post internship 2026", cohort=cohort)
    if major is not None:
        plan.majors.add(major)
    return plan


def make_round(*, positions, plan=None, status="open", max_choices=5, students=()):
    """A round created through the service, then moved to ``status``."""
    now = timezone.now()
    round_ = services.round_create(
        plan=plan or make_plan(),
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=7),
        positions=positions,
        max_choices=max_choices,
        students=students,
    )
    if status != AllocationRound.Status.DRAFT:
        round_ = services.round_open(round_=round_)
    return round_


def world(n_students=4, capacities=(1, 1, 2)):
    """Students of one major and cohort, and positions with the given capacities."""
    major = MajorFactory()
    students = StudentFactory.create_batch(n_students, major=major)
    positions = [PositionFactory(enterprise=EnterpriseFactory(), capacity=c) for c in capacities]
    plan = make_plan(major=major)
    return plan, students, positions
