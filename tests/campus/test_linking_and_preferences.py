"""Linking WeCom and DingTalk identities, and choosing channels per reminder kind."""

import pytest

from accounts.access import Role
from accounts.models import Profile
from campus.models import ChannelIdentity
from notifications.models import ChannelPreference
from tests.accounts.factories import UserFactory
from tests.internships.factories import StudentFactory

pytestmark = pytest.mark.django_db

KIND = "placement_unprepared"


@pytest.fixture
def teacher(vendor):
    user = UserFactory(username="wang", role=Role.TEACHER)
    Profile.objects.filter(user=user).update(staff_number="T1001")
    return user


def test_a_teacher_links_and_unlinks_wecom_by_staff_number(client, teacher, settings):
    settings.WECOM_USERID_TEMPLATE = "hx{number}"
    client.force_login(teacher)
    page = client.get("/campus/channels/")
    assert page.status_code == 200 and "Not linked" in page.content.decode()
    client.post("/campus/channels/", {"channel": "wecom", "action": "link"})
    assert ChannelIdentity.objects.get(user=teacher).external_id == "hxT1001"
    assert "hxT1001" in client.get("/campus/channels/").content.decode()
    client.post("/campus/channels/", {"channel": "wecom", "action": "unlink"})
    assert not ChannelIdentity.objects.exists()


def test_a_student_links_by_student_number(client, vendor):
    user = UserFactory(username="li", role=Role.STUDENT)
    StudentFactory(student_number="20240009", user=user)
    client.force_login(user)
    client.post("/campus/channels/", {"channel": "dingtalk", "action": "link"})
    assert ChannelIdentity.objects.get(user=user, channel="dingtalk").external_id == "20240009"


def test_linking_is_refused_without_a_number_or_configuration_or_twice(
    client, vendor, lily, teacher, settings
):
    client.force_login(lily)  # an enterprise liaison: no staff number
    response = client.post("/campus/channels/", {"channel": "wecom"}, follow=True)
    assert "no staff or student number" in response.content.decode()
    client.post("/campus/channels/", {"channel": "nonsense"})
    assert not ChannelIdentity.objects.exists()
    other = UserFactory(role=Role.TEACHER)
    ChannelIdentity.objects.create(user=other, channel="wecom", external_id="T1001")
    client.force_login(teacher)
    response = client.post("/campus/channels/", {"channel": "wecom"}, follow=True)
    assert "linked to another account" in response.content.decode()
    settings.DINGTALK_APP_KEY = ""
    response = client.post("/campus/channels/", {"channel": "dingtalk"}, follow=True)
    assert "not set up" in response.content.decode()
    assert ChannelIdentity.objects.filter(user=teacher).count() == 0


def test_the_preferences_api_shows_and_sets_the_channels(api, teacher):
    ChannelIdentity.objects.create(user=teacher, channel="wecom", external_id="T1001")
    client = api.as_(teacher)
    item = client.get(f"/api/v1/notification-preferences/{KIND}/").json()
    assert item["channels"] == {"wecom": True, "webhook": True}
    response = client.patch(
        f"/api/v1/notification-preferences/{KIND}/", {"channels": {"wecom": False}}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["channels"] == {"wecom": False, "webhook": True}
    assert response.json()["email"] is True
    assert ChannelPreference.objects.get(user=teacher).enabled is False


@pytest.mark.parametrize(
    "body",
    [{"channels": {"telegram": True}}, {"channels": {"wecom": "perhaps"}}, {"channels": []}, {}],
)
def test_the_preferences_api_refuses_bad_channels(api, teacher, body):
    response = api.as_(teacher).patch(f"/api/v1/notification-preferences/{KIND}/", body)
    assert response.status_code == 400
    assert not ChannelPreference.objects.exists()


def test_the_preferences_page_has_a_box_per_channel(client, teacher):
    ChannelIdentity.objects.create(user=teacher, channel="dingtalk", external_id="T1001")
    client.force_login(teacher)
    page = client.get("/notifications/preferences/").content.decode()
    assert f'name="{KIND}__dingtalk"' in page
    data = {f"{KIND}": "on", f"{KIND}__webhook": "on"}  # dingtalk unticked
    client.post("/notifications/preferences/", data)
    assert ChannelPreference.objects.get(user=teacher, kind=KIND).channel == "dingtalk"
