"""The JSON, CSV and XLSX writers, read back the way a client or spreadsheet would."""

import csv
import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from reports.tables import Column, ColumnType, Document, Table
from reports.writers import display_width, write_csv, write_json, write_xlsx
from tests.reports.factories import sample_document


def _write(writer, document=None) -> bytes:
    out = io.BytesIO()
    writer(document or sample_document(), out)
    return out.getvalue()


def test_json_keeps_types_and_chinese_text():
    body = json.loads(_write(write_json))
    assert body["title"] == "年度校企合作报告 2026"
    table = body["tables"][0]
    assert [c["type"] for c in table["columns"]] == [
        "text",
        "date",
        "integer",
        "decimal",
        "percent",
    ]
    first, second = table["rows"]
    assert first == {
        "enterprise": "沈阳新松机器人自动化股份有限公司",
        "since": "2021-09-01",
        "interns": 12,
        "income": 35000.5,
        "rate": 0.25,
    }
    assert second["since"] is None and second["income"] == 0
    assert "沈阳".encode() in _write(write_json)  # not \u-escaped


def test_csv_starts_with_a_bom_and_has_one_section_per_table():
    raw = _write(write_csv)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["年度校企合作报告 2026"]
    assert rows[1] == []
    assert rows[2] == ["产学合作"]
    assert rows[3] == ["企业名称", "合作起始", "接收实习学生", "技术服务收入（元）", "录用率"]
    assert rows[4] == ["沈阳新松机器人自动化股份有限公司", "2021-09-01", "12", "35000.50", "25.0%"]
    assert rows[5] == ["Dalian Port Logistics", "", "0", "0", ""]
    assert rows[6] == []
    assert rows[7:] == [["Key figures"], ["Figure", "Value"], ["Agreements in force", "3"]]
    # Only one BOM, at the very start.
    assert raw.count(b"\xef\xbb\xbf") == 1


def test_xlsx_has_one_sheet_per_table_with_typed_cells_a_frozen_header_and_widths():
    book = openpyxl.load_workbook(io.BytesIO(_write(write_xlsx)))
    assert book.sheetnames == ["产学合作", "Key figures"]
    sheet = book["产学合作"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == [
        "企业名称",
        "合作起始",
        "接收实习学生",
        "技术服务收入（元）",
        "录用率",
    ]
    assert all(c.font.bold for c in sheet[1])
    name, since, interns, income, rate = sheet[2]
    assert name.data_type == "s"
    assert since.is_date and since.value.date() == datetime.date(2021, 9, 1)
    assert since.number_format == "yyyy-mm-dd"
    assert interns.data_type == "n" and interns.value == 12
    assert income.data_type == "n" and income.value == pytest.approx(35000.5)
    assert income.number_format == "#,##0.00"
    assert rate.value == 0.25 and rate.number_format == "0.0%"
    assert sheet["B3"].value is None
    # The long Chinese name widens its column (two columns per character), the
    # date column fits a date, no column is absurdly narrow or wide.
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDE"}
    assert widths["A"] >= display_width("沈阳新松机器人自动化股份有限公司")
    assert widths["B"] >= len("2021-09-01")
    assert all(8 <= w <= 60 for w in widths.values())
    assert book["Key figures"]["B2"].value == 3


def test_xlsx_sheet_names_are_valid_and_unique():
    long = "A very long table title: with / forbidden [characters] that Excel refuses"
    document = Document(
        title="t",
        kind="annual",
        year=2026,
        generated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
        tables=[
            Table(f"t{i}", long, [Column("x", "X", ColumnType.INTEGER)], [(i,)]) for i in range(3)
        ],
    )
    names = openpyxl.load_workbook(io.BytesIO(_write(write_xlsx, document))).sheetnames
    assert len(set(names)) == 3
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_xlsx_streams_large_tables():
    rows = ((i, f"企业{i}", datetime.date(2026, 1, 1)) for i in range(20_000))
    document = Document(
        title="big",
        kind="annual",
        year=2026,
        generated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
        tables=[
            Table(
                "big",
                "Big",
                [
                    Column("n", "N", ColumnType.INTEGER),
                    Column("name", "Name"),
                    Column("d", "Date", ColumnType.DATE),
                ],
                rows,
            )
        ],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(_write(write_xlsx, document)), read_only=True)["Big"]
    assert sum(1 for _row in sheet.iter_rows(values_only=True)) == 20_001


def _hostile_document() -> Document:
    return Document(
        title="=cmd|' /C calc'!A0",
        kind="annual",
        year=2026,
        generated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
        tables=[
            Table(
                "t",
                "@Table",
                [
                    Column("name", "Name"),
                    Column("n", "N", ColumnType.INTEGER),
                    Column("amount", "Amount", ColumnType.DECIMAL),
                ],
                [('=HYPERLINK("http://x","y")', -5, Decimal("-2.50")), ("-5", 3, Decimal("1"))],
            )
        ],
    )


def test_csv_text_never_starts_a_formula_and_numbers_stay_numbers():
    rows = list(csv.reader(io.StringIO(_write(write_csv, _hostile_document()).decode("utf-8-sig"))))
    assert rows[0] == ["'=cmd|' /C calc'!A0"]
    assert rows[2] == ["'@Table"]
    assert rows[4] == ['\'=HYPERLINK("http://x","y")', "-5", "-2.50"]
    assert rows[5] == ["'-5", "3", "1"]  # the text "-5" is escaped, the number is not


def test_xlsx_text_is_never_a_formula_and_numbers_stay_numbers():
    book = openpyxl.load_workbook(io.BytesIO(_write(write_xlsx, _hostile_document())))
    sheet = book.worksheets[0]
    name, n, amount = sheet[2]
    assert name.data_type == "s" and name.value == '\'=HYPERLINK("http://x","y")'
    assert n.data_type == "n" and n.value == -5
    assert amount.data_type == "n" and amount.value == -2.5
    assert sheet["A3"].value == "'-5" and sheet["B3"].value == 3
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
