"""The plain shape report selectors return and report writers read.

A report is a ``Document`` of ``Table``s; a table names its columns (with a
type, so a spreadsheet gets numbers as numbers and dates as dates) and holds
plain rows: tuples of str, int, Decimal, float, date or None, one value per
column. Selectors build them, writers (reports/writers.py) turn them into
JSON, CSV or XLSX; neither knows about the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime


class ColumnType:
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"  # money and other amounts with two decimals
    PERCENT = "percent"  # a fraction 0..1, shown as a percentage
    DATE = "date"


class Share(float):
    """A fraction (0..1) in a column of mixed figures (a list of indicators):
    text where the table is read (``"75.0%"``), a number formatted as a
    percentage in a spreadsheet, a plain number in JSON."""

    def __str__(self) -> str:
        return f"{self * 100:.1f}%"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str = ColumnType.TEXT


@dataclass
class Table:
    key: str
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence] = field(default_factory=list)
    # Optional notes shown under the title (JSON and CSV) and kept out of the
    # sheet's data area (XLSX has one header row so filters and freezing work).
    note: str = ""
    # DOCX and PDF: the key of a numeric column drawn as a bar chart under the
    # table (one bar per row, labelled by the first column).
    chart: str = ""


@dataclass
class Document:
    title: str
    kind: str
    year: int
    generated_at: datetime
    tables: list[Table] = field(default_factory=list)
    subject: str = ""
    # DOCX and PDF: paragraphs under the title, and placeholder values a
    # college's own Word template may use ({{name}}).
    intro: list[str] = field(default_factory=list)
    placeholders: dict[str, str] = field(default_factory=dict)
    # CSV: the one table's header on the first line and its rows, nothing
    # else (a filing uploaded to a platform that reads the header first).
    csv_header_first: bool = False
