"""Channel messages through a real Celery worker and Redis, while the vendors fail and recover.

The vendor server runs in this process; the worker (tests/notifications/
worker_app.py, config.settings.base, nothing eager) reads the same PostgreSQL
test database and retries with Celery's countdowns, shortened to a second.
"""

import time
from collections import Counter

import pytest

from accounts.access import Role
from accounts.models import Profile
from campus.models import ChannelIdentity
from notifications.models import ChannelDelivery, ReminderDelivery
from tests.accounts.factories import UserFactory
from tests.campus import vendors
from tests.notifications.conftest import TODAY
from tests.notifications.test_worker import (  # noqa: F401 - the broker fixture
    KIND,
    Worker,
    broker,
    client,
    due_placements,
    enqueue,
    wait_for,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


def test_each_channel_message_goes_out_once_while_the_vendors_fail_and_recover(
    tmp_path,
    broker,  # noqa: F811 - the fixture imported above
):
    UserFactory(role=Role.ADMINISTRATOR)  # no number: e-mail only
    teachers = UserFactory.create_batch(2, role=Role.TEACHER)
    for index, teacher in enumerate(teachers):
        Profile.objects.filter(user=teacher).update(staff_number=f"T900{index}")
        ChannelIdentity.objects.create(user=teacher, channel="wecom", external_id=f"T900{index}")
    due_placements(4, teachers)  # 4 x (supervisor + admin) = 8 reminders, 4 to teachers
    with vendors.VendorServer() as vendor:
        vendor.state.plan["wecom"] += ["http500", "rate_limit", "garbage", "expired", "http500"]
        vendor.state.plan["webhook"] += ["http500", "rate_limit", "http500"]
        env = {
            "WECOM_API_URL": vendor.url,
            "WECOM_CORP_ID": vendors.CORP_ID,
            "WECOM_SECRET": vendors.CORP_SECRET,
            "WECOM_AGENT_ID": vendors.AGENT_ID,
            "CAMPUS_WEBHOOK_URL": vendor.url + "/hook",
            "CAMPUS_WEBHOOK_SECRET": vendors.HOOK_SECRET,
            "CHANNEL_RETRY_SECONDS": "1",
            "CAMPUS_RATE_LIMIT_SECONDS": "1",
        }
        worker = Worker(tmp_path, broker, concurrency=2, env=env)
        try:
            app = client(broker)
            for _ in range(2):  # a duplicated daily job
                enqueue(app, "reminder_kind_send_task", KIND, TODAY.isoformat())
            wait_for(
                lambda: ChannelDelivery.objects.count() == 8,
                timeout=60,
                what="channel claims",
                worker=worker,
            )
            for pk in ChannelDelivery.objects.values_list("pk", flat=True):
                enqueue(app, "channel_send_task", pk)  # duplicated sends too
            wait_for(
                lambda: ChannelDelivery.objects.filter(status="sent").count() == 8,
                timeout=120,
                what="channel messages",
                worker=worker,
            )
            time.sleep(2)  # let retries and duplicates still queued run through
        finally:
            worker.stop()
        delivered = Counter((name, who) for name, who, _body in vendor.state.delivered)
        assert vendor.state.errors == []
    assert ReminderDelivery.objects.count() == 8
    assert delivered == Counter(
        {
            ("wecom", "T9000"): 2,
            ("wecom", "T9001"): 2,
            ("webhook", "T9000"): 2,
            ("webhook", "T9001"): 2,
        }
    )
    webhook_ids = [b["delivery"] for name, _w, b in vendor.state.delivered if name == "webhook"]
    assert len(set(webhook_ids)) == 4
    assert ChannelDelivery.objects.filter(attempts__gt=1).exists()  # the failures were retried
    assert not ChannelDelivery.objects.exclude(status="sent").exists()
