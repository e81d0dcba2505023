import datetime
import io
import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from common.spreadsheet import SpreadsheetError, read_rows, safe_cell
from tests.common.spreadsheets import (
    million_empty_rows,
    sheet_xml,
    whole_sheet_dimension,
    workbook_with_sheet,
)


def test_csv_rows_carry_spreadsheet_line_numbers_and_aliases():
    data = "名称,city\nAnshan Steel,Anshan\n\n  Dalian Port ,Dalian\n".encode("utf-8-sig")
    rows = list(read_rows(SimpleUploadedFile("e.csv", data), aliases={"名称": "name"}))
    assert rows == [
        (2, {"name": "Anshan Steel", "city": "Anshan"}),
        (4, {"name": "Dalian Port", "city": "Dalian"}),
    ]


def test_gb18030_csv_is_read():
    data = "name\n沈阳机床\n".encode("gb18030")
    assert list(read_rows(SimpleUploadedFile("e.csv", data))) == [(2, {"name": "沈阳机床"})]


def test_xlsx_rows_are_read():
    book = Workbook()
    book.active.append(["Name", "Workforce"])
    book.active.append(["Shenyang Robotics", 4000])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = list(read_rows(SimpleUploadedFile("e.xlsx", buffer.getvalue())))
    assert rows == [(2, {"name": "Shenyang Robotics", "workforce": "4000"})]


@pytest.mark.parametrize(
    "name,data",
    [("e.pdf", b"%PDF-1.4"), ("e.xlsx", b"PK\x03\x04broken"), ("e.csv", b"")],
)
def test_unreadable_files_are_refused_clearly(name, data):
    with pytest.raises(SpreadsheetError):
        list(read_rows(SimpleUploadedFile(name, data)))


# -- formula injection: the one rule every exported cell goes through ---------


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x","y")',
        "+1+1",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",  # blanks that some programs trim
        "＝1+1",  # full width, as a Chinese input method types it
        "-5",  # text, not a number
    ],
)
def test_text_that_could_start_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    [-5, -2.5, Decimal("-35000.50"), 0, datetime.date(2026, 1, 1), None, "沈阳新松", "a=b", ""],
)
def test_numbers_dates_and_plain_text_pass_unchanged(value):
    assert safe_cell(value) == value
    assert type(safe_cell(value)) is type(value)


def test_an_escaped_export_imports_the_original_text():
    data = "名称\n'=HYPERLINK(\"http://x\")\n'not escaped\n".encode()
    rows = list(read_rows(SimpleUploadedFile("e.csv", data), aliases={"名称": "name"}))
    assert [row["name"] for _line, row in rows] == ['=HYPERLINK("http://x")', "'not escaped"]


# -- import limits: refused before the rows are parsed ------------------------


def _refusal(data: bytes, name: str = "e.xlsx") -> str:
    started = time.monotonic()
    with pytest.raises(SpreadsheetError) as refused:
        list(read_rows(SimpleUploadedFile(name, data)))
    assert time.monotonic() - started < 5  # generous: it takes milliseconds
    return str(refused.value)


def test_the_unmodified_workbook_is_read():
    assert list(read_rows(SimpleUploadedFile("e.xlsx", workbook_with_sheet()))) == [
        (2, {"name": "Anshan Steel"})
    ]


def test_a_zip_bomb_is_refused_from_the_zips_directory():
    spaces = b" " * (1 << 20)
    bomb = workbook_with_sheet(
        sheet_chunks=[sheet_xml(b"")[: -len(b"</sheetData></worksheet>")]]
        + [spaces] * 24
        + [b"</sheetData></worksheet>"]
    )
    assert len(bomb) < 100_000  # 24 MiB of sheet in a small upload
    assert "unpacks to more than 20.0\xa0MB" in _refusal(bomb)


def test_a_declared_dimension_of_the_whole_sheet_is_refused():
    assert "at most 20,000 rows" in _refusal(whole_sheet_dimension())


def test_a_declared_dimension_too_wide_is_refused():
    assert "at most 50 columns" in _refusal(workbook_with_sheet(sheet_xml(b"", b"A1:BZ10")))


def test_a_million_empty_rows_are_refused():
    assert "at most 20,000 rows" in _refusal(million_empty_rows())


def test_a_row_numbered_a_million_is_refused():
    far = b'<row r="1000000"><c r="A1000000"><v>1</v></c></row>'
    assert "at most 20,000 rows" in _refusal(workbook_with_sheet(sheet_xml(far)))


def test_a_row_of_a_million_cells_is_refused():
    wide = b"<row>" + b"<c/>" * 1_000_000 + b"</row>"
    assert "at most 50 columns" in _refusal(workbook_with_sheet(sheet_xml(wide)))


def test_a_cell_far_to_the_right_is_refused():
    far = b'<row r="2"><c r="XFD2"><v>1</v></c></row>'
    assert "at most 50 columns" in _refusal(workbook_with_sheet(sheet_xml(far)))


def test_entities_are_refused():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "<row/><row/><row/>">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    assert "cannot be read" in _refusal(workbook_with_sheet(laughs + sheet_xml(b"&b;")))


@pytest.mark.parametrize(
    "text,limit",
    [
        ("name\n" + "\n" * 20_001, "at most 20,000 rows"),  # empty lines count
        ("name\n" + "x\n" * 20_001, "at most 20,000 rows"),
        ("name\n" + "," * 60 + "\n", "at most 50 columns"),
    ],
)
def test_csv_files_beyond_the_limits_are_refused(text, limit):
    assert limit in _refusal(text.encode(), "e.csv")


def test_a_csv_field_beyond_the_csv_modules_limit_is_refused():
    assert "cannot be read" in _refusal(b'name\n"' + b"x" * 200_000 + b'"\n', "e.csv")


def test_the_limits_come_from_the_settings_and_the_limit_itself_is_accepted(settings):
    settings.IMPORT_MAX_ROWS = 3
    settings.IMPORT_MAX_COLUMNS = 2
    at_limit = "name,city\n" + "a,b\n" * 3
    assert len(list(read_rows(SimpleUploadedFile("e.csv", at_limit.encode())))) == 3
    assert "at most 3 rows" in _refusal((at_limit + "c,d\n").encode(), "e.csv")
    assert "at most 2 columns" in _refusal(b"name,city,x\n", "e.csv")
    book = Workbook()
    for row in (["name", "city"], *[["a", "b"]] * 3):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    assert len(list(read_rows(SimpleUploadedFile("e.xlsx", buffer.getvalue())))) == 3
    book.active.append(["c", "d"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert "at most 3 rows" in _refusal(buffer.getvalue())


def test_an_upload_larger_than_the_limit_is_refused_unread(settings):
    settings.IMPORT_MAX_BYTES = 1024
    assert "larger than" in _refusal(b"name\n" + b"x\n" * 1000, "e.csv")


def test_a_member_longer_than_it_declares_is_refused():
    data = bytearray(workbook_with_sheet(sheet_xml(b'<row r="2"><c r="A2"><v>1</v></c></row>')))
    # Shrink the sheet's recorded size in the central directory: the zip
    # reader stops there, so the rest can never be unpacked unnoticed.
    name = b"xl/worksheets/sheet1.xml"
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    assert "cannot be read" in _refusal(bytes(data))
