"""Figures other areas add to an enterprise's page.

Partnerships owns the enterprise page but knows nothing of the areas built on
it (internships, and the cooperation records to come). Each such area
registers a function of the enterprise from its ``AppConfig.ready()`` that
returns ``Figure`` rows; the page shows them in ``order``. The dependency
points from the area to partnerships, never back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    label: Any  # str or lazy str
    value: Any
    testid: str = ""


@dataclass(frozen=True)
class _Source:
    order: int
    build: Callable[[Any], list[Figure]]


_sources: dict[str, _Source] = {}


def register(*, name: str, order: int, build: Callable[[Any], list[Figure]]) -> None:
    """Add (or replace, when the app registry is set up again) one area's figures."""
    _sources[name] = _Source(order=order, build=build)


def figures(enterprise) -> list[Figure]:
    rows: list[Figure] = []
    for _name, source in sorted(_sources.items(), key=lambda item: (item[1].order, item[0])):
        rows += source.build(enterprise)
    return rows
