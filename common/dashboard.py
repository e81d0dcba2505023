"""What the home page shows each role: a registry the areas fill.

Each area registers its part from its ``AppConfig.ready()``: a function of the
user returning a dict with ``cards`` (figures in the row at the top),
``blocks`` (templates included below them) and any context those templates
read. Parts run in ``order``, so the cards keep a stable sequence whatever the
order of ``INSTALLED_APPS``; ``common`` itself knows no area.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from accounts.access import Role, role_of


@dataclass(frozen=True)
class DashboardPart:
    name: str
    order: int
    roles: frozenset[str]
    build: Callable[..., dict]


_parts: dict[str, DashboardPart] = {}


def register(*, name: str, order: int, roles: Iterable[str], build: Callable[..., dict]) -> None:
    """Add (or replace, when the app registry is set up again) one area's part."""
    _parts[name] = DashboardPart(name=name, order=order, roles=frozenset(roles), build=build)


def dashboard_url(name: str, query: str = "") -> str | None:
    """A card's link, or None when the page is not mounted."""
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return None


STAFF = (Role.ADMINISTRATOR, Role.TEACHER)


def _accepts_params(build: Callable[..., dict]) -> bool:
    try:
        return "params" in inspect.signature(build).parameters
    except (TypeError, ValueError):
        return False


def dashboard_context(user, params=None) -> dict:
    """The home page's parts for the user; ``params`` (the query string) goes to
    the parts whose builder takes it (e.g. the period the figures cover)."""
    role = role_of(user)
    context: dict = {"cards": [], "blocks": []}
    for part in sorted(_parts.values(), key=lambda part: (part.order, part.name)):
        if role not in part.roles:
            continue
        if params is not None and _accepts_params(part.build):
            extra = dict(part.build(user, params=params))
        else:
            extra = dict(part.build(user))
        context["cards"] += extra.pop("cards", [])
        context["blocks"] += extra.pop("blocks", [])
        context.update(extra)
    return context
