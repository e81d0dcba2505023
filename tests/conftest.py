"""Shared personas and helpers.

alice is the administrator, tom a teacher, lily and leo liaisons of two
enterprises, rita a reporter.
"""

import os

import pytest
from django.db import connection
from rest_framework.test import APIClient

from accounts.access import Role
from tests.accounts.factories import PASSWORD, UserFactory
from tests.partnerships.factories import EnterpriseFactory

# Tests that start or share a server run on one pytest-xdist worker, one after
# the other (``--dist loadgroup``): the end-to-end tests share one Chromium and
# drive the live server, the fault tests start and stop private PostgreSQL and
# Redis servers under gunicorn, and the worker tests start Celery workers that
# consume the one broker queue, for reminders and for reports (two xdist workers
# would take each other's tasks), and the campus sign-in tests share their
# identity servers.
XDIST_GROUPS = {
    "tests/e2e/": "e2e",
    "tests/faults/": "faults",
    "tests/notifications/test_worker.py": "celery-worker",
    "tests/reports/test_worker.py": "celery-worker",
    "tests/campus/test_channel_worker.py": "celery-worker",
    # The sign-in tests start slapd, a CAS server and an OIDC provider once per
    # session: on one worker they start once.
    "tests/campus/test_ldap.py": "campus-sso",
    "tests/campus/test_cas.py": "campus-sso",
    "tests/campus/test_oidc.py": "campus-sso",
}


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` with the groups above, read from the test ids.

    pytest-xdist's own loadgroup renames each marked test (``id@group``), which
    pytest 9.2 no longer lets a plugin do, so its groups would silently spread
    over the workers; the controller groups by path here instead.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    # Keep pytest-django's order (database tests, then transactional ones): by
    # default the biggest group would go first, and the e2e tests' flush would
    # empty the rows the migrations wrote (the beat schedule) before the tests
    # that read them.
    config.option.loadscopereorder = False

    class PathGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _group(nodeid) or nodeid

    return PathGroupScheduling(config, log)


def _group(nodeid: str) -> str | None:
    for prefix, group in XDIST_GROUPS.items():
        if nodeid.startswith(prefix):
            return group
    return None


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(fixtures)
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests that need PostgreSQL or Redis are skipped locally but fail in CI.

    A group runs as one unit where its first test stands in the order. A group
    that flushes the database (a transactional test) therefore moves, whole,
    behind every database test that is not transactional (pytest-django put
    those first): otherwise its flush would empty the rows the migrations wrote
    (the beat schedule) on its worker before the tests that read them.
    """
    flushing = {_group(item.nodeid) for item in items if _transactional(item)} - {None}
    first_flush = next((i for i, item in enumerate(items) if _transactional(item)), len(items))
    items[:] = [
        *(item for item in items[:first_flush] if _group(item.nodeid) not in flushing),
        *(item for item in items[:first_flush] if _group(item.nodeid) in flushing),
        *items[first_flush:],
    ]
    for item in items:
        if item.get_closest_marker("postgres"):
            item.fixturenames.insert(0, "_require_postgres")
        if item.get_closest_marker("redis"):
            item.fixturenames.insert(0, "_require_redis")


def _missing(what: str):
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not configured")
    pytest.skip(f"needs {what}")


@pytest.fixture
def _require_postgres(db):
    if connection.vendor != "postgresql":
        _missing("PostgreSQL (set DATABASE_URL=postgres://...)")


@pytest.fixture
def _require_redis():
    url = os.environ.get("REDIS_URL") or os.environ.get("CELERY_BROKER_URL")
    if not url or not url.startswith("redis"):
        _missing("Redis (set REDIS_URL=redis://...)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {url} is not reachable: {exc}")
        pytest.skip(f"Redis at {url} is not reachable")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle and lockout counters never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def enterprise(db):
    return EnterpriseFactory(name="Shenyang Xinsong Robotics Co., Ltd.")


@pytest.fixture
def other_enterprise(db):
    return EnterpriseFactory(name="Dalian Changcheng Logistics Co., Ltd.")


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", role=Role.ADMINISTRATOR)


@pytest.fixture
def tom(db):
    return UserFactory(username="tom", role=Role.TEACHER)


@pytest.fixture
def lily(enterprise):
    return UserFactory(username="lily", role=Role.LIAISON, role__enterprise=enterprise)


@pytest.fixture
def leo(other_enterprise):
    return UserFactory(username="leo", role=Role.LIAISON, role__enterprise=other_enterprise)


@pytest.fixture
def rita(db):
    return UserFactory(username="rita", role=Role.REPORTER)


@pytest.fixture
def api():
    """An API client; ``api.as_(user)`` signs in with that user's token."""

    class Client(APIClient):
        def as_(self, user):
            from rest_framework.authtoken.models import Token

            token, _ = Token.objects.get_or_create(user=user)
            self.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
            return self

    return Client()
