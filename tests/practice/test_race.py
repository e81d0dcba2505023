"""Concurrent check-ins of one student, against PostgreSQL: one a day.

Each thread has its own connection; the placement's row lock serialises the
one-a-day check, and the unique constraint backs it up.
"""

import threading

import pytest
from django.db import connection

from common.exceptions import RuleError
from practice import services
from practice.models import CheckIn
from tests.practice.factories import NEAR, current_placement, student_user


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_six_check_ins_sent_at_once_store_one():
    user = student_user("xiaoming")
    placement = current_placement(user)
    barrier = threading.Barrier(6)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt():
        try:
            barrier.wait(timeout=10)
            services.checkin_create(
                actor=user, placement=placement, lat=NEAR[0], lng=NEAR[1], accuracy_m=10
            )
            result = "ok"
        except RuleError as error:
            result = error.code
        except Exception as error:  # any other failure is a bug
            result = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["already_checked_in"] * 5 + ["ok"]
    assert CheckIn.objects.count() == 1
