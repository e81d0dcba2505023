"""Signing in with CAS 3.0 against a real server (django-cas-server), single sign-out too.

The product runs as a live server here, so the CAS server can call it back
for the single sign-out; a requests session plays the browser.
"""

import logging
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from accounts.access import Role, role_of
from accounts.models import Profile
from campus.models import CasSession
from internships.models import Student
from tests.accounts.factories import UserFactory
from tests.internships.factories import StudentFactory

pytestmark = pytest.mark.django_db(transaction=True)

INPUT_RE = re.compile(r"<input[^>]*>", re.S)


def _fields(html: str) -> dict:
    fields = {}
    for tag in INPUT_RE.findall(html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name[1]] = value[1].replace("&amp;", "&") if value else ""
    return fields


def cas_sign_in(browser, live_server, username, password):
    """Follow our login to the CAS form, sign in there; stop at our callback's answer."""
    response = browser.get(f"{live_server.url}/campus/cas/login/", allow_redirects=False)
    assert response.status_code == 302, response.text[:300]
    login_url = response.headers["Location"]
    form = browser.get(login_url, timeout=10)
    assert form.status_code == 200
    fields = _fields(form.text)
    fields.update(username=username, password=password)
    fields.pop("warn", None)
    answer = browser.post(form.url, data=fields, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text[:500]
    callback = answer.headers["Location"]
    assert callback.startswith(f"{live_server.url}/campus/cas/callback/?ticket=ST-")
    return browser.get(callback, allow_redirects=False, timeout=20), callback


def me(browser, live_server):
    return browser.get(f"{live_server.url}/api/v1/me/", timeout=10)


def test_a_student_signs_in_and_signs_out_everywhere(cas, live_server):
    record = StudentFactory(student_number="20240005")
    browser = requests.Session()
    response, _callback = cas_sign_in(browser, live_server, "20240005", "Study-0005")
    assert response.status_code == 302, response.text[:500]
    assert me(browser, live_server).json()["role"] == "student"
    record.refresh_from_db()
    assert role_of(record.user) == Role.STUDENT
    assert CasSession.objects.count() == 1
    # Signing out at the CAS server ends the session here too (its
    # back-channel logoutRequest to the service URL).
    browser.get(f"{cas.url}logout", timeout=20)
    deadline = time.monotonic() + 15
    while me(browser, live_server).status_code == 200 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert me(browser, live_server).status_code in (401, 403)
    assert CasSession.objects.count() == 0


def test_a_teacher_signs_in_by_staff_number(cas, live_server):
    teacher = UserFactory(username="tao.lin", role=Role.TEACHER)
    Profile.objects.filter(user=teacher).update(staff_number="T4001")
    browser = requests.Session()
    response, _callback = cas_sign_in(browser, live_server, "T4001", "Teach-4001")
    assert response.status_code == 302
    assert me(browser, live_server).json()["username"] == "tao.lin"


def test_a_new_teacher_gets_the_role_and_name_from_the_attributes(cas, live_server, settings):
    settings.CAMPUS_SSO_CREATE_TEACHERS = True
    browser = requests.Session()
    response, _callback = cas_sign_in(browser, live_server, "T4001", "Teach-4001")
    assert response.status_code == 302
    body = me(browser, live_server).json()
    assert body["role"] == "teacher"
    assert Profile.objects.get(staff_number="T4001").user.first_name == "Lin Tao"


def test_an_unknown_person_gets_a_clear_page(cas, live_server, caplog):
    browser = requests.Session()
    with caplog.at_level(logging.WARNING, logger="campus.sso"):
        response, _callback = cas_sign_in(browser, live_server, "X7777", "Other-7777")
    assert response.status_code == 403
    assert "not known to this system" in response.text


def test_a_replayed_ticket_is_refused(cas, live_server):
    StudentFactory(student_number="20240005")
    browser = requests.Session()
    response, callback = cas_sign_in(browser, live_server, "20240005", "Study-0005")
    assert response.status_code == 302
    thief = requests.Session()
    replay = thief.get(callback, allow_redirects=False, timeout=20)
    assert replay.status_code == 403
    assert me(thief, live_server).status_code in (401, 403)


def test_a_ticket_the_server_never_issued_is_refused(cas, live_server):
    StudentFactory(student_number="20240005")
    browser = requests.Session()
    for ticket in ["ST-1-forgedforgedforged", "ST-<script>", "PT-123", "", "ST-" + "a" * 300]:
        response = browser.get(
            f"{live_server.url}/campus/cas/callback/",
            params={"ticket": ticket},
            allow_redirects=False,
            timeout=20,
        )
        assert response.status_code == 403, ticket
    assert not Student.objects.filter(user__isnull=False).exists()


def test_a_ticket_for_another_service_is_refused(cas, live_server):
    """A ticket issued for one service cannot sign in at another (CAS checks the service)."""
    StudentFactory(student_number="20240005")
    browser = requests.Session()
    response = browser.get(f"{live_server.url}/campus/cas/login/", allow_redirects=False)
    other_service = f"{live_server.url}/campus/channels/"
    login_url = response.headers["Location"].split("?")[0]
    form = browser.get(login_url, params={"service": other_service}, timeout=10)
    fields = _fields(form.text)
    fields.update(username="20240005", password="Study-0005")
    answer = browser.post(form.url, data=fields, allow_redirects=False, timeout=10)
    ticket = parse_qs(urlsplit(answer.headers["Location"]).query)["ticket"][0]
    stolen = requests.Session().get(
        f"{live_server.url}/campus/cas/callback/",
        params={"ticket": ticket},
        allow_redirects=False,
        timeout=20,
    )
    assert stolen.status_code == 403


def test_a_garbage_single_sign_out_request_is_harmless(cas, live_server):
    response = requests.post(
        f"{live_server.url}/campus/cas/callback/",
        data={"logoutRequest": "<not xml"},
        timeout=10,
    )
    assert response.status_code == 200


def test_cas_2_validation_signs_in_too(cas, live_server, settings):
    """CAS 2.0 (serviceValidate): the user name is the number."""
    settings.CAS_VERSION = "2"
    teacher = UserFactory(username="tao.lin", role=Role.TEACHER)
    Profile.objects.filter(user=teacher).update(staff_number="T4001")
    browser = requests.Session()
    response, _callback = cas_sign_in(browser, live_server, "T4001", "Teach-4001")
    assert response.status_code == 302
    assert me(browser, live_server).json()["username"] == "tao.lin"
