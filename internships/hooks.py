"""Where higher areas plug into placements without internships importing them.

- Activation requirements: a function of a placement returning the
  ``policy.Failure`` list of paperwork it still lacks. ``contracts`` registers
  the signed agreement (and the informed consent of a post internship); while
  nothing is registered, the placement's own ``agreement_signed`` checkbox is
  the requirement.
- Placement listeners: called inside the service's transaction after a
  placement was created (``changed`` is ``{"created"}``) or updated (the names
  of the fields that changed), with the acting user. ``contracts`` records
  paper agreements and opens amendments from here.

Both are filled from the owning app's ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ActivationRequirement = Callable[[Any], list]
PlacementListener = Callable[..., None]

_REQUIREMENTS: dict[str, ActivationRequirement] = {}
_LISTENERS: dict[str, PlacementListener] = {}


def register_activation_requirement(name: str, check: ActivationRequirement) -> None:
    _REQUIREMENTS[name] = check


def register_placement_listener(name: str, listener: PlacementListener) -> None:
    _LISTENERS[name] = listener


def paperwork_failures(placement, default: ActivationRequirement) -> list:
    """What the registered requirements find missing; ``default`` when none is registered."""
    if not _REQUIREMENTS:
        return default(placement)
    failures: list = []
    for check in _REQUIREMENTS.values():
        failures.extend(check(placement))
    return failures


def placement_changed(placement, *, changed: set[str], actor=None) -> None:
    for listener in _LISTENERS.values():
        listener(placement, changed=changed, actor=actor)
