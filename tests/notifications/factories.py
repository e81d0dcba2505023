"""Placements as the reminder tests see them, made with the internships factory.

They are stored as given (``raw``): planned to start on Saturday 5 December
2026, four days after the tests' reference day, through a post open in 2026
and 2027, signed and insured unless told otherwise.
"""

import datetime as dt

import factory

from internships.models import Placement, Position
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.internships.factories import PlacementFactory, PositionFactory

OPEN_POST = {
    "kind": Position.Kind.POST,
    "capacity": 100,
    "starts_on": dt.date(2026, 1, 1),
    "ends_on": dt.date(2027, 12, 31),
}


def open_post(**kwargs) -> Position:
    return PositionFactory(**{**OPEN_POST, **kwargs})


def planned_placement(**kwargs) -> Placement:
    """``position__<field>=...`` sets a field of the post made for it."""
    post = {
        k.removeprefix("position__"): kwargs.pop(k)
        for k in list(kwargs)
        if k.startswith("position__")
    }
    if "position" not in kwargs:
        kwargs["position"] = open_post(**post)
    kwargs.setdefault("starts_on", dt.date(2026, 12, 5))
    kwargs.setdefault("ends_on", dt.date(2027, 3, 5))
    return PlacementFactory(raw=True, **kwargs)


class NotificationFactory(factory.django.DjangoModelFactory):
    """An unread in-app notification."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "incident"
    subject = factory.Sequence(lambda n: f"Note {n}")
