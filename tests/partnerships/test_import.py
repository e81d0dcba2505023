import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from partnerships.imports import enterprise_import
from partnerships.models import Enterprise
from tests.common.spreadsheets import million_empty_rows, whole_sheet_dimension
from tests.partnerships.factories import EnterpriseFactory, make_credit_code

pytestmark = pytest.mark.django_db


def csv_file(text: str, name="enterprises.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8-sig"))


def xlsx_file(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("enterprises.xlsx", buffer.getvalue())


GOOD_CSV = (
    "name,credit_code,industry,size,city,workforce,is_integration_enterprise,status\n"
    f"Anshan Steel Works,{make_credit_code(501)},Steel,large,Anshan,12000,yes,active\n"
    "Dalian Port Logistics,,Logistics,medium,Dalian,800,no,prospect\n"
)


def test_a_good_csv_imports_every_row():
    report = enterprise_import(uploaded=csv_file(GOOD_CSV))
    assert report.ok and report.created == 2
    steel = Enterprise.objects.get(name="Anshan Steel Works")
    assert (steel.size, steel.workforce, steel.is_integration_enterprise, steel.status) == (
        "large",
        12000,
        True,
        "active",
    )
    assert Enterprise.objects.get(name="Dalian Port Logistics").credit_code is None


def test_a_dry_run_checks_and_writes_nothing():
    report = enterprise_import(uploaded=csv_file(GOOD_CSV), dry_run=True)
    assert report.ok and report.dry_run and report.created == 2
    assert not Enterprise.objects.exists()


def test_chinese_headers_and_labels_in_xlsx():
    report = enterprise_import(
        uploaded=xlsx_file(
            [
                [
                    "名称",
                    "统一社会信用代码",
                    "行业",
                    "规模",
                    "城市",
                    "职工人数",
                    "产教融合型企业",
                    "状态",
                ],
                [
                    "沈阳机床股份有限公司",
                    make_credit_code(502),
                    "数控机床",
                    "大型",
                    "沈阳",
                    5000,
                    "是",
                    "合作中",
                ],
            ]
        )
    )
    assert report.ok, report.errors
    company = Enterprise.objects.get()
    assert (company.size, company.status, company.workforce) == ("large", "active", 5000)


def test_bad_rows_are_reported_by_line_and_nothing_is_imported():
    EnterpriseFactory(name="Existing Co", credit_code=make_credit_code(600))
    code = make_credit_code(601)
    broken = code[:-1] + ("0" if code[-1] != "0" else "1")
    text = (
        "name,credit_code,size,workforce,status\n"
        "Good One,,small,10,active\n"  # line 2: fine
        ",,small,10,active\n"  # 3: no name
        f"Bad Code,{broken},small,10,active\n"  # 4: check character
        "Huge,,gigantic,10,active\n"  # 5: size
        "Many,,small,lots,active\n"  # 6: workforce
        "Gone,,small,10,vanished\n"  # 7: status
        "existing co,,small,10,active\n"  # 8: name in the database
        f"Taken,{make_credit_code(600)},small,10,active\n"  # 9: code in the database
        "good one,,small,10,active\n"  # 10: repeats line 2
        f"Twin A,{make_credit_code(602)},small,10,active\n"  # 11: fine
        f"Twin B,{make_credit_code(602)},small,10,active\n"  # 12: repeats the code of 11
        "Negative,,small,-5,active\n"  # 13: workforce range
    )
    report = enterprise_import(uploaded=csv_file(text))
    assert not report.ok and report.created == 0
    lines = {error.line: error.message for error in report.errors}
    assert sorted(lines) == [3, 4, 5, 6, 7, 8, 9, 10, 12, 13]
    assert "name" in lines[3]
    assert "check character" in lines[4]
    assert "gigantic" in lines[5]
    assert "lots" in lines[6]
    assert "vanished" in lines[7]
    assert "already exists" in lines[8]
    assert "credit code" in lines[9]
    assert "line 2" in lines[10]
    assert "line 11" in lines[12]
    assert str(report.errors[0]).startswith("Line 3:")
    assert Enterprise.objects.count() == 1  # only the one that was there


def test_a_file_without_a_name_column_is_one_clear_error():
    report = enterprise_import(uploaded=csv_file("company,city\nA,B\nC,D\n"))
    assert [(e.line, "name column" in e.message) for e in report.errors] == [(1, True)]


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("e.pdf", b"%PDF-1.4"),
        SimpleUploadedFile("e.xlsx", b"PK\x03\x04broken"),
        SimpleUploadedFile("e.csv", b""),
        SimpleUploadedFile("e.csv", b"name\n"),
    ],
)
def test_unreadable_or_empty_files_are_refused(upload):
    report = enterprise_import(uploaded=upload)
    assert not report.ok and report.created == 0
    assert not Enterprise.objects.exists()


@pytest.fixture
def admin_client(client, alice):
    client.force_login(alice)
    return client


def test_the_import_page_lists_line_errors(admin_client):
    page = admin_client.post(
        "/partnerships/enterprises/import/",
        {"file": csv_file("name,size\nOK,small\nBad,huge\n")},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "nothing was imported" in html and "huge" in html and "<td>3</td>" in html
    assert not Enterprise.objects.exists()


def test_the_import_page_imports_and_offers_a_dry_run(admin_client):
    dry = admin_client.post(
        "/partnerships/enterprises/import/", {"file": csv_file(GOOD_CSV), "dry_run": "on"}
    )
    assert "dry run" in dry.content.decode() and not Enterprise.objects.exists()
    done = admin_client.post("/partnerships/enterprises/import/", {"file": csv_file(GOOD_CSV)})
    assert "2 enterprises were imported" in done.content.decode()
    assert Enterprise.objects.count() == 2


def test_the_templates_download_and_import_as_they_are(admin_client):
    csv_template = admin_client.get("/partnerships/enterprises/import/template.csv")
    assert csv_template.status_code == 200 and "attachment" in csv_template["Content-Disposition"]
    report = enterprise_import(uploaded=SimpleUploadedFile("t.csv", csv_template.content))
    assert report.ok, report.errors
    xlsx = admin_client.get("/partnerships/enterprises/import/template.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "名称"


def test_only_administrators_import(client, tom):
    client.force_login(tom)
    assert client.get("/partnerships/enterprises/import/").status_code == 403
    assert client.get("/partnerships/enterprises/import/template.csv").status_code == 403


@pytest.mark.parametrize(
    "build,limit",
    [
        (whole_sheet_dimension, "at most 20,000 rows"),
        (million_empty_rows, "at most 20,000 rows"),
    ],
    ids=["dimension-A1:XFD1048576", "a-million-empty-rows"],
)
def test_the_import_page_refuses_an_oversized_sheet_as_a_form_error(admin_client, build, limit):
    upload = SimpleUploadedFile("enterprises.xlsx", build())
    started = time.monotonic()
    page = admin_client.post("/partnerships/enterprises/import/", {"file": upload})
    assert time.monotonic() - started < 5
    assert page.status_code == 400
    assert limit in page.context["form"].errors["file"][0]
    assert limit in page.content.decode()
    assert not Enterprise.objects.exists()


def test_the_import_page_names_the_size_limit(admin_client, settings):
    settings.IMPORT_MAX_BYTES = 2048
    page = admin_client.post(
        "/partnerships/enterprises/import/", {"file": csv_file(GOOD_CSV + "x\n" * 2000)}
    )
    assert page.status_code == 400
    assert "larger than 2.0\xa0KB" in page.context["form"].errors["file"][0]
