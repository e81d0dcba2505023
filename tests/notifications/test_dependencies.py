"""Imports point one way: the areas use notifications and accounts, never the reverse."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from notifications import reminders

ROOT = Path(settings.BASE_DIR)
AREAS = {"partnerships", "councils", "groups", "internships", "reports", "demo", "dashboard"}


def _imports(package: str) -> dict[str, set[str]]:
    """Top-level package of every import (lazy ones included) per module, migrations aside."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize(
    "package,forbidden",
    [
        ("notifications", AREAS),
        ("accounts", AREAS | {"notifications"}),
        ("partnerships", AREAS - {"partnerships"}),
    ],
)
def test_a_base_package_imports_no_area_that_depends_on_it(package, forbidden):
    for path, names in _imports(package).items():
        assert not names & forbidden, (path, sorted(names & forbidden))


def test_each_area_registers_its_own_reminder_kinds():
    owners = {code: kind.find.__module__ for code, kind in reminders.REGISTRY.items()}
    assert owners == {
        "review_due": "partnerships.reminders",
        "agreement_expiring": "partnerships.reminders",
        "meeting_upcoming": "councils.reminders",
        "committee_idle": "councils.reminders",
        "action_item_overdue": "councils.reminders",
        "placement_unprepared": "internships.reminders",
        "placement_unevaluated": "internships.reminders",
    }
    assert set(reminders.OTHER_KINDS) == {"placement_incident", "agreement_flagged"}
