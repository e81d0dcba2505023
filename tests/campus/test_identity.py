"""The one mapping from an identity service's answer to a user, without a server."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from accounts.access import Role, role_of
from accounts.models import Profile
from campus.identity import Identity, SsoRefused, user_for
from campus.models import ChannelIdentity
from notifications import services as notification_services
from notifications.models import ChannelDelivery
from tests.accounts.factories import UserFactory
from tests.internships.factories import StudentFactory

pytestmark = pytest.mark.django_db


def test_a_student_record_gets_an_account_once_even_if_the_number_is_a_local_username():
    UserFactory(username="20249999", role=Role.LIAISON, role__enterprise=None)
    record = StudentFactory(student_number="20249999", name="Qian Li")
    user = user_for(Identity("cas", "20249999"))
    assert user.username == "20249999-2" and role_of(user) == Role.STUDENT
    assert user.first_name == "Qian Li"
    assert user_for(Identity("oidc", "20249999")) == user
    record.refresh_from_db()
    assert record.user == user


@pytest.mark.parametrize("number", ["", " ", "*", "a" * 31, "../x", "T1\x00", "(uid=*)"])
def test_an_unusable_number_is_refused(number):
    with pytest.raises(SsoRefused) as refused:
        user_for(Identity("cas", number))
    assert refused.value.code == "sso_number_missing"


def test_an_inactive_account_is_refused():
    teacher = UserFactory(role=Role.TEACHER, is_active=False)
    Profile.objects.filter(user=teacher).update(staff_number="T5001")
    with pytest.raises(SsoRefused) as refused:
        user_for(Identity("ldap", "T5001"))
    assert refused.value.code == "sso_account_inactive"


def test_teachers_are_created_only_when_allowed_and_the_role_says_teacher(settings):
    with pytest.raises(SsoRefused):
        user_for(Identity("oidc", "T6001", role="teacher"))
    settings.CAMPUS_SSO_CREATE_TEACHERS = True
    with pytest.raises(SsoRefused):
        user_for(Identity("oidc", "T6001", role="student"))  # no student record
    user = user_for(Identity("oidc", "T6001", role="Staff", name="He Ping"))
    assert role_of(user) == Role.TEACHER and not user.has_usable_password()
    assert not User.objects.filter(username="T6001").exclude(pk=user.pk).exists()


def test_an_sso_student_is_scoped_like_any_student(api):
    StudentFactory(student_number="20247777")
    user = user_for(Identity("cas", "20247777"))
    client = api.as_(user)
    assert client.get("/api/v1/me/").json()["role"] == "student"
    assert client.get("/api/v1/enterprises/").status_code == 403
    assert client.get("/api/v1/users/").status_code == 403


def test_a_channel_message_leased_elsewhere_is_not_sent_twice(vendor, run, fake_kind):
    teacher = UserFactory(role=Role.TEACHER)
    Profile.objects.filter(user=teacher).update(staff_number="T7001")
    ChannelIdentity.objects.create(user=teacher, channel="wecom", external_id="T7001")
    vendor.state.plan["wecom"] += ["rate_limit"]
    code = fake_kind([(teacher, teacher, "7d")])
    run(kinds=[code])
    row = ChannelDelivery.objects.get(channel="wecom")
    ChannelDelivery.objects.filter(pk=row.pk).update(
        locked_until=timezone.now() + dt.timedelta(minutes=5)
    )
    with pytest.raises(notification_services.ReminderEmailBusy):
        notification_services.channel_send(channel_delivery_id=row.pk)
    ChannelDelivery.objects.filter(pk=row.pk).update(locked_until=None)
    assert notification_services.channel_send(channel_delivery_id=row.pk) is True
    assert notification_services.channel_send(channel_delivery_id=row.pk) is False
    assert [r for v, r, _b in vendor.state.delivered if v == "wecom"] == ["T7001"]


def test_the_command_links_everyone_with_a_number(vendor):
    teacher = UserFactory(role=Role.TEACHER)
    Profile.objects.filter(user=teacher).update(staff_number="T8001")
    StudentFactory(student_number="20248001", user=UserFactory(role=Role.STUDENT))
    UserFactory(role=Role.REPORTER)  # no number
    out = io.StringIO()
    call_command("link_channel_identities", channel="dingtalk", stdout=out)
    assert "2 linked" in out.getvalue()
    assert set(ChannelIdentity.objects.values_list("external_id", flat=True)) == {
        "T8001",
        "20248001",
    }


def test_signing_out_through_cas_ends_the_session_and_goes_to_the_cas_logout(client, tom, settings):
    settings.CAS_SERVER_URL = "https://cas.example.edu.cn/cas/"
    client.force_login(tom)
    response = client.post("/campus/cas/logout/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://cas.example.edu.cn/cas/logout?")
    assert client.get("/api/v1/me/").status_code in (401, 403)


def test_the_sign_in_page_offers_the_configured_services(client, settings):
    assert "Campus sign-in" not in client.get("/accounts/login/").content.decode()
    settings.CAS_SERVER_URL = "https://cas.example.edu.cn/cas/"
    page = client.get("/accounts/login/?next=/notifications/").content.decode()
    assert 'href="/campus/cas/login/?next=/notifications/"' in page
    assert "OpenID Connect" not in page
