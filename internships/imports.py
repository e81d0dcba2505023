"""CSV and XLSX import of students: all or nothing, with line-numbered errors."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.spreadsheet import ImportReport, RowError, SpreadsheetError, read_rows
from internships.models import Student
from partnerships.models import Major

# Header spellings accepted besides the field names (Chinese school exports).
ALIASES = {
    "学号": "student_number",
    "姓名": "name",
    "专业代码": "major_code",
    "专业": "major_code",
    "major": "major_code",
    "年级": "cohort",
    "入学年份": "cohort",
    "出生日期": "date_of_birth",
    "dob": "date_of_birth",
    "birth_date": "date_of_birth",
}
REQUIRED = ("student_number", "name", "major_code", "cohort", "date_of_birth")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d")


def _date(text: str) -> datetime.date | None:
    text = text.strip()
    if "T" in text:
        text = text.split("T", 1)[0]
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    return None


def student_import(uploaded, *, dry_run: bool = False) -> ImportReport:
    """Read every row, check it, and create the students only if all are good."""
    report = ImportReport(dry_run=dry_run)
    majors = {m.code: m for m in Major.objects.all()}
    today = timezone.localdate()
    students: list[Student] = []
    seen: dict[str, int] = {}
    try:
        rows = list(read_rows(uploaded, aliases=ALIASES))
    except SpreadsheetError as exc:
        report.errors.append(RowError(1, str(exc)))
        return report
    if rows:
        missing = [name for name in REQUIRED if name not in rows[0][1]]
        if missing:
            report.errors.append(
                RowError(1, _("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
            )
            return report
    numbers = [row.get("student_number", "").strip() for _line, row in rows]
    taken = set(
        Student.objects.filter(student_number__in=[n for n in numbers if n]).values_list(
            "student_number", flat=True
        )
    )
    for line, row in rows:
        problems = []
        number = row.get("student_number", "").strip()
        name = row.get("name", "").strip()
        if not number:
            problems.append(_("the student number is missing"))
        elif len(number) > 30:
            problems.append(_("the student number is longer than 30 characters"))
        elif number in seen:
            problems.append(
                _("student number %(n)s is already on line %(line)d")
                % {"n": number, "line": seen[number]}
            )
        elif number in taken:
            problems.append(_("student number %(n)s already exists") % {"n": number})
        if not name:
            problems.append(_("the name is missing"))
        elif len(name) > 100:
            problems.append(_("the name is longer than 100 characters"))
        major = majors.get(row.get("major_code", "").strip())
        if major is None:
            problems.append(
                _("unknown major code %(code)r") % {"code": row.get("major_code", "").strip()}
            )
        cohort_text = row.get("cohort", "").strip()
        cohort = int(cohort_text) if cohort_text.isdigit() else None
        if cohort is None or not 1990 <= cohort <= 2100:
            problems.append(
                _("the cohort %(value)r is not a year of enrolment") % {"value": cohort_text}
            )
        birth = _date(row.get("date_of_birth", ""))
        if birth is None:
            problems.append(
                _("the date of birth %(value)r is not a date (YYYY-MM-DD)")
                % {"value": row.get("date_of_birth", "")}
            )
        elif not datetime.date(1900, 1, 1) <= birth < today:
            problems.append(_("the date of birth %(value)s is not plausible") % {"value": birth})
        if number and number not in seen:
            seen[number] = line
        if problems:
            report.errors.append(RowError(line, "; ".join(problems)))
            continue
        students.append(
            Student(
                student_number=number, name=name, major=major, cohort=cohort, date_of_birth=birth
            )
        )
    if report.errors:
        return report
    report.created = len(students)
    if not dry_run:
        with transaction.atomic():
            Student.objects.bulk_create(students)
    return report
