"""Derived review figures: the yearly figures other areas compute from records.

An annual review's cooperation figures (order-class students, courses and
textbooks, part-time teachers, equipment, service income, training) are what
the cooperation records add up to. Partnerships keeps the figures but knows
nothing of the records; the area that keeps them registers a function from
its ``AppConfig.ready()`` that takes reviews and returns, per review id, a
``DerivedFigure`` for each figure it derives. A figure it does not return
stays as typed. The dependency points from the area to partnerships.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DerivedFigure:
    derived: Any  # what the records give
    value: Any  # what counts: the correction when there is one, else ``derived``
    reason: str = ""  # the correction's reason, empty when none


_sources: dict[str, Callable[[list], dict[int, dict[str, DerivedFigure]]]] = {}
_links: dict[str, Callable[[Any], tuple[Any, str]]] = {}


def register(
    *,
    name: str,
    build: Callable[[list], dict[int, dict[str, DerivedFigure]]],
    link: Callable[[Any], tuple[Any, str]] | None = None,
) -> None:
    """Add (or replace, when the app registry is set up again) one area's figures.

    ``link(review)`` gives a (label, url) the review's page shows: where the
    figures are explained and corrected.
    """
    _sources[name] = build
    if link is not None:
        _links[name] = link


def links(review) -> list[tuple[Any, str]]:
    return [link(review) for _name, link in sorted(_links.items())]


def derived(reviews: Iterable) -> dict[int, dict[str, DerivedFigure]]:
    """Per review id, the figures the registered areas derive for it."""
    reviews = list(reviews)
    found: dict[int, dict[str, DerivedFigure]] = {}
    if not reviews:
        return found
    for _name, build in sorted(_sources.items()):
        for review_id, figures in build(reviews).items():
            found.setdefault(review_id, {}).update(figures)
    return found
