"""A placement made by hand races the publishing of a round, on PostgreSQL.

Each thread has its own connection, so the row locks are really contended:
either the hand-made placement takes the last place first and publishing is
refused as a whole (nothing of the round is created), or publishing wins and
the hand-made placement is refused. Never both, never half a round.
"""

import threading

import pytest
from django.db import connection

from allocation import services
from allocation.models import AllocationRound
from common.exceptions import RuleError
from internships import services as internship_services
from internships.models import Placement
from tests.allocation.factories import make_round, world
from tests.internships.factories import StudentFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_a_hand_made_placement_races_publishing(attempt):
    plan, students, positions = world(n_students=4, capacities=(1, 1, 1, 1))
    round_ = make_round(positions=positions, plan=plan)
    for student, position in zip(students, positions, strict=True):
        services.applications_rank(round_=round_, student=student, positions=[position])
    services.round_close(round_=round_)
    round_ = services.round_run(round_=round_)
    assert round_.preview["placed"] == 4
    outsider = StudentFactory()
    last = positions[-1]
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def publish():
        try:
            barrier.wait(timeout=10)
            services.round_publish(round_=round_)
            outcomes["publish"] = "ok"
        except RuleError as error:
            outcomes["publish"] = error.code
        except Exception as error:  # noqa: BLE001 - any other failure fails the test
            outcomes["publish"] = f"error: {error!r}"
        finally:
            connection.close()

    def by_hand():
        try:
            barrier.wait(timeout=10)
            internship_services.placement_create(student=outsider, position=last)
            outcomes["hand"] = "ok"
        except RuleError as error:
            outcomes["hand"] = error.code
        except Exception as error:  # noqa: BLE001
            outcomes["hand"] = f"error: {error!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=publish), threading.Thread(target=by_hand)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    round_.refresh_from_db()
    of_round = Placement.objects.filter(student__in=students).count()
    assert Placement.objects.filter(position=last).count() == 1
    if outcomes["publish"] == "ok":
        assert outcomes["hand"] == "capacity_full"
        assert of_round == 4 and round_.status == AllocationRound.Status.PUBLISHED
    else:
        assert outcomes == {"publish": "capacity_full", "hand": "ok"}
        assert of_round == 0 and round_.status == AllocationRound.Status.PREVIEWED
