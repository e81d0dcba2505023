"""The year figures of placements, defined once on Placement's queryset."""

import datetime

import pytest

from internships.models import Placement
from reports.summary import summary_for_year
from tests.internships.factories import PlacementFactory, PositionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_placed_in_a_year_means_active_or_completed_and_overlapping_it(rita):
    position = PositionFactory(starts_on=D(2024, 9, 1), ends_on=D(2026, 6, 30), capacity=20)

    def at(starts_on, ends_on, status="active", **kwargs):
        return PlacementFactory(
            position=position, starts_on=starts_on, ends_on=ends_on, status=status, **kwargs
        )

    spanning = at(D(2024, 9, 1), D(2025, 1, 31))
    completed = at(D(2025, 3, 1), D(2025, 6, 30), status="completed")
    same_student = at(D(2025, 9, 1), D(2025, 12, 31), student=completed.student)
    at(D(2025, 3, 1), D(2025, 6, 30), status="planned")
    at(D(2025, 3, 1), D(2025, 6, 30), status="terminated")
    at(D(2026, 1, 1), D(2026, 2, 1))
    Placement.objects.filter(pk=completed.pk).update(hired="yes")

    placed = Placement.objects.placed_in(2025)
    assert set(placed) == {spanning, completed, same_student}
    assert set(Placement.objects.started_in(2025)) == {completed, same_student}
    assert set(Placement.objects.completed_in(2025)) == {completed}
    assert set(Placement.objects.hired_in(2025)) == {completed}
    # The summary counts the students of exactly these placements.
    summary = summary_for_year(user=rita, year=2025)
    assert summary["students_placed"] == placed.values("student").distinct().count() == 2
