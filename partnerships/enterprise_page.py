"""Figures other areas add to an enterprise's page.

Partnerships owns the enterprise page but knows nothing of the areas built on
it (internships, and the cooperation records to come). Each such area
registers a function of the enterprise from its ``AppConfig.ready()`` that
returns ``Figure`` rows; the page shows them in ``order``. An area may also
add a block (a template and its context) below them, such as a timeline. The dependency
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


@dataclass(frozen=True)
class _Block:
    order: int
    template: str
    build: Callable[[Any], dict]


_blocks: dict[str, _Block] = {}


def register_block(*, name: str, order: int, template: str, build: Callable[[Any], dict]) -> None:
    """Add one area's block of the page: a template and its context for the enterprise."""
    _blocks[name] = _Block(order=order, template=template, build=build)


def blocks(enterprise) -> list[dict]:
    """The blocks in ``order``: each a dict with ``template`` and ``context``."""
    return [
        {"template": block.template, "context": block.build(enterprise)}
        for _name, block in sorted(_blocks.items(), key=lambda item: (item[1].order, item[0]))
    ]
