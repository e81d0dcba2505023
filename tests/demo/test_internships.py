import io

import pytest
from django.core.management import call_command

from internships.models import Attendance, Evaluation, Placement, PlacementLog, Position

pytestmark = pytest.mark.django_db


def test_the_demo_has_placements_in_every_state_that_pass_the_rules(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--enterprises", "80", stdout=io.StringIO())
    assert set(Placement.objects.values_list("status", flat=True)) == set(Placement.Status.values)
    assert set(Position.objects.values_list("kind", flat=True)) == set(Position.Kind.values)
    assert Position.objects.filter(night_shift=True).exclude(exception_filing="").exists()
    assert Placement.objects.exclude(warnings=[]).exists()
    assert Attendance.objects.exists() and Evaluation.objects.exists()
    assert PlacementLog.objects.filter(kind="incident").exists()
    liaison_enterprise = Placement.objects.filter(enterprise__liaisons__user__username="liaison")
    assert liaison_enterprise.count() >= 3
    # The placements a published allocation round made wait for a supervising
    # teacher to be named; every other one has one.
    from allocation.models import AllocationRound

    published = AllocationRound.objects.filter(status="published")
    allocated = Placement.objects.filter(
        student__applications__round__in=published, position__allocation_rounds__in=published
    )
    supervisors = set(
        Placement.objects.exclude(pk__in=allocated).values_list("supervisor__username", flat=True)
    )
    assert supervisors == {"teacher", "teacher2"}
