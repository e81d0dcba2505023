"""Export of a list page's filtered rows as CSV or XLSX.

A list view hands its filtered queryset and its columns to ``export_rows``;
when the request asks for ``?export=csv`` or ``?export=xlsx`` the response is
the file of every matching row (not just the page), in the same order.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Callable, Iterable

from django.http import HttpResponse
from django.utils import timezone

from common.spreadsheet import safe_cell, safe_row

FORMATS = {"csv", "xlsx"}
Column = tuple[str, Callable]
MAX_ROWS = 100_000


def wants_export(request) -> str | None:
    value = request.GET.get("export")
    return value if value in FORMATS else None


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date | int | float | decimal.Decimal):
        return value
    return safe_cell(str(value))


def export_rows(request, rows: Iterable, columns: list[Column], name: str) -> HttpResponse | None:
    """The file response when the request asks for one, else None."""
    fmt = wants_export(request)
    if fmt is None:
        return None
    headers = safe_row(str(label) for label, _get in columns)
    table = (
        [_cell(get(row)) for _label, get in columns]
        for row in (rows.iterator(chunk_size=2000) if hasattr(rows, "iterator") else rows)
    )
    stamp = timezone.localtime().strftime("%Y%m%d")
    filename = f"{name}-{stamp}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # BOM: Excel then reads Chinese text correctly
        writer = csv.writer(response)
        writer.writerow(headers)
        for index, line in enumerate(table):
            if index >= MAX_ROWS:
                break
            writer.writerow(line)
    else:
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter

        book = Workbook(write_only=True)
        sheet = book.create_sheet(name[:31])
        sheet.freeze_panes = "A2"
        widths = [max(10, min(40, len(h) * 2)) for h in headers]
        for position, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(position)].width = width
        sheet.append(headers)
        for index, line in enumerate(table):
            if index >= MAX_ROWS:
                break
            sheet.append(line)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
