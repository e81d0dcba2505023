"""The project's Celery app, started as a real worker by the worker tests.

It runs with config.settings.base (not the eager test settings) and adds
only what the tests need to observe and break it, all driven by environment
variables:

- MAIL_LOG: every e-mail "sent" is appended to this file as one line
  (Message-ID, recipient), so the test counts what really went out;
- MAIL_DELAY: seconds each e-mail takes, to keep a batch in flight;
- FAULT_DIR: a file ``kill-claim`` there makes the next worker process that
  claims a chunk of reminders, after an earlier chunk committed, kill itself
  inside that chunk's transaction;
  ``kill-mail`` makes the next one sending an e-mail die mid-send. Each
  fires once (the file is renamed first, so exactly one process wins).
  ``stall-report`` makes the next process writing a report file stop there
  (it writes its pid to ``report-stalled`` and sleeps, for the test to kill);
  ``kill-report`` stays armed: every process writing a report file dies.
"""

import os
import signal
import time
from pathlib import Path

from celery.signals import worker_init, worker_process_init, worker_ready
from django.core.mail.backends.base import BaseEmailBackend

from config.celery import app

__all__ = ["app"]


def _fire(name: str) -> bool:
    fault_dir = os.environ.get("FAULT_DIR")
    if not fault_dir:
        return False
    try:
        os.rename(Path(fault_dir, name), Path(fault_dir, f"{name}.fired"))
    except FileNotFoundError:
        return False
    return True


class MailLogBackend(BaseEmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if _fire("kill-mail"):
                os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(float(os.environ.get("MAIL_DELAY", "0")))
            line = f"{message.extra_headers.get('Message-ID')}\t{message.to[0]}\n"
            with open(os.environ["MAIL_LOG"], "a", encoding="utf-8") as log:
                log.write(line)
        return len(messages)


def _faulty(write):
    """A report writer that stalls or dies once the file is written, before it is kept."""

    def writer(document, handle):
        write(document, handle)
        fault_dir = os.environ.get("FAULT_DIR")
        if fault_dir and Path(fault_dir, "kill-report").exists():
            os.kill(os.getpid(), signal.SIGKILL)
        if _fire("stall-report"):
            Path(fault_dir, "report-stalled").write_text(str(os.getpid()))
            time.sleep(3600)

    return writer


_installed = False


def _install(**kwargs):
    global _installed
    if _installed:
        return
    _installed = True
    import django

    django.setup()
    from django.conf import settings

    from notifications.models import ReminderDelivery

    settings.EMAIL_BACKEND = "tests.notifications.worker_app.MailLogBackend"
    manager = ReminderDelivery.objects
    real_bulk_update = manager.bulk_update

    def bulk_update(objs, fields, *args, **kw):
        result = real_bulk_update(objs, fields, *args, **kw)
        # Still inside the chunk's transaction: the claims and notifications
        # of this chunk are written but not committed.
        # (Only once an earlier chunk has committed, so the kill really
        # lands mid-batch.)
        earlier = ReminderDelivery.objects.exclude(claim_token=objs[0].claim_token).exists()
        if earlier and _fire("kill-claim"):
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    manager.bulk_update = bulk_update

    from reports import writers

    for format_, write in list(writers.WRITERS.items()):
        writers.WRITERS[format_] = _faulty(write)


worker_init.connect(_install, weak=False)
worker_process_init.connect(_install, weak=False)


@worker_ready.connect(weak=False)
def _ready(**kwargs):
    ready = os.environ.get("WORKER_READY_FILE")
    if ready:
        Path(ready).write_text("ready")
