"""The reminder registry: which kinds exist, and the shape of a due reminder.

The kinds themselves live with the models they are about
(``partnerships/reminders.py``, ``councils/reminders.py``,
``internships/reminders.py``); each app registers its kinds from its
``AppConfig.ready()``. This module knows no domain model, so the dependency
points from the areas to notifications, never back.

A kind has a finder ``find(today)`` that yields the due items as
``Due(recipient, obj, stage, subject, body, url)`` tuples, using a fixed number
of queries however many items are due, and optionally an attachment builder
``attach(obj) -> (filename, content, mimetype)`` for the e-mail (the meeting
invite). Subjects and bodies are lazy strings, rendered later in each
recipient's own language.

A *stage* is one step of a reminder's schedule ("30d", "7d", "0d",
"overdue"). An item is in the latest stage it has reached, so when the job
did not run for some days only that stage goes out, never the stale earlier
ones. The delivery table (models.ReminderDelivery) makes each (recipient,
kind, stage, object) go out once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import models
from django.urls import NoReverseMatch, reverse


class Due(NamedTuple):
    recipient: Any  # a User
    obj: models.Model
    stage: str
    subject: Any  # str or lazy str
    body: Any
    url: str


Attachment = tuple[str, bytes, str]


@dataclass(frozen=True)
class ReminderKind:
    code: str
    label: Any
    model: type[models.Model]  # the model of the object reminded about
    find: Callable[[dt.date], Iterable[Due]]
    attach: Callable[[Any], Attachment | None] | None = None


REGISTRY: dict[str, ReminderKind] = {}

# Immediate notifications the areas send with notification_send() (an
# incident, a flagged agreement): code -> label. Users may switch their
# e-mail off too.
OTHER_KINDS: dict[str, Any] = {}


def register(*kinds: ReminderKind) -> None:
    """Add reminder kinds (from the owning app's ``AppConfig.ready()``)."""
    for kind in kinds:
        REGISTRY[kind.code] = kind


def register_immediate(code: str, label: Any) -> None:
    """Add a kind of immediate notification, so users can choose its e-mail."""
    OTHER_KINDS[code] = label


def available_kinds() -> list[ReminderKind]:
    """The registered kinds, in registration order."""
    return list(REGISTRY.values())


def latest_stage(days_left: int, stages: list[tuple[str, int]]) -> str | None:
    """The stage an item is in: the one with the smallest threshold not below ``days_left``.

    ``stages`` are (code, threshold in days), e.g. [("30d", 30), ("7d", 7),
    ("0d", 0), ("overdue", -1)]: 12 days left is "30d", 5 is "7d", -3 "overdue".
    """
    reached = [(threshold, code) for code, threshold in stages if days_left <= threshold]
    return min(reached)[1] if reached else None


def url_for(name: str, pk: int) -> str:
    """The page of the object, or "" where the URL is not mounted."""
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def is_active(user) -> bool:
    return user is not None and user.is_active
