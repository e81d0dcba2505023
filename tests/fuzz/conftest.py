"""The fuzz pass in shards, one process per core (``tests/fuzz/run.py``).

Schemathesis gives every case of a test the same node id, so pytest-xdist
cannot spread them; instead ``FUZZ_SHARD=k/n`` keeps every n-th case from the
k-th, on a test database of its own, and n processes run side by side.
"""

from __future__ import annotations

import os

import pytest


def shard() -> tuple[int, int] | None:
    value = os.environ.get("FUZZ_SHARD", "").strip()
    if not value:
        return None
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise pytest.UsageError(f"FUZZ_SHARD is k/n, such as 0/2: {value!r}") from None
    if not 0 <= index < count:
        raise pytest.UsageError(f"FUZZ_SHARD {value!r}: k must be in 0..n-1")
    return index, count


def pytest_collection_modifyitems(config, items):
    chosen = shard()
    if chosen is None:
        return
    index, count = chosen
    keep, drop = [], []
    for position, item in enumerate(items):
        (keep if position % count == index else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Each shard on its own test database (an in-memory SQLite one is private already)."""
    chosen = shard()
    if chosen is None:
        return
    from django.conf import settings

    for database in settings.DATABASES.values():
        name = database.get("TEST", {}).get("NAME")
        if not name:
            if database["ENGINE"] == "django.db.backends.sqlite3":
                continue
            name = f"test_{database['NAME']}"
        if name == ":memory:":
            continue
        database.setdefault("TEST", {})["NAME"] = f"{name}_fuzz{chosen[0]}"
