"""Faults against real servers: PostgreSQL restarted, Redis down.

Each test runs its own PostgreSQL cluster (and Redis) on free ports and the
app under gunicorn, then stops and starts those servers while it serves.
"""

import json
import os
import shutil

import pytest

from tests.faults.servers import AppServer, PostgresServer, RedisServer, manage, pg_bin, wait_for

pytestmark = [pytest.mark.faults]

MAKE_TOKEN = """
from accounts.services import user_create
from rest_framework.authtoken.models import Token
user = user_create(username="alice", password="fault-test-pass-1", role="administrator")
print(Token.objects.create(user=user).key)
"""


def _need_servers():
    if (
        pg_bin("initdb")
        and shutil.which("redis-server")
        and (os.geteuid() == 0 or os.environ.get("USER") == "postgres")
    ):
        return
    if os.environ.get("CI"):
        pytest.fail("fault tests need PostgreSQL binaries, redis-server and root in CI")
    pytest.skip("needs PostgreSQL server binaries and redis-server")


@pytest.fixture
def postgres():
    _need_servers()
    server = PostgresServer()
    yield server
    server.destroy()


@pytest.fixture
def redis_server():
    _need_servers()
    server = RedisServer()
    yield server
    server.destroy()


def _prepare(env) -> str:
    manage(env, "migrate", "--noinput", "-v0")
    return manage(env, "shell", input_text=MAKE_TOKEN).strip().splitlines()[-1]


def test_a_postgresql_restart_is_a_503_then_the_app_recovers_by_itself(postgres):
    from tests.faults.servers import app_env

    env = app_env(postgres.url)
    token = _prepare(env)
    app = AppServer(env)
    try:
        assert app.get("/health/")[0] == 200
        assert app.get("/api/v1/enterprises/", token)[0] == 200

        postgres.stop()
        status, body = app.get("/health/")
        assert status == 503 and json.loads(body)["database"] == "error"
        status, body = app.get("/api/v1/enterprises/", token)
        assert status == 503
        assert "try again" in json.loads(body)["detail"]
        status, body = app.get("/accounts/login/")
        assert status == 200  # the login page needs no database until it is posted

        postgres.start()
        wait_for(lambda: app.get("/health/")[0] == 200, timeout=30)
        assert app.get("/api/v1/enterprises/", token)[0] == 200
    finally:
        app.stop()


def test_with_redis_down_pages_and_the_api_keep_working(postgres, redis_server):
    from tests.faults.servers import app_env

    env = app_env(postgres.url, REDIS_URL=redis_server.url + "/1")
    token = _prepare(env)
    app = AppServer(env)
    try:
        assert app.get("/api/v1/me/", token)[0] == 200
        redis_server.stop()
        assert app.get("/api/v1/me/", token)[0] == 200
        assert app.get("/api/v1/enterprises/", token)[0] == 200
        assert app.get("/accounts/login/")[0] == 200
        status, body = app.get(
            "/api/v1/auth/token/",
            method="POST",
            data=json.dumps({"username": "alice", "password": "fault-test-pass-1"}).encode(),
        )
        assert status == 200 and "token" in body
        redis_server.start()
        assert app.get("/api/v1/me/", token)[0] == 200
    finally:
        app.stop()
