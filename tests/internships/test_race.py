"""Concurrent requests for the last places of a position, against PostgreSQL.

Each thread has its own database connection, so the row locks of
placement_create are really contended; without them several threads would
count the same free places and the position would be overbooked.
"""

import threading

import pytest
from django.db import connection

from common.exceptions import RuleError
from internships import services
from internships.models import Placement, Position
from tests.internships.factories import PlacementFactory, PositionFactory, StudentFactory
from tests.partnerships.factories import EnterpriseFactory


def _race(position, students):
    barrier = threading.Barrier(len(students))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(student):
        try:
            barrier.wait(timeout=10)
            services.placement_create(student=student, position=position)
            result = "ok"
        except RuleError as error:
            result = error.code
        except Exception as error:  # any other failure is a bug in the test's eyes
            result = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(s,)) for s in students]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_requests_for_three_last_places_never_overbook():
    position = PositionFactory(capacity=5)
    PlacementFactory.create_batch(2, position=position)
    students = StudentFactory.create_batch(8)
    outcomes = _race(position, students)
    assert sorted(outcomes) == ["capacity_full"] * 5 + ["ok"] * 3
    assert Placement.objects.filter(position=position).count() == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_post_interns_stay_within_the_enterprise_share():
    # 10 % of 30 = 3 post interns across two positions of one enterprise.
    enterprise = EnterpriseFactory(workforce=30)
    positions = [
        PositionFactory(enterprise=enterprise, kind=Position.Kind.POST, capacity=10)
        for _ in range(2)
    ]
    students = StudentFactory.create_batch(8)
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def attempt(index, student):
        try:
            barrier.wait(timeout=10)
            services.placement_create(student=student, position=positions[index % 2])
            outcomes.append("ok")
        except RuleError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i, s)) for i, s in enumerate(students)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes.count("ok") == 3
    assert Placement.objects.filter(enterprise=enterprise).count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_follow_post_interns_take_the_last_share_once():
    # Follow-post interns count as 岗位实习: 10 % of 30 = 3 across a shadow and
    # a post position, one post intern already placed, so two places are left.
    enterprise = EnterpriseFactory(workforce=30)
    post = PositionFactory(enterprise=enterprise, kind=Position.Kind.POST, capacity=10)
    shadow = PositionFactory(enterprise=enterprise, kind=Position.Kind.SHADOW, capacity=10)
    PlacementFactory(position=post)
    outcomes = _race(shadow, StudentFactory.create_batch(6))
    assert sorted(outcomes) == ["enterprise_intern_share"] * 4 + ["ok"] * 2
    assert Placement.objects.filter(enterprise=enterprise).count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_follow_post_interns_stay_within_the_post_share():
    # 20 % of a headcount of 10 = 2 follow-post interns on the post.
    shadow = PositionFactory(kind=Position.Kind.SHADOW, capacity=10, post_headcount=10)
    outcomes = _race(shadow, StudentFactory.create_batch(6))
    assert sorted(outcomes) == ["ok"] * 2 + ["post_intern_share"] * 4
    assert Placement.objects.filter(position=shadow).count() == 2
