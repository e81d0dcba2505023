"""Spreadsheets in and out: uploaded CSV and XLSX files read as rows, and the
one rule every exported cell goes through.

Imports validate every row first and write nothing when any row is bad, so
the reading half only reads; each importer decides what a good row is. An
upload beyond the limits in settings (``IMPORT_MAX_*``) is refused before its
rows are parsed: its size, what an XLSX file unpacks to (read from the zip's
directory, so nothing is decompressed to find out), the rows and columns its
sheets declare and hold.

Every CSV and XLSX writer passes its cells through ``safe_cell``, so text a
liaison typed can never run as a formula on an administrator's machine.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# ---------------------------------------------------------------------------
# Export: formula injection
# ---------------------------------------------------------------------------

# A spreadsheet takes text starting with one of these for a formula or the
# start of one (OWASP's CSV injection list, with the full-width forms a Chinese
# input method types, which Excel and WPS also accept).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
ESCAPE = "'"


def _is_formula_like(text: str) -> bool:
    if text.startswith(FORMULA_TRIGGERS):
        return True
    # Leading blanks are looked through: some programs trim them on import.
    return text[:1].isspace() and text.lstrip().startswith(FORMULA_TRIGGERS)


# The control characters XML 1.0 cannot carry (tab, line feed and carriage
# return it can).
UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    """``value`` as an exported cell that can never be read as a formula.

    Text that could start a formula gets a leading apostrophe, as OWASP
    recommends, in CSV and XLSX alike: the text stays readable, a CSV opens as
    text, and openpyxl stores the XLSX cell as a string (it would store text
    starting with "=" as a live formula), which stays text even when someone
    edits the cell or saves the sheet as CSV. Numbers, dates and empty cells
    pass unchanged, so -5 stays the number -5.

    Control characters that no spreadsheet can hold (XML forbids them, and
    openpyxl refuses the whole file) become U+FFFD, so one odd character
    typed into a title cannot break an administrator's export.
    """
    if isinstance(value, Promise):  # a lazily translated label
        value = str(value)
    if isinstance(value, str):
        value = UNSTORABLE.sub("\ufffd", value)
        if _is_formula_like(value):
            return ESCAPE + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


def _unescape(text: str) -> str:
    """Undo ``safe_cell``, so an exported file imports the text it came from."""
    if text.startswith(ESCAPE) and _is_formula_like(text[1:]):
        return text[1:]
    return text


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------

# A real workbook has a handful of parts; thousands are a way to make the
# reader spend its time on the zip's directory.
MAX_ZIP_MEMBERS = 1000
_SHEET_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # "strict" OOXML
)


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


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int  # data rows below the header, empty ones included
    max_columns: int
    max_uncompressed_bytes: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=settings.IMPORT_MAX_BYTES,
            max_rows=settings.IMPORT_MAX_ROWS,
            max_columns=settings.IMPORT_MAX_COLUMNS,
            max_uncompressed_bytes=settings.IMPORT_MAX_UNCOMPRESSED_BYTES,
        )


def _too_many_rows(limits: Limits) -> SpreadsheetError:
    return SpreadsheetError(
        ngettext(
            "A file may hold at most %(n)s row below the header (empty rows count too).",
            "A file may hold at most %(n)s rows below the header (empty rows count too).",
            limits.max_rows,
        )
        % {"n": f"{limits.max_rows:,}"}
    )


def _too_many_columns(limits: Limits) -> SpreadsheetError:
    return SpreadsheetError(
        ngettext(
            "A file may hold at most %(n)d column.",
            "A file may hold at most %(n)d columns.",
            limits.max_columns,
        )
        % {"n": limits.max_columns}
    )


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
    return _unescape(str(value).strip())


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(_("The CSV file is neither UTF-8 nor GB18030 text."))


def _read_upload(uploaded, limits: Limits) -> tuple[bytes, bool]:
    """The upload's bytes (at most the limit's worth read) and whether it is XLSX."""
    too_large = SpreadsheetError(
        _("The file is larger than %(size)s.") % {"size": filesizeformat(limits.max_bytes)}
    )
    size = getattr(uploaded, "size", None)
    if size is not None and size > limits.max_bytes:
        raise too_large
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    raw = uploaded.read(limits.max_bytes + 1)
    if len(raw) > limits.max_bytes:
        raise too_large
    name = (getattr(uploaded, "name", "") or "").lower()
    if name.endswith(".xlsx") or raw[:2] == b"PK":
        return raw, True
    if name.endswith(".csv") or name.endswith(".txt") or not name:
        return raw, False
    raise SpreadsheetError(_("Upload a .csv or .xlsx file."))


def _check_xlsx(raw: bytes, limits: Limits) -> None:
    """Refuse a workbook beyond the limits before openpyxl parses any of it.

    The sizes come from the zip's central directory, and Python's zip reader
    never returns more than a member's recorded size, so a member cannot
    unpack to more than it declares. Each XML part is then streamed once,
    stopping at the first row or column beyond the limits, whether declared
    (``<dimension ref="A1:XFD1048576">``) or real (a row numbered a million, a
    row of a million cells): openpyxl would otherwise fill in every empty row
    and column up to there.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SpreadsheetError(_("The XLSX file cannot be read.")) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise SpreadsheetError(
                _("The XLSX file holds more than %(n)d parts.") % {"n": MAX_ZIP_MEMBERS}
            )
        if sum(member.file_size for member in members) > limits.max_uncompressed_bytes:
            raise SpreadsheetError(
                _("The XLSX file unpacks to more than %(size)s.")
                % {"size": filesizeformat(limits.max_uncompressed_bytes)}
            )
        # Every part, whatever its name: the workbook's relationships, not
        # the names, say which parts openpyxl reads as sheets.
        for member in members:
            _check_part(archive, member, limits)


def _column_of(reference: str) -> int:
    from openpyxl.utils.cell import column_index_from_string

    letters = reference.rstrip("0123456789").lstrip("$")
    return column_index_from_string(letters)


class _SheetScan:
    """Expat handlers that stop at the first row or column beyond the limits.

    Expat builds no tree, so a row of a million cells costs no memory, and a
    document type declaration (never in a real workbook; the way to hide rows
    in entities) is refused outright.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.max_row = limits.max_rows + 1  # the header is row 1
        self.row = 0
        self.column = 0
        self.cells = 0

    def doctype(self, *args) -> None:
        raise SpreadsheetError(_("The XLSX file cannot be read."))

    def start(self, name: str, attrs: dict) -> None:
        namespace, _sep, local = name.rpartition(" ")
        if namespace not in _SHEET_NAMESPACES:
            return
        limits = self.limits
        if local == "c":
            reference = attrs.get("r")
            self.column = _column_of(reference) if reference else self.column + 1
            self.cells += 1
            if self.column > limits.max_columns or self.cells > limits.max_columns:
                raise _too_many_columns(limits)
        elif local == "row":
            number = attrs.get("r", "")
            self.row = int(number) if number.isdigit() else self.row + 1
            if self.row > self.max_row:
                raise _too_many_rows(limits)
            self.column = self.cells = 0
        elif local == "dimension":
            from openpyxl.utils.cell import range_boundaries

            try:
                _min_col, _min_row, last_col, last_row = range_boundaries(attrs.get("ref", ""))
            except (ValueError, TypeError):
                return  # openpyxl ignores a dimension it cannot read, too
            if last_row is not None and last_row > self.max_row:
                raise _too_many_rows(limits)
            if last_col is not None and last_col > limits.max_columns:
                raise _too_many_columns(limits)


# How an XML part can begin: a byte-order mark, blank space or "<". Anything
# else (a picture, a binary part) is no XML part openpyxl could parse.
_XML_STARTS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<", b" ", b"\t", b"\r", b"\n")
_CHUNK = 64 * 1024


def _check_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits) -> None:
    scan = _SheetScan(limits)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = scan.start
    parser.StartDoctypeDeclHandler = scan.doctype
    parser.EntityDeclHandler = scan.doctype
    try:
        with archive.open(member) as source:
            chunk = source.read(_CHUNK)
            if not chunk.startswith(_XML_STARTS):
                return
            while chunk:
                parser.Parse(chunk, False)
                chunk = source.read(_CHUNK)
            parser.Parse(b"", True)
    except (
        expat.ExpatError,
        KeyError,
        ValueError,
        OSError,
        RuntimeError,  # an encrypted member
        NotImplementedError,  # a compression method zipfile does not know
        zipfile.BadZipFile,  # among others, a member longer than it declares
    ) as exc:
        raise SpreadsheetError(_("The XLSX file cannot be read.")) from exc


def _csv_rows(raw: bytes) -> Iterator[list]:
    reader = csv.reader(io.StringIO(_decode(raw)))
    try:
        yield from reader
    except csv.Error as exc:  # e.g. a field beyond the csv module's size limit
        raise SpreadsheetError(_("The CSV file cannot be read.")) from exc


def _xlsx_rows(raw: bytes, limits: Limits) -> Iterator[list]:
    from openpyxl import load_workbook

    _check_xlsx(raw, limits)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise SpreadsheetError(_("The XLSX file cannot be read.")) from exc
    try:
        # As wide as the sheet's declared dimension (checked against the limit),
        # or the limit when it declares none.
        width = None if sheet.max_column else limits.max_columns
        yield from sheet.iter_rows(max_col=width, values_only=True)
    except Exception as exc:
        raise SpreadsheetError(_("The XLSX file cannot be read.")) from exc
    finally:
        workbook.close()


def _capped(rows: Iterable[list], limits: Limits) -> Iterator[list]:
    """The rows, refusing the file at the first row or column beyond the limits."""
    for index, values in enumerate(rows):
        if index > limits.max_rows:  # index 0 is the header
            raise _too_many_rows(limits)
        if len(values) > limits.max_columns:
            raise _too_many_columns(limits)
        yield values


def _rows(uploaded, limits: Limits) -> Iterator[list]:
    raw, is_xlsx = _read_upload(uploaded, limits)
    return _capped(_xlsx_rows(raw, limits) if is_xlsx else _csv_rows(raw), limits)


def check_upload(uploaded) -> None:
    """Raise SpreadsheetError when the file is beyond the import limits.

    Forms call it to refuse a file as a form error; ``read_rows`` checks the
    same limits again while it reads. An XLSX file's rows are not parsed here:
    its checks read only the zip's directory and stream its XML once.
    """
    limits = Limits.from_settings()
    raw, is_xlsx = _read_upload(uploaded, limits)
    if is_xlsx:
        _check_xlsx(raw, limits)
    else:
        for _values in _capped(_csv_rows(raw), limits):
            pass
    uploaded.seek(0)


def read_rows(uploaded, *, aliases: dict[str, str] | None = None) -> Iterator[tuple[int, dict]]:
    """Yield ``(line_number, {column: text})`` for each non-empty data row.

    ``aliases`` maps other header spellings (e.g. Chinese headers) to field
    names. Line numbers count the header as line 1, as a spreadsheet shows them.
    """
    aliases = {k.strip().lower(): v for k, v in (aliases or {}).items()}
    header: list[str] | None = None
    for line, values in enumerate(_rows(uploaded, Limits.from_settings()), start=1):
        cells = [_cell(v) for v in values]
        if header is None:
            header = [aliases.get(_clean_header(h), _clean_header(h)) for h in cells]
            if not any(header):
                raise SpreadsheetError(_("The first row must name the columns."))
            continue
        if not any(cells):
            continue
        yield line, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
    if header is None:
        raise SpreadsheetError(_("The file is empty."))


class SpreadsheetFileField(forms.FileField):
    """An upload field that refuses a file beyond the import limits as a form error."""

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            try:
                check_upload(uploaded)
            except SpreadsheetError as exc:
                raise forms.ValidationError(str(exc), code="spreadsheet") from exc
        return uploaded
