"""Reminders through a real Celery worker and a real Redis broker.

The worker is a separate process (tests/notifications/worker_app.py, with
config.settings.base, so nothing is eager) reading the same PostgreSQL test
database; the tests commit their rows (transaction=True) so it sees them.
What went out is counted from the worker's mail log, one line per e-mail.
"""

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from accounts.access import Role
from notifications.models import Notification, ReminderDelivery
from tests.accounts.factories import UserFactory
from tests.internships.factories import StudentFactory
from tests.notifications.conftest import TODAY
from tests.notifications.factories import open_post, planned_placement

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[2]
KIND = "placement_unprepared"
# How long a whole batch may take before the test gives up: a guard against a
# hang, not a speed target (the suite runs beside other xdist workers, and a
# loaded machine sends 600 e-mails through a killed worker in well over a minute).
BATCH_TIMEOUT = 240


def broker_url() -> str:
    return os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or ""


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}"
    )


class Worker:
    """A celery worker process of our own, stopped by its own process group."""

    def __init__(
        self,
        tmp: Path,
        broker: str,
        *,
        concurrency: int = 2,
        mail_delay: float = 0,
        env: dict[str, str] | None = None,
    ):
        tmp.mkdir(parents=True, exist_ok=True)
        self.tmp, self.broker = tmp, broker
        self.mail_log = tmp / "mail.log"
        self.mail_log.touch()
        self.fault_dir = tmp / "faults"
        self.fault_dir.mkdir(exist_ok=True)
        ready = tmp / f"ready-{uuid.uuid4().hex}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
            "MAIL_LOG": str(self.mail_log),
            "MAIL_DELAY": str(mail_delay),
            "FAULT_DIR": str(self.fault_dir),
            "WORKER_READY_FILE": str(ready),
            "REMINDER_EMAIL_LEASE_SECONDS": "3",
            "REMINDER_EMAIL_REQUEUE_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            **(env or {}),
        }
        env.pop("REDIS_URL", None)
        self.log = open(tmp / "worker.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tests.notifications.worker_app",
                "worker",
                "--pool=prefork",
                f"--concurrency={concurrency}",
                f"--loglevel={os.environ.get('TEST_WORKER_LOGLEVEL', 'WARNING')}",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname=jobs-test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(ready.exists, timeout=30, what="the worker to start", worker=self)

    def arm(self, fault: str) -> None:
        (self.fault_dir / fault).touch()

    def fired(self, fault: str) -> bool:
        return (self.fault_dir / f"{fault}.fired").exists()

    def mails(self) -> list[str]:
        return self.mail_log.read_text().splitlines()

    def kill(self) -> None:
        """SIGKILL the whole worker, main process and pool: the machine is gone."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def output(self) -> str:
        return (self.tmp / "worker.log").read_text(errors="replace")[-3000:]


def wait_for(condition, *, timeout: float, what: str, worker: Worker | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if worker is not None and worker.process.poll() is not None:
            pytest.fail(f"the worker exited while waiting for {what}:\n{worker.output()}")
        time.sleep(0.1)
    detail = worker.output() if worker else ""
    detail += (
        f"\ndeliveries: {list(ReminderDelivery.objects.values_list('status', flat=True))[:50]}"
    )
    pytest.fail(f"timed out waiting for {what}\n{detail}")


class Client:
    """Sends tasks by name to one broker (not the one CELERY_BROKER_URL names:
    Celery would prefer that variable over the URL given to the app)."""

    def __init__(self, url: str):
        self.url = url
        self.app = Celery("jobs-tests", set_as_current=False)
        self.app.conf.update(task_serializer="json", accept_content=["json"])

    def send(self, task: str, *args) -> None:
        name = task if "." in task else f"notifications.tasks.{task}"
        with self.app.connection_for_write(self.url) as connection:
            self.app.send_task(name, args=list(args), connection=connection)


def client(url: str) -> Client:
    return Client(url)


def enqueue(client: Client, task: str, *args) -> None:
    client.send(task, *args)


def sent_count() -> int:
    return ReminderDelivery.objects.filter(status="sent").count()


@pytest.fixture
def broker(_require_redis):
    url = broker_url()
    import redis

    redis.Redis.from_url(url).flushdb()  # our own database number only
    return url


@pytest.fixture
def worker(tmp_path, broker):
    w = Worker(tmp_path, broker)
    yield w
    w.stop()


def due_placements(n: int, supervisors: list) -> None:
    position = open_post()
    student = StudentFactory()
    for i in range(n):
        planned_placement(
            position=position,
            student__major=student.major,
            supervisor=supervisors[i % len(supervisors)],
            starts_on=TODAY + dt.timedelta(days=3),
            insurance_policy="",
        )


def assert_each_sent_once(worker: Worker, expected: int) -> None:
    mails = worker.mails()
    assert len(mails) == expected, f"{len(mails)} e-mails for {expected} reminders"
    assert len(set(mails)) == expected  # no Message-ID twice
    assert Notification.objects.filter(kind=KIND).count() == expected
    assert ReminderDelivery.objects.filter(kind=KIND).count() == expected
    assert sent_count() == expected


def test_a_duplicated_daily_job_and_duplicated_emails_send_each_reminder_once(worker, broker):
    """Proves duplicate enqueue is harmless: the daily job queued three times
    and every e-mail task queued twice more still gives one notification and
    one e-mail per recipient and placement."""
    UserFactory(role=Role.ADMINISTRATOR)
    teachers = UserFactory.create_batch(3, role=Role.TEACHER)
    due_placements(10, teachers)  # 10 x (supervisor + 1 admin) = 20 reminders
    app = client(broker)
    for _ in range(3):
        enqueue(app, "reminder_kind_send_task", KIND, TODAY.isoformat())
    wait_for(
        lambda: ReminderDelivery.objects.count() == 20, timeout=30, what="claims", worker=worker
    )
    for pk in ReminderDelivery.objects.values_list("pk", flat=True):
        enqueue(app, "reminder_email_task", pk)
        enqueue(app, "reminder_email_task", pk)
    wait_for(lambda: sent_count() == 20, timeout=30, what="e-mails", worker=worker)
    time.sleep(1.5)  # let the duplicates run through
    assert_each_sent_once(worker, 20)


def test_two_workers_running_the_job_at_the_same_moment_send_each_reminder_once(tmp_path, broker):
    """Proves concurrent runs are safe: two worker processes each run the
    whole daily job (every kind, plus the sweep that queues unsent e-mails
    again) at the same time over 300 reminders; the delivery table's unique
    constraint lets exactly one claim of each win."""
    for _ in range(2):
        UserFactory(role=Role.ADMINISTRATOR)
    teachers = UserFactory.create_batch(5, role=Role.TEACHER)
    due_placements(100, teachers)  # 100 x (supervisor + 2 admins) = 300
    first = Worker(tmp_path / "a", broker, concurrency=1)
    second = Worker(tmp_path / "b", broker, concurrency=1)
    try:
        app = client(broker)
        enqueue(app, "reminders_send_task", TODAY.isoformat())
        enqueue(app, "reminders_send_task", TODAY.isoformat())
        wait_for(lambda: sent_count() == 300, timeout=BATCH_TIMEOUT, what="e-mails", worker=first)
        time.sleep(1.5)
    finally:
        first.stop()
        second.stop()
    mails = first.mails() + second.mails()
    assert len(mails) == 300 and len(set(mails)) == 300
    assert first.mails() and second.mails()  # both workers really took part
    assert Notification.objects.filter(kind=KIND).count() == 300


def test_a_worker_killed_mid_batch_and_mid_email_loses_and_doubles_nothing(worker, broker):
    """Proves acks_late + reject_on_worker_lost with the claim table: the
    worker process is SIGKILLed inside a claim transaction (its chunk rolls
    back, the task is redelivered and claims the rest) and again in the
    middle of sending an e-mail (the lease makes the redelivered task wait,
    then send it exactly once)."""
    UserFactory(role=Role.ADMINISTRATOR)
    teachers = UserFactory.create_batch(4, role=Role.TEACHER)
    due_placements(300, teachers)  # 600 reminders: two claim chunks of 500 and 100
    worker.arm("kill-claim")
    worker.arm("kill-mail")
    enqueue(client(broker), "reminder_kind_send_task", KIND, TODAY.isoformat())
    wait_for(lambda: sent_count() == 600, timeout=BATCH_TIMEOUT, what="e-mails", worker=worker)
    time.sleep(1)
    assert worker.fired("kill-claim") and worker.fired("kill-mail")
    assert "WorkerLostError" in worker.output()  # the process really died twice
    assert_each_sent_once(worker, 600)


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test alone, so it can be restarted safely."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = 6390
    data = tmp_path / "redis"
    data.mkdir()

    def start():
        process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(data),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        def up():
            try:
                return redis.Redis(port=port, socket_connect_timeout=0.2).ping()
            except redis.RedisError:
                return False

        wait_for(up, timeout=10, what="redis-server")
        return process

    state = {"process": start()}

    def restart():
        state["process"].terminate()
        state["process"].wait(timeout=10)
        state["process"] = start()

    yield f"redis://127.0.0.1:{port}/0", restart
    state["process"].terminate()
    state["process"].wait(timeout=10)


def test_a_redis_restart_during_a_batch_loses_and_doubles_nothing(tmp_path, own_redis):
    """Proves the broker is not the source of truth: Redis restarts (without
    persistence, so every queued message is lost) while a batch of e-mails
    is going out; the worker reconnects, and the next daily run queues the
    claimed-but-unsent e-mails again, so each reminder still goes out once."""
    url, restart = own_redis
    UserFactory(role=Role.ADMINISTRATOR)
    teachers = UserFactory.create_batch(3, role=Role.TEACHER)
    due_placements(20, teachers)  # 40 reminders, 0.1 s each
    worker = Worker(tmp_path, url, concurrency=2, mail_delay=0.1)
    try:
        enqueue(client(url), "reminder_kind_send_task", KIND, TODAY.isoformat())
        wait_for(lambda: len(worker.mails()) >= 6, timeout=15, what="first e-mails", worker=worker)
        restart()
        assert sent_count() < 40  # the restart really hit the batch mid-way
        enqueue(client(url), "reminders_send_task", TODAY.isoformat())
        wait_for(lambda: sent_count() == 40, timeout=BATCH_TIMEOUT, what="e-mails", worker=worker)
        time.sleep(1)
    finally:
        worker.stop()
    assert_each_sent_once(worker, 40)
