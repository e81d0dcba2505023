import datetime as dt

import pytest

# The reference day of these tests: Tuesday 1 December 2026.
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the whole daily job for a day, with its after-commit e-mails."""
    from notifications import services

    def _run(day=TODAY, kinds=None):
        with django_capture_on_commit_callbacks(execute=True):
            return services.reminders_send(today=day, kinds=kinds)

    return _run


@pytest.fixture
def fake_kind(monkeypatch):
    """Register a reminder kind whose due items the test decides.

    ``fake_kind(items)`` with items as (user, obj, stage) tuples; returns the
    kind's code. The object may be any saved model instance.
    """
    from django.contrib.auth.models import User

    from notifications import reminders

    def _make(items, code="test_kind", attach=None, model=User):
        def find(today):
            for user, obj, stage in list(items):
                yield reminders.Due(
                    user, obj, stage, f"Reminder {stage} about {obj.pk}", "Body", "/somewhere/"
                )

        monkeypatch.setitem(
            reminders.REGISTRY,
            code,
            reminders.ReminderKind(code, "Test kind", model, find, attach),
        )
        return code

    return _make
