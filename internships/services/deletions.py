"""Deleting students, positions, attendance, logs and evaluations."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from internships.models import Attendance, Evaluation, PlacementLog, Position, Student

from ._shared import _check_log_author, _lock_log

# Rows that others refer to are protected by the database (a 409 in the API).


@transaction.atomic
def attendance_delete(*, attendance: Attendance) -> None:
    attendance.delete()


@transaction.atomic
def placement_log_delete(*, log: PlacementLog, actor: User | None = None) -> None:
    log = _lock_log(log)
    _check_log_author(log, actor)
    log.delete()


@transaction.atomic
def evaluation_delete(*, evaluation: Evaluation) -> None:
    evaluation.delete()


@transaction.atomic
def student_delete(*, student: Student) -> None:
    student.delete()


@transaction.atomic
def position_delete(*, position: Position) -> None:
    position.delete()
