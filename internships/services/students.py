"""Students."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from internships.models import Student

STUDENT_FIELDS = ("student_number", "name", "major", "cohort", "date_of_birth", "sex")


def _clean_student(values: dict[str, Any], *, instance: Student | None = None) -> dict:
    values = {k: v for k, v in values.items() if k in STUDENT_FIELDS}
    if "student_number" in values:
        number = (values["student_number"] or "").strip()
        if not number:
            raise RuleError(
                "student_number_required", _("A student number is needed."), field="student_number"
            )
        same = Student.objects.filter(student_number=number)
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            raise RuleError(
                "student_number_taken",
                _("Another student already has this student number."),
                field="student_number",
            )
        values["student_number"] = number
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
        if not values["name"]:
            raise RuleError("name_required", _("A student needs a name."), field="name")
    if "date_of_birth" in values and values["date_of_birth"] >= timezone.localdate():
        raise RuleError(
            "date_of_birth_invalid",
            _("The date of birth must be in the past."),
            field="date_of_birth",
        )
    return values


@transaction.atomic
def student_create(**fields: Any) -> Student:
    values = _clean_student(fields)
    return Student.objects.create(**values)


@transaction.atomic
def student_update(*, student: Student, **fields: Any) -> Student:
    student = Student.objects.select_for_update().get(pk=student.pk)
    for key, value in _clean_student(fields, instance=student).items():
        setattr(student, key, value)
    student.save()
    return student
