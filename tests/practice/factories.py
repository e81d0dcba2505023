"""Personas of the internship as it happens: Xiaoming the student, at work now."""

import datetime

from django.utils import timezone

from accounts.access import Role
from tests.accounts.factories import UserFactory
from tests.internships.factories import PlacementFactory, PositionFactory, StudentFactory

# The workplace: Shenyang, Hunnan district.
SITE = (41.7362, 123.4578)
# About 160 m north of it (on site) and about 11 km away (off site).
NEAR = (41.7376, 123.4578)
FAR = (41.8362, 123.4578)


def student_user(username="xiaoming", student=None):
    """A student account linked to its Student record."""
    user = UserFactory(username=username, role=Role.STUDENT)
    student = student or StudentFactory(name=f"Wang {username}")
    student.user = user
    student.save(update_fields=["user"])
    return user


def current_placement(user, *, supervisor=None, plan=None, enterprise=None, status="active"):
    """An active placement of the user's student, running from 30 days ago to
    60 days ahead, at a position with a located workplace."""
    today = timezone.localdate()
    kwargs = {} if enterprise is None else {"enterprise": enterprise}
    position = PositionFactory(
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=60),
        site_address="Hunnan district, Shenyang",
        site_lat=SITE[0],
        site_lng=SITE[1],
        **kwargs,
    )
    extra = {} if plan is None else {"plan": plan}
    return PlacementFactory(
        student=user.student_record,
        position=position,
        supervisor=supervisor,
        status=status,
        **extra,
    )
