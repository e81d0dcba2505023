"""Reading uploaded CSV and XLSX files as rows with their line numbers.

Imports validate every row first and write nothing when any row is bad, so
this module only reads; each importer decides what a good row is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_ROWS = 20_000


class SpreadsheetError(Exception):
    """The file itself cannot be read (wrong type, broken, too large)."""


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportReport:
    """What an import did or would do; ``errors`` empty means it was applied."""

    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _clean_header(value) -> str:
    return str(value or "").strip().lower().replace(" ", "_")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(_("The CSV file is neither UTF-8 nor GB18030 text."))


def read_rows(uploaded, *, aliases: dict[str, str] | None = None) -> Iterator[tuple[int, dict]]:
    """Yield ``(line_number, {column: text})`` for each non-empty data row.

    ``aliases`` maps other header spellings (e.g. Chinese headers) to field
    names. Line numbers count the header as line 1, as a spreadsheet shows them.
    """
    aliases = {k.strip().lower(): v for k, v in (aliases or {}).items()}
    name = (getattr(uploaded, "name", "") or "").lower()
    raw = uploaded.read()
    if name.endswith(".xlsx") or raw[:2] == b"PK":
        rows = _xlsx_rows(raw)
    elif name.endswith(".csv") or name.endswith(".txt") or not name:
        rows = csv.reader(io.StringIO(_decode(raw)))
    else:
        raise SpreadsheetError(_("Upload a .csv or .xlsx file."))
    header: list[str] | None = None
    count = 0
    for line, values in enumerate(rows, start=1):
        cells = [_cell(v) for v in values]
        if header is None:
            header = [aliases.get(_clean_header(h), _clean_header(h)) for h in cells]
            if not any(header):
                raise SpreadsheetError(_("The first row must name the columns."))
            continue
        if not any(cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise SpreadsheetError(_("A file may hold at most %(n)d rows.") % {"n": MAX_ROWS})
        yield line, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
    if header is None:
        raise SpreadsheetError(_("The file is empty."))


def _xlsx_rows(raw: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise SpreadsheetError(_("The XLSX file cannot be read.")) from exc
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        yield list(row)
