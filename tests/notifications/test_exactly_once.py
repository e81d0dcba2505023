"""A reminder goes out once per recipient, object and stage, whatever happens to the job."""

import threading
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, transaction

from accounts.access import Role
from notifications import services
from notifications.models import Notification, ReminderDelivery
from notifications.reminders import latest_stage
from tests.accounts.factories import UserFactory
from tests.notifications.conftest import TODAY


def test_the_latest_stage_reached_is_the_one_that_counts():
    stages = [("30d", 30), ("7d", 7), ("0d", 0), ("overdue", -1)]
    assert latest_stage(31, stages) is None
    assert latest_stage(30, stages) == "30d"
    assert latest_stage(8, stages) == "30d"
    assert latest_stage(7, stages) == "7d"
    assert latest_stage(1, stages) == "7d"
    assert latest_stage(0, stages) == "0d"
    assert latest_stage(-1, stages) == "overdue"
    assert latest_stage(-400, stages) == "overdue"


@pytest.mark.django_db
def test_running_the_job_twice_sends_each_reminder_once(run, fake_kind):
    users = UserFactory.create_batch(3, role=Role.TEACHER)
    code = fake_kind([(u, u, "7d") for u in users])
    first = run(kinds=[code])
    second = run(kinds=[code])
    assert first == {code: 3} and second == {code: 0}
    assert Notification.objects.filter(kind=code).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert set(ReminderDelivery.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_a_new_stage_is_a_new_reminder_but_the_same_stage_never_is(run, fake_kind):
    user = UserFactory(role=Role.TEACHER)
    items = [(user, user, "30d")]
    code = fake_kind(items)
    run(kinds=[code])
    items[:] = [(user, user, "7d")]
    run(kinds=[code])
    run(kinds=[code])
    assert list(
        Notification.objects.filter(kind=code).order_by("id").values_list("subject", flat=True)
    ) == [f"Reminder 30d about {user.pk}", f"Reminder 7d about {user.pk}"]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_same_item_twice_in_one_run_is_sent_once(run, fake_kind):
    user = UserFactory(role=Role.TEACHER)
    code = fake_kind([(user, user, "7d"), (user, user, "7d")])
    run(kinds=[code])
    assert Notification.objects.filter(kind=code).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_run_that_dies_mid_batch_is_completed_by_its_redelivery(
    fake_kind, django_capture_on_commit_callbacks
):
    """The chunk being written when the process died is rolled back whole
    (claims included), so the redelivered run sends exactly what is missing."""
    users = UserFactory.create_batch(25, role=Role.TEACHER)
    code = fake_kind([(u, u, "7d") for u in users])
    real = Notification.objects.bulk_create
    calls = []

    def dies_on_second_chunk(rows, *args, **kwargs):
        calls.append(len(rows))
        if len(calls) == 2:
            raise SystemExit("worker killed")
        return real(rows, *args, **kwargs)

    with django_capture_on_commit_callbacks(execute=True):
        with mock.patch.object(Notification.objects, "bulk_create", dies_on_second_chunk):
            with pytest.raises(SystemExit):
                services.reminder_kind_send(kind=code, today=TODAY, chunk_size=10)
    assert ReminderDelivery.objects.count() == 10
    assert len(mail.outbox) == 10
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminder_kind_send(kind=code, today=TODAY, chunk_size=10) == 15
    assert Notification.objects.filter(kind=code).count() == 25
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_when_the_surrounding_transaction_rolls_back(fake_kind):
    user = UserFactory(role=Role.TEACHER)
    code = fake_kind([(user, user, "7d")])
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            services.reminders_send(today=TODAY, kinds=[code])
            raise RuntimeError("rolled back")
    assert mail.outbox == []
    assert not ReminderDelivery.objects.exists()
    assert not Notification.objects.exists()
    services.reminders_send(today=TODAY, kinds=[code])
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_on_postgresql_send_each_reminder_once(fake_kind):
    """Two workers running the daily job at the same moment: the unique
    constraint makes the second insert of a key wait for the first and skip."""
    users = UserFactory.create_batch(30, role=Role.TEACHER)
    others = UserFactory.create_batch(30, role=Role.TEACHER)
    # 30 x 30 = 900 reminders per run, in chunks: the runs really overlap.
    code = fake_kind([(u, o, "7d") for u in users for o in others])
    barrier = threading.Barrier(2)
    claimed, errors = [], []

    def worker():
        try:
            barrier.wait()
            claimed.append(services.reminder_kind_send(kind=code, today=TODAY, chunk_size=200))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(claimed) == 900
    assert Notification.objects.filter(kind=code).count() == 900
    assert ReminderDelivery.objects.filter(status="sent").count() == 900
    assert len(mail.outbox) == 900
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 900
