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
