"""Signing in with the college's LDAP directory (a real slapd started by the tests)."""

import logging

import pytest
from django.contrib.auth.models import User

from accounts.access import Role, role_of
from accounts.models import Profile
from campus.ldap import directory_identity
from internships.models import Student
from tests.accounts.factories import UserFactory
from tests.internships.factories import StudentFactory

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_student_signs_in_and_gets_an_account_linked_to_their_record(ldap, client):
    record = StudentFactory(student_number="20240002", name="Li Si")
    response = sign_in(client, "lisi", "Study-0002")
    assert response.status_code == 302, response.content.decode()[:500]
    record.refresh_from_db()
    assert record.user is not None and role_of(record.user) == Role.STUDENT
    assert not record.user.has_usable_password()
    assert client.get("/api/v1/me/").json()["role"] == "student"
    # The second sign-in finds the same account.
    client.logout()
    assert sign_in(client, "lisi", "Study-0002").status_code == 302
    assert User.objects.filter(student_record__isnull=False).count() == 1


def test_a_teacher_signs_in_as_the_account_with_their_staff_number(ldap, client):
    teacher = UserFactory(username="fang.wang", role=Role.TEACHER)
    Profile.objects.filter(user=teacher).update(staff_number="T2001")
    assert sign_in(client, "wangfang", "Teach-2001").status_code == 302
    assert client.get("/api/v1/me/").json()["username"] == "fang.wang"


def test_a_wrong_password_does_not_sign_in(ldap, client):
    StudentFactory(student_number="20240002")
    response = sign_in(client, "lisi", "wrong")
    assert response.status_code == 200
    assert not Student.objects.filter(user__isnull=False).exists()


def test_a_person_unknown_to_the_records_is_refused_with_a_clear_message(ldap, client, caplog):
    with caplog.at_level(logging.WARNING, logger="campus.sso"):
        response = sign_in(client, "stranger", "Other-9999")
    assert response.status_code == 200
    assert "not known to this system" in response.content.decode()
    assert "X9999" in caplog.text
    assert not User.objects.filter(username__startswith="X9999").exists()


@pytest.mark.parametrize(
    "username",
    ["*", "lisi)(uid=*", "*)(|(uid=*", "lisi*", "li\\2asi", "lisi\x00", "(uid=lisi)", ""],
)
def test_an_ldap_injection_in_the_username_is_refused(ldap, username, caplog):
    StudentFactory(student_number="20240002")
    with caplog.at_level(logging.WARNING, logger="campus.sso"):
        assert directory_identity(username, "Study-0002") is None
    assert not Student.objects.filter(user__isnull=False).exists()


def test_an_injection_through_the_sign_in_form_is_not_a_500(ldap, client):
    assert sign_in(client, "*)(uid=*))(|(uid=*", "x").status_code == 200


def test_an_empty_password_is_never_an_anonymous_bind(ldap):
    assert directory_identity("lisi", "") is None


def test_a_directory_that_is_down_refuses_without_a_500(ldap, client, settings, caplog):
    from tests.campus.servers import free_port

    settings.LDAP_SERVER_URL = f"ldap://127.0.0.1:{free_port()}"
    StudentFactory(student_number="20240002")
    with caplog.at_level(logging.ERROR, logger="campus.sso"):
        assert sign_in(client, "lisi", "Study-0002").status_code == 200
    assert "unavailable" in caplog.text or "cannot bind" in caplog.text


def test_local_accounts_still_sign_in_with_their_password(ldap, client, lily, password):
    assert sign_in(client, "lily", password).status_code == 302
