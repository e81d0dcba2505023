"""Turn a report ``Document`` into a JSON, CSV or XLSX file.

Writers know nothing about where the rows came from; they only read the
column types in reports/tables.py. Each writes into a binary file object so
large reports stream to a temporary file instead of sitting in memory.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import IO

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from common.spreadsheet import safe_cell, safe_row
from reports.tables import Column, ColumnType, Document, Share

# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, Decimal):
        # Amounts keep two decimals as JSON numbers; whole numbers stay integers.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Promise):  # a lazily translated label
        return str(value)
    return value


def write_json(document: Document, out: IO[bytes]) -> None:
    tables = []
    for table in document.tables:
        keys = [column.key for column in table.columns]
        tables.append(
            {
                "key": table.key,
                "title": str(table.title),
                "note": str(table.note),
                "columns": [
                    {"key": c.key, "label": str(c.label), "type": c.type} for c in table.columns
                ],
                "rows": [
                    {key: _json_value(value) for key, value in zip(keys, row, strict=True)}
                    for row in table.rows
                ],
            }
        )
    body = {
        "title": str(document.title),
        "kind": document.kind,
        "year": document.year,
        "subject": str(document.subject),
        "generated_at": document.generated_at.isoformat(),
        "tables": tables,
    }
    out.write(json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))


# ---------------------------------------------------------------------------
# CSV: one section per table (title line, header, rows, blank line)
# ---------------------------------------------------------------------------


def _csv_value(value, column: Column):
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if column.type == ColumnType.PERCENT and isinstance(value, int | float | Decimal):
        return f"{float(value) * 100:.1f}%"
    if isinstance(value, Share):
        return str(value)
    return safe_cell(value)


def write_csv(document: Document, out: IO[bytes]) -> None:
    # UTF-8 with a byte-order mark: Excel only reads Chinese text in a CSV
    # correctly when the file starts with one.
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    plain = document.csv_header_first and len(document.tables) == 1
    if not plain:
        # Titles name enterprises, majors and groups: text from users like the cells.
        writer.writerow(safe_row([str(document.title)]))
    for table in document.tables:
        if not plain:
            writer.writerow([])
            writer.writerow(safe_row([str(table.title)]))
            if table.note:
                writer.writerow(safe_row([str(table.note)]))
        writer.writerow(safe_row(str(c.label) for c in table.columns))
        for row in table.rows:
            writer.writerow(
                [
                    _csv_value(value, column)
                    for value, column in zip(row, table.columns, strict=True)
                ]
            )
    text.flush()
    text.detach()


# ---------------------------------------------------------------------------
# XLSX: one sheet per table, typed cells, frozen header, fitted widths
# ---------------------------------------------------------------------------

# Dates need no styled cell: openpyxl gives a date value the format
# yyyy-mm-dd itself, which keeps a 100,000-row sheet fast to write.
NUMBER_FORMATS = {
    ColumnType.INTEGER: "#,##0",
    ColumnType.DECIMAL: "#,##0.00",
    ColumnType.PERCENT: "0.0%",
}
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE = 500  # rows looked at to size the columns
_SHEET_FORBIDDEN = re.compile(r"[\[\]\:\*\?\/\\]")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")


def display_width(text: str) -> int:
    """Characters as a spreadsheet shows them: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell_text(value, column: Column) -> str:
    if value is None:
        return ""
    if column.type == ColumnType.DATE:
        return "2026-12-31"
    if column.type == ColumnType.PERCENT:
        return "100.0%"
    if column.type == ColumnType.DECIMAL:
        return f"{value:,.2f}"
    if column.type == ColumnType.INTEGER and isinstance(value, int):
        return f"{value:,}"
    return str(value)


def column_widths(columns: Sequence[Column], sample: Iterable[Sequence]) -> list[float]:
    widths = [display_width(str(c.label)) for c in columns]
    # A header longer than its values wraps instead of widening the column.
    widths = [min(w, 24) for w in widths]
    for row in sample:
        for index, (value, column) in enumerate(zip(row, columns, strict=True)):
            widths[index] = max(widths[index], display_width(_cell_text(value, column)))
    return [float(min(max(w + 2, MIN_WIDTH), MAX_WIDTH)) for w in widths]


def _sheet_title(title: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", title).strip().strip("'") or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def _mixed_format(value) -> str | None:
    """A number's format in a text column of mixed figures (see ``Share``)."""
    if isinstance(value, Share):
        return NUMBER_FORMATS[ColumnType.PERCENT]
    if isinstance(value, int) and not isinstance(value, bool):
        return NUMBER_FORMATS[ColumnType.INTEGER]
    if isinstance(value, Decimal):
        return NUMBER_FORMATS[ColumnType.DECIMAL]
    return None


def _xlsx_value(value, column: Column):
    if value is None or type(value) is str:
        return safe_cell(value)
    if column.type == ColumnType.TEXT and _mixed_format(value):
        return float(value) if isinstance(value, Decimal | Share) else value
    if column.type in (ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.PERCENT):
        if isinstance(value, Decimal):
            return float(value) if column.type != ColumnType.INTEGER else int(value)
        return value
    if column.type == ColumnType.DATE:
        return value
    return safe_cell(str(value))


def write_xlsx(document: Document, out: IO[bytes]) -> None:
    # Write-only mode streams rows to disk, so a sheet of 100,000 rows stays
    # within a small, constant amount of memory.
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for table in document.tables:
        sheet = workbook.create_sheet(_sheet_title(str(table.title), taken))
        rows = iter(table.rows)
        head = list(itertools.islice(rows, WIDTH_SAMPLE))
        for index, width in enumerate(column_widths(table.columns, head), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for column in table.columns:
            cell = WriteOnlyCell(sheet, value=safe_cell(str(column.label)))
            cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGNMENT
            header.append(cell)
        sheet.append(header)
        formats: list[str | None] = [NUMBER_FORMATS.get(c.type) for c in table.columns]
        for row in itertools.chain(head, rows):
            cells = []
            for value, column, number_format in zip(row, table.columns, formats, strict=True):
                converted = _xlsx_value(value, column)
                if column.type == ColumnType.TEXT:
                    number_format = _mixed_format(value)
                if number_format and converted is not None:
                    cell = WriteOnlyCell(sheet, value=converted)
                    cell.number_format = number_format
                    cells.append(cell)
                else:
                    cells.append(converted)
            sheet.append(cells)
    if not document.tables:
        workbook.create_sheet(_sheet_title(str(document.title), taken))
    workbook.save(out)


def _template_for(kind: str) -> bytes | None:
    """The college's own Word template for the kind, if it uploaded one."""
    from reports.models import ReportTemplate

    template = ReportTemplate.objects.filter(kind=kind).first()
    if template is None or not template.file:
        return None
    with template.file.open("rb") as handle:
        return handle.read()


def write_docx(document: Document, out: IO[bytes]) -> None:
    from reports.word import write_docx as write

    write(document, out, _template_for(document.kind))


def write_pdf(document: Document, out: IO[bytes]) -> None:
    from reports.word import write_pdf as write

    write(document, out)


WRITERS = {
    "json": write_json,
    "csv": write_csv,
    "xlsx": write_xlsx,
    "docx": write_docx,
    "pdf": write_pdf,
}
