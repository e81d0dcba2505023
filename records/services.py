"""Every write to the cooperation records goes through a function here.

One set of functions serves every record type (``records.kinds``): the rules
that hold for a row (dates in order, a dual-qualified teacher's date, money
received within the contract, a roster of the class's major) are checked
here for the API, the pages and the import alike. After a write that moves a
review figure, the enterprise's reviews get their figures again
(``records.figures``), in the same transaction.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from records import figures
from records.kinds import Kind
from records.models import FigureCorrection, OrderClass, TrainingBase

DUPLICATE = "record_duplicate"


def _pick(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key in kind.fields}


def _get(values: dict, instance, name: str):
    if name in values:
        return values[name]
    return getattr(instance, name, None) if instance is not None else None


def check_rules(kind: Kind, values: dict[str, Any], instance=None) -> None:
    """The rules of one row beyond its fields' own ranges; RuleError on the first broken."""
    get = lambda name: _get(values, instance, name)  # noqa: E731
    start, end = get("starts_on"), get("ends_on")
    if start and end and end < start:
        raise RuleError("ends_before_start", _("The end is before the start."), field="ends_on")
    if kind.resource == "teachers" and get("dual_qualified") and not get("certified_on"):
        raise RuleError(
            "dual_qualified_needs_date",
            _("A dual-qualified teacher needs the date of the certification."),
            field="certified_on",
        )
    if kind.resource == "service-contracts":
        received, amount = get("received") or Decimal(0), get("amount") or Decimal(0)
        if received > amount:
            raise RuleError(
                "received_exceeds_amount",
                _("The amount received is more than the contract's amount."),
                field="received",
            )
        if received and not get("received_on"):
            raise RuleError(
                "received_on_required", _("Money received needs its date."), field="received_on"
            )
    if kind.resource == "training-bases":
        unknown = [f for f in get("functions") or [] if f not in TrainingBase.Function.values]
        if unknown:
            raise RuleError(
                "function_invalid",
                _("Unknown function: %(value)s.") % {"value": ", ".join(map(str, unknown))},
                field="functions",
            )
    if kind.resource == "order-classes":
        major = get("major")
        students = values.get("students")
        if major is not None and students:
            other = [s for s in students if s.major_id != getattr(major, "pk", major)]
            if other:
                raise RuleError(
                    "student_other_major",
                    _("Student %(number)s is not in the class's major.")
                    % {"number": other[0].student_number},
                    field="students",
                )
    if kind.resource == "employments":
        student, year = get("student"), get("graduation_year")
        if student is not None and year and year < student.cohort:
            raise RuleError(
                "graduation_before_cohort",
                _("The graduation year is before the student's cohort."),
                field="graduation_year",
            )


def _check_unique(kind: Kind, values: dict[str, Any], instance=None) -> None:
    key = {name: _get(values, instance, name) for name in kind.unique}
    if any(value is None for value in key.values()):
        return
    same = kind.model.objects.filter(**key)
    if instance is not None:
        same = same.exclude(pk=instance.pk)
    if same.exists():
        raise RuleError(
            DUPLICATE,
            _("Such a record already exists (the same %(fields)s).")
            % {
                "fields": ", ".join(
                    str(kind.model._meta.get_field(name).verbose_name) for name in kind.unique
                )
            },
            field=kind.unique[-1],
        )


def _fill_defaults(kind: Kind, values: dict[str, Any], instance=None) -> None:
    if kind.resource == "employments":
        employer = _get(values, instance, "employer")
        if employer is not None and not (_get(values, instance, "employer_name") or "").strip():
            values["employer_name"] = employer.name
        if not (_get(values, instance, "employer_name") or "").strip():
            raise RuleError("employer_required", _("Name the employer."), field="employer_name")


def prepare_row(kind: Kind, values: dict[str, Any]) -> None:
    """An imported row's defaults and rules, as a create would apply them."""
    _fill_defaults(kind, values)
    check_rules(kind, values)


def _enterprises_of(kind: Kind, instance) -> set[int]:
    """The enterprise whose review figures the row feeds, if any."""
    if kind.resource not in figures.SOURCES:
        return set()
    if kind.resource == "training-base-years":
        return {instance.base.enterprise_id}
    return {instance.enterprise_id}


@transaction.atomic
def record_create(kind: Kind, /, **fields: Any):
    values = _pick(kind, fields)
    _fill_defaults(kind, values)
    m2m = {name: values.pop(name) for name in ("students",) if name in values}
    check_rules(kind, {**values, **m2m})
    _check_unique(kind, values)
    instance = kind.model(**values)
    instance.full_clean(validate_unique=False, validate_constraints=False)
    instance.save()
    for name, rows in m2m.items():
        getattr(instance, name).set(rows)
    figures.refresh(enterprise_ids=_enterprises_of(kind, instance))
    return instance


@transaction.atomic
def record_update(kind: Kind, /, *, instance, **fields: Any):
    instance = kind.model.objects.select_for_update().get(pk=instance.pk)
    before = _enterprises_of(kind, instance)
    values = _pick(kind, fields)
    _fill_defaults(kind, values, instance)
    m2m = {name: values.pop(name) for name in ("students",) if name in values}
    check_rules(kind, {**values, **m2m}, instance)
    _check_unique(kind, values, instance)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean(validate_unique=False, validate_constraints=False)
    instance.save()
    for name, rows in m2m.items():
        getattr(instance, name).set(rows)
    figures.refresh(enterprise_ids=before | _enterprises_of(kind, instance))
    return instance


@transaction.atomic
def record_delete(kind: Kind, *, instance) -> None:
    enterprises = _enterprises_of(kind, instance)
    instance.delete()
    figures.refresh(enterprise_ids=enterprises)


@transaction.atomic
def records_create_many(kind: Kind, rows: list[dict[str, Any]]) -> int:
    """Store checked rows at once (the import); the figures follow once."""
    m2m = [{name: row.pop(name) for name in ("students",) if name in row} for row in rows]
    made = kind.model.objects.bulk_create([kind.model(**row) for row in rows], batch_size=500)
    if any(m2m):
        through = OrderClass.students.through
        through.objects.bulk_create(
            [
                through(orderclass_id=instance.pk, student_id=student.pk)
                for instance, extra in zip(made, m2m, strict=True)
                for student in extra.get("students", [])
            ],
            batch_size=1000,
        )
    if kind.resource in figures.SOURCES:
        if kind.resource == "training-base-years":
            ids = set(
                TrainingBase.objects.filter(pk__in={row["base"].pk for row in rows}).values_list(
                    "enterprise_id", flat=True
                )
            )
        else:
            ids = {row["enterprise"].pk for row in rows}
        figures.refresh(enterprise_ids=ids)
    return len(made)


# Figure corrections -------------------------------------------------------


@transaction.atomic
def figure_correction_set(*, review, figure: str, value, reason: str, actor=None):
    """Keep one review figure at a typed value, with the reason; the figure follows."""
    from partnerships.models import FIGURE_FIELDS, MONEY_FIGURES

    if figure not in FIGURE_FIELDS:
        raise RuleError(
            "figure_unknown", _("Unknown figure: %(key)s.") % {"key": figure}, field="figure"
        )
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("reason_required", _("Give the reason for the correction."), field="reason")
    value = Decimal(value)
    if value < 0:
        raise RuleError("negative_amount", _("A figure cannot be negative."), field="value")
    if figure not in MONEY_FIGURES and value != value.to_integral_value():
        raise RuleError("figure_not_whole", _("This figure is a whole number."), field="value")
    correction, _created = FigureCorrection.objects.update_or_create(
        review=review,
        figure=figure,
        defaults={"value": value, "reason": reason, "created_by": actor},
    )
    figures.refresh(review_ids={review.pk})
    return correction


@transaction.atomic
def figure_correction_update(*, correction, actor=None, **fields):
    """Change a correction; moved to another review or figure, the old one goes."""
    review = fields.get("review", correction.review)
    figure = fields.get("figure", correction.figure)
    if (review.pk, figure) != (correction.review_id, correction.figure):
        figure_correction_delete(correction=correction)
    return figure_correction_set(
        review=review,
        figure=figure,
        value=fields.get("value", correction.value),
        reason=fields.get("reason", correction.reason),
        actor=actor,
    )


@transaction.atomic
def figure_correction_delete(*, correction) -> None:
    review_id = correction.review_id
    correction.delete()
    figures.refresh(review_ids={review_id})
