"""CSV/XLSX import and export of every record type, from its ``Kind``.

An import is all or nothing: every row is read and checked first (its
fields' types and ranges, the enterprise, major, student, teacher, base or
certificate it names, the rules of ``records.services.check_rules``, and
duplicates within the file and against the stored rows); when any line is
bad nothing is written and the report names each bad line with all its
problems. The headers are the field names, their labels in English or
Chinese, or the Chinese spellings of the kind's ``aliases``. An export has
the same columns, so an exported file imports again.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from common.spreadsheet import ImportReport, RowError, SpreadsheetError, read_rows
from records import services
from records.kinds import Kind

# How a row names a related row: the fields tried, in order (case-insensitive).
LOOKUPS = {
    "partnerships.enterprise": ("name", "credit_code"),
    "partnerships.major": ("code", "name"),
    "partnerships.department": ("code", "name"),
    "internships.student": ("student_number",),
    "records.teacher": ("staff_number",),
    "records.trainingbase": ("name",),
    "records.certificate": ("code",),
}
# What rules need of a related row beyond its key.
EXTRA = {"internships.student": ("major_id", "cohort")}
TRUE = {"1", "yes", "y", "true", "是", "√", "✓"}
FALSE = {"", "0", "no", "n", "false", "否"}
SPLIT = re.compile(r"[;；,，、\s]+")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def _field(kind: Kind, name: str):
    return kind.model._meta.get_field(name)


def headers(kind: Kind) -> list[str]:
    """The export's and the template's header row: the fields' labels."""
    return [str(_field(kind, name).verbose_name) for name in kind.fields]


def aliases(kind: Kind) -> dict[str, str]:
    """Every spelling of a header the import takes -> the field."""
    found = {}
    for name in kind.fields:
        label = _field(kind, name).verbose_name
        found[str(label)] = name
        with translation.override("zh-hans"):
            found[str(label)] = name
        with translation.override("en"):
            found[str(label)] = name
        found[name] = name
    found.update(kind.aliases)
    # Headers are matched lower-cased with spaces as underscores (read_rows).
    return {key.strip().lower().replace(" ", "_"): name for key, name in found.items()}


class _Lookups:
    """The related rows an import may name, each table read once."""

    def __init__(self, kind: Kind):
        self.tables: dict[str, dict[str, object]] = {}
        for name in kind.fields:
            field = _field(kind, name)
            if field.is_relation:
                label = field.related_model._meta.label_lower
                if label not in self.tables:
                    self.tables[label] = self._load(field.related_model, label)

    @staticmethod
    def _load(model, label) -> dict[str, object]:
        keys = LOOKUPS[label]
        table: dict[str, object] = {}
        rows = model.objects.only("pk", *keys, *EXTRA.get(label, ()))
        for row in rows:
            for key in reversed(keys):  # the first key wins a clash
                value = getattr(row, key)
                if value:
                    table[str(value).strip().casefold()] = row
        return table

    def find(self, model, text: str):
        return self.tables[model._meta.label_lower].get(text.strip().casefold())


def _choice(field, raw: str):
    text = raw.strip()
    choices = {}
    for code, label in field.choices:
        choices[str(code).casefold()] = code
        choices[str(label).casefold()] = code
        with translation.override("zh-hans"):
            choices[str(label).casefold()] = code
        with translation.override("en"):
            choices[str(label).casefold()] = code
    if text.casefold() not in choices:
        raise ValidationError(
            _("%(value)r is not one of %(codes)s")
            % {"value": text, "codes": ", ".join(str(c) for c, _l in field.choices)}
        )
    return choices[text.casefold()]


def _date(raw: str):
    text = raw.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).replace(tzinfo=datetime.UTC).date()
        except ValueError:
            continue
    raise ValidationError(_("%(value)r is not a date (YYYY-MM-DD)") % {"value": text})


def _value(kind: Kind, lookups: _Lookups, name: str, raw: str):
    """One cell as the field's value, or ValidationError with the reason."""
    field = _field(kind, name)
    raw = (raw or "").strip()
    if field.many_to_many:
        found, missing = [], []
        for text in SPLIT.split(raw):
            if text:
                row = lookups.find(field.related_model, text)
                (found if row is not None else missing).append(row if row is not None else text)
        if missing:
            raise ValidationError(
                _("unknown %(what)s: %(values)s")
                % {"what": field.related_model._meta.verbose_name, "values": ", ".join(missing)}
            )
        return found
    if field.is_relation:
        if not raw:
            if field.null:
                return None
            raise ValidationError(_("missing"))
        row = lookups.find(field.related_model, raw)
        if row is None:
            raise ValidationError(
                _("unknown %(what)s %(value)r")
                % {"what": field.related_model._meta.verbose_name, "value": raw}
            )
        return row
    if isinstance(field, models.JSONField):  # a list of choices (a base's functions)
        return [text for text in SPLIT.split(raw) if text]
    if not raw:
        if field.has_default():
            return field.get_default()
        if field.null:
            return None
        if field.blank:
            return ""
        raise ValidationError(_("missing"))
    if isinstance(field, models.BooleanField):
        if raw.casefold() not in TRUE | FALSE:
            raise ValidationError(_("%(value)r is not yes or no") % {"value": raw})
        return raw.casefold() in TRUE
    if field.choices:
        raw = _choice(field, raw)
    elif isinstance(field, models.DateField):
        raw = _date(raw)
    elif isinstance(field, models.IntegerField | models.DecimalField):
        raw = raw.replace(",", "").replace("，", "")
    if isinstance(field, models.DecimalField):
        try:
            if Decimal(raw).as_tuple().exponent < -2:
                raise ValidationError(_("at most 2 decimal places"))
        except ArithmeticError:
            raise ValidationError(_("%(value)r is not a number") % {"value": raw}) from None
    return field.clean(raw, None)


def _key(kind: Kind, values: dict) -> tuple:
    key = []
    for name in kind.unique:
        value = values.get(name)
        value = getattr(value, "pk", value)
        key.append(value.casefold() if isinstance(value, str) else value)
    return tuple(key)


def _stored_keys(kind: Kind) -> set[tuple]:
    columns = [_field(kind, name).attname for name in kind.unique]
    return {
        tuple(v.casefold() if isinstance(v, str) else v for v in row)
        for row in kind.model.objects.values_list(*columns)
    }


def record_import(kind: Kind, *, uploaded, dry_run: bool = False) -> ImportReport:
    """Check every row; create them all only when every row is good."""
    report = ImportReport(dry_run=dry_run)
    lookups = _Lookups(kind)
    stored = _stored_keys(kind)
    seen: dict[tuple, int] = {}
    good: list[dict] = []
    labels = {name: str(_field(kind, name).verbose_name) for name in kind.fields}
    try:
        for line, row in read_rows(uploaded, aliases=aliases(kind)):
            missing = [name for name in kind.unique if name not in row]
            if missing:
                report.errors.append(
                    RowError(
                        1,
                        _("the header row has no %(columns)s column")
                        % {"columns": ", ".join(labels[name] for name in missing)},
                    )
                )
                return report
            values, problems = {}, []
            for name in kind.fields:
                try:
                    values[name] = _value(kind, lookups, name, row.get(name, ""))
                except ValidationError as exc:
                    problems.append(f"{labels[name]}: {' '.join(exc.messages)}")
            if not problems:
                try:
                    services.prepare_row(kind, values)
                except RuleError as exc:
                    problems.append(f"{labels.get(exc.field, '')}: {exc.message}".lstrip(": "))
            if not problems:
                key = _key(kind, values)
                if key in stored:
                    problems.append(_("such a record already exists"))
                elif key in seen:
                    problems.append(_("the row repeats line %(line)d") % {"line": seen[key]})
                else:
                    seen[key] = line
            if problems:
                report.errors.append(RowError(line, "; ".join(problems)))
            else:
                good.append(values)
    except SpreadsheetError as exc:
        report.errors.append(RowError(0, str(exc)))
        return report
    if not good and not report.errors:
        report.errors.append(RowError(1, _("the file has no data rows")))
    if report.errors or dry_run:
        report.created = len(good) if not report.errors else 0
        return report
    with transaction.atomic():
        report.created = services.records_create_many(kind, good)
    return report


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ";".join(map(str, value))
    return value


def export_columns(kind: Kind) -> list[tuple[str, callable]]:
    """The export's columns: each field as the import reads it back."""
    columns = []
    for name in kind.fields:
        field = _field(kind, name)
        label = str(field.verbose_name)
        if field.many_to_many:
            key = LOOKUPS[field.related_model._meta.label_lower][0]
            columns.append(
                (
                    label,
                    lambda row, n=name, k=key: ";".join(
                        getattr(s, k) for s in getattr(row, n).all()
                    ),
                )
            )
        elif field.is_relation:
            key = LOOKUPS[field.related_model._meta.label_lower][0]
            columns.append(
                (
                    label,
                    lambda row, n=name, k=key: (
                        getattr(getattr(row, n), k, "") if getattr(row, n) else ""
                    ),
                )
            )
        elif field.choices:
            columns.append((label, lambda row, n=name: getattr(row, n)))
        else:
            columns.append((label, lambda row, n=name: _cell(getattr(row, n))))
    return columns


def template_rows(kind: Kind) -> Iterable[list]:
    yield headers(kind)
