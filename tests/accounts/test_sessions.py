import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.middleware import REFRESHED_KEY

pytestmark = pytest.mark.django_db


def test_a_session_dies_when_the_user_is_deactivated(client, tom):
    client.force_login(tom)
    assert client.get("/").status_code == 200
    tom.is_active = False
    tom.save()
    assert client.get("/").status_code == 302


def test_a_session_expires_after_idle_time_and_is_renewed_by_use(client, tom):
    client.force_login(tom)
    client.get("/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    session = client.session
    session.set_expiry(-1)
    session.save()
    assert client.get("/").status_code == 302


def test_the_token_endpoint_locks_out_after_repeated_failures(api, alice, password):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        api.post("/api/v1/auth/token/", {"username": "alice", "password": "wrong"})
    response = api.post("/api/v1/auth/token/", {"username": "alice", "password": password})
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    assert int(response["Retry-After"]) > 0


def test_the_token_endpoint_is_throttled(api, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import ScopedRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "auth": "2/min"}
    ScopedRateThrottle.THROTTLE_RATES = rates
    try:
        for _attempt in range(2):
            api.post("/api/v1/auth/token/", {"username": "nobody", "password": "x"})
        response = api.post("/api/v1/auth/token/", {"username": "nobody", "password": "x"})
        assert response.status_code == 429
        assert "Retry-After" in response
    finally:
        ScopedRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


def _stored_expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_use_pushes_the_expiry_forward_once_a_minute_not_on_every_page(
    client, tom, django_assert_max_num_queries
):
    client.force_login(tom)
    client.get("/")
    first = _stored_expiry(client)
    with CaptureQueriesContext(connection) as queries:
        client.get("/")  # within the minute: the session is read, not written
    assert not [
        q for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]
    ]
    assert _stored_expiry(client) == first

    session = client.session  # a minute later, with ten minutes left, the next page renews it
    session[REFRESHED_KEY] = int(time.time()) - settings.SESSION_REFRESH_SECONDS
    session.save()
    soon = timezone.now() + timedelta(minutes=10)
    Session.objects.filter(session_key=session.session_key).update(expire_date=soon)
    response = client.get("/")
    assert response.status_code == 200
    assert _stored_expiry(client) > soon + timedelta(minutes=30)
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE


def test_an_api_token_request_writes_no_session(api, alice):
    with CaptureQueriesContext(connection) as queries:
        assert api.as_(alice).get("/api/v1/me/").status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"]]


def test_an_anonymous_session_is_not_kept_alive(client):
    session = client.session
    session["seen"] = True
    session.save()
    client.get("/accounts/login/")
    assert REFRESHED_KEY not in client.session
