"""The approved grades as CSV or XLSX, for the academic records system."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from common.spreadsheet import safe_row
from practice.models import Grade


def grade_rows(placements) -> tuple[list[str], list[list]]:
    header = [
        _("Student number"),
        _("Name"),
        _("Enterprise"),
        _("Attendance"),
        _("Journals"),
        _("Report"),
        _("Enterprise evaluation"),
        _("School evaluation"),
        _("Total"),
        _("Passed"),
        _("Approved at"),
    ]
    grades = (
        Grade.objects.filter(placement__in=placements.values("pk"))
        .select_related("placement__student", "placement__enterprise")
        .order_by("placement__student__student_number", "placement_id")
    )
    rows = [
        [
            g.placement.student.student_number,
            g.placement.student.name,
            g.placement.enterprise.name,
            g.attendance,
            g.journals,
            g.report,
            g.enterprise,
            g.school,
            g.total,
            _("yes") if g.passed else _("no"),
            g.approved_at.date().isoformat(),
        ]
        for g in grades
    ]
    return header, rows


def grades_response(placements, fmt: str) -> HttpResponse:
    header, rows = grade_rows(placements)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(safe_row(header))
        for row in rows:
            writer.writerow(safe_row(row))
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="grades.csv"'
        return response
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Grades"))
    sheet.append(safe_row(header))
    for row in rows:
        sheet.append(safe_row([float(v) if hasattr(v, "as_tuple") else v for v in row]))
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="grades.xlsx"'
    return response
