import pytest
from django.conf import settings

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
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request pushes the expiry forward
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
