"""Signing in with OpenID Connect against a real provider (django-oauth-toolkit)."""

import logging
import re
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth.models import User

from accounts.access import Role, role_of
from accounts.models import Profile
from internships.models import Student
from tests.accounts.factories import UserFactory
from tests.internships.factories import StudentFactory

pytestmark = pytest.mark.django_db


def provider_sign_in(authorize_url: str, username: str, password: str) -> str:
    """Act as the browser at the provider: sign in there, return our callback's path."""
    browser = requests.Session()
    url = authorize_url
    for _hop in range(6):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "csrfmiddlewaretoken" in response.text:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)[1]
            next_url = re.search(r'name="next" value="([^"]*)"', response.text)[1]
            response = browser.post(
                url,
                data={
                    "csrfmiddlewaretoken": token,
                    "username": username,
                    "password": password,
                    "next": next_url.replace("&amp;", "&"),
                },
                headers={"Referer": url},
                allow_redirects=False,
                timeout=10,
            )
        assert response.status_code == 302, response.text[:500]
        location = requests.compat.urljoin(url, response.headers["Location"])
        if location.startswith("http://testserver/"):
            parts = urlsplit(location)
            return f"{parts.path}?{parts.query}"
        url = location
    raise AssertionError("the provider never sent the browser back")


def start(client) -> str:
    response = client.get("/campus/oidc/login/?next=/notifications/")
    assert response.status_code == 302, response.content.decode()[:300]
    return response["Location"]


def test_a_student_signs_in_and_their_record_gets_the_account(oidc, client):
    record = StudentFactory(student_number="20240003")
    callback = provider_sign_in(start(client), "20240003", "Study-0003")
    response = client.get(callback)
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    record.refresh_from_db()
    assert role_of(record.user) == Role.STUDENT
    assert client.get("/api/v1/me/").json()["role"] == "student"


def test_a_teacher_signs_in_as_the_account_with_their_staff_number(oidc, client):
    teacher = UserFactory(username="jing.chen", role=Role.TEACHER)
    Profile.objects.filter(user=teacher).update(staff_number="T3001")
    response = client.get(provider_sign_in(start(client), "T3001", "Teach-3001"))
    assert response.status_code == 302
    assert client.get("/api/v1/me/").json()["username"] == "jing.chen"


def test_a_new_teacher_is_created_when_the_college_allows_it(oidc, client, settings):
    settings.CAMPUS_SSO_CREATE_TEACHERS = True
    assert client.get(provider_sign_in(start(client), "T3001", "Teach-3001")).status_code == 302
    user = User.objects.get(profile__staff_number="T3001")
    assert role_of(user) == Role.TEACHER and user.first_name == "Chen Jing"


def test_a_person_unknown_to_the_records_gets_a_clear_page(oidc, client, caplog):
    with caplog.at_level(logging.WARNING, logger="campus.sso"):
        response = client.get(provider_sign_in(start(client), "X8888", "Other-8888"))
    assert response.status_code == 403
    assert "not known to this system" in response.content.decode()
    assert "sso_unknown_user" in caplog.text
    assert not client.get("/api/v1/me/").status_code == 200


def test_an_id_token_for_another_audience_is_refused(oidc, client, caplog):
    StudentFactory(student_number="20240004")
    with caplog.at_level(logging.WARNING, logger="campus.sso"):
        response = client.get(provider_sign_in(start(client), "20240004", "Study-0004"))
    assert response.status_code == 403
    assert "aud" in caplog.text
    assert not Student.objects.filter(user__isnull=False).exists()


def test_an_id_token_with_another_nonce_is_refused(oidc, client, caplog):
    StudentFactory(student_number="20240003")
    authorize = start(client)
    session = client.session
    key = next(k for k in session.keys() if k.startswith("_state_campus_"))
    state = session[key]
    state["data"]["nonce"] = "a-nonce-from-another-sign-in"
    session[key] = state
    session.save()
    with caplog.at_level(logging.WARNING, logger="campus.sso"):
        response = client.get(provider_sign_in(authorize, "20240003", "Study-0003"))
    assert response.status_code == 403
    assert "nonce" in caplog.text
    assert not Student.objects.filter(user__isnull=False).exists()


def test_a_callback_from_another_browser_or_replayed_is_refused(oidc, client):
    StudentFactory(student_number="20240003")
    callback = provider_sign_in(start(client), "20240003", "Study-0003")
    assert client.get(callback).status_code == 302
    client.logout()
    assert client.get(callback).status_code == 403  # the state was used up
    other = type(client)()
    assert other.get(callback).status_code == 403


@pytest.mark.parametrize(
    "query", ["", "?code=x", "?code=x&state=forged", "?error=access_denied", "?state=%00"]
)
def test_garbage_at_the_callback_is_refused_not_a_500(oidc, client, query):
    assert client.get(f"/campus/oidc/callback/{query}").status_code == 403


def test_a_provider_that_is_down_is_a_clear_page(client, settings):
    from tests.campus.servers import free_port

    settings.OIDC_ISSUER = f"http://127.0.0.1:{free_port()}/o"
    settings.OIDC_CLIENT_ID = "x"
    assert client.get("/campus/oidc/login/").status_code == 403
