"""Reminders on WeCom, DingTalk and the signed webhook: once per channel, with retries."""

import datetime as dt
from collections import Counter

import pytest
from django.core import mail

from accounts.access import Role
from accounts.models import Profile
from campus import services as campus_services
from campus.channels import webhook_signature
from notifications import selectors
from notifications import services as notification_services
from notifications.models import ChannelDelivery
from tests.accounts.factories import UserFactory
from tests.internships.factories import StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(vendor):
    """A teacher (staff number T1001) and a student, both linked on WeCom and DingTalk."""
    teacher = UserFactory(username="wang", role=Role.TEACHER)
    Profile.objects.filter(user=teacher).update(staff_number="T1001")
    student_user = UserFactory(username="li", role=Role.STUDENT)
    StudentFactory(student_number="20240001", user=student_user)
    for user in (teacher, student_user):
        for channel in ("wecom", "dingtalk"):
            campus_services.identity_link(user=user, channel=channel)
    return teacher, student_user


def sweep():
    """The 15-minute sweep, as if the retries' wait had passed."""
    return notification_services.reminder_emails_requeue(older_than=dt.timedelta(0))


def delivered(vendor):
    return Counter((name, recipient) for name, recipient, _body in vendor.state.delivered)


def test_a_reminder_goes_out_once_on_every_linked_channel(vendor, people, run, fake_kind):
    teacher, student = people
    code = fake_kind([(teacher, teacher, "7d"), (student, student, "7d")])
    run(kinds=[code])
    run(kinds=[code])
    assert delivered(vendor) == Counter(
        {
            ("wecom", "T1001"): 1,
            ("wecom", "20240001"): 1,
            ("dingtalk", "T1001"): 1,
            ("dingtalk", "20240001"): 1,
            ("webhook", "T1001"): 1,
            ("webhook", "20240001"): 1,
        }
    )
    assert vendor.state.errors == []
    assert set(ChannelDelivery.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == 2  # the e-mail goes on beside the channels
    assert sweep() == 0


def test_exactly_once_while_the_vendors_fail_and_recover(vendor, people, run, fake_kind):
    teacher, _student = people
    plan = vendor.state.plan
    plan["wecom"] += ["rate_limit", "garbage", "http500"]
    plan["dingtalk"] += ["rate_limit", "reject"]
    plan["webhook"] += ["http500", "rate_limit"]
    code = fake_kind([(teacher, teacher, "7d")])
    run(kinds=[code])
    assert delivered(vendor) == Counter()
    assert ChannelDelivery.objects.filter(status="pending").count() == 3
    assert "45009" in ChannelDelivery.objects.get(channel="wecom").last_error
    run(kinds=[code])  # the daily job again: no new claim, nothing sent twice
    sweep()  # wecom garbage, dingtalk refused for good, webhook rate limited
    assert ChannelDelivery.objects.get(channel="dingtalk").status == "failed"
    sweep()  # wecom HTTP 500; webhook through
    sweep()  # wecom through
    sweep()
    assert delivered(vendor) == Counter({("wecom", "T1001"): 1, ("webhook", "T1001"): 1})
    statuses = dict(ChannelDelivery.objects.values_list("channel", "status"))
    assert statuses == {"wecom": "sent", "dingtalk": "failed", "webhook": "sent"}
    assert ChannelDelivery.objects.get(channel="wecom").attempts == 4
    assert sweep() == 0


def test_an_expired_token_is_fetched_again_and_the_message_sent_once(
    vendor, people, run, fake_kind
):
    teacher, _student = people
    vendor.state.plan["wecom"] += ["expired"]
    vendor.state.plan["dingtalk"] += ["expired"]
    code = fake_kind([(teacher, teacher, "7d")])
    run(kinds=[code])
    assert delivered(vendor)[("wecom", "T1001")] == 1
    assert delivered(vendor)[("dingtalk", "T1001")] == 1
    assert vendor.state.token_fetches == {"wecom": 2, "dingtalk": 2}
    # The token is cached: the next reminder fetches none.
    fake_kind([(teacher, teacher, "0d")])
    run(kinds=[code])
    assert vendor.state.token_fetches == {"wecom": 2, "dingtalk": 2}


def test_an_unknown_wecom_user_is_given_up_not_retried(vendor, people, run, fake_kind):
    teacher, _student = people
    vendor.state.plan["wecom"] += ["invaliduser"]
    code = fake_kind([(teacher, teacher, "7d")])
    run(kinds=[code])
    row = ChannelDelivery.objects.get(channel="wecom")
    assert row.status == "failed" and "not a member" in row.last_error
    assert sweep() == 0


def test_a_user_switches_a_channel_off_per_kind(vendor, people, run, fake_kind):
    teacher, _student = people
    code = fake_kind([(teacher, teacher, "7d")])
    notification_services.channel_preference_set(
        user=teacher, kind=code, channel="dingtalk", enabled=False
    )
    item = next(i for i in selectors.notification_preferences_of(teacher) if i["kind"] == code)
    assert item["channels"] == {"wecom": True, "dingtalk": False, "webhook": True}
    run(kinds=[code])
    assert {name for name, _r, _b in vendor.state.delivered} == {"wecom", "webhook"}


def test_nobody_is_reached_on_a_channel_that_is_not_configured(people, run, fake_kind, settings):
    teacher, _student = people
    settings.WECOM_CORP_ID = ""
    settings.CAMPUS_WEBHOOK_URL = ""
    code = fake_kind([(teacher, teacher, "7d")])
    run(kinds=[code])
    assert list(ChannelDelivery.objects.values_list("channel", flat=True)) == ["dingtalk"]


def test_the_webhook_signature_is_hmac_sha256_of_timestamp_and_body():
    assert webhook_signature("k", "1700000000", b'{"a":1}') == (
        "sha256=1b6ad1bc9bf48c52ce01939866d5877c6cc4e87ddad27e16673cb8c4964394a3"
    )
