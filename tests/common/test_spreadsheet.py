import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from common.spreadsheet import SpreadsheetError, read_rows


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
