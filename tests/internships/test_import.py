import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from internships.imports import student_import
from internships.models import Student
from tests.common.spreadsheets import whole_sheet_dimension
from tests.internships.factories import StudentFactory
from tests.partnerships.factories import MajorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def major():
    return MajorFactory(code="460305")


def csv_file(text: str, name="students.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8-sig"))


def test_a_good_csv_with_chinese_headers_is_imported(major):
    report = student_import(
        csv_file(
            "学号,姓名,专业代码,年级,出生日期\n"
            "2024010101,王芳,460305,2024,2006-04-09\n"
            "2024010102,李强,460305,2024,2005/11/30\n"
        )
    )
    assert report.ok and report.created == 2
    assert Student.objects.get(student_number="2024010102").name == "李强"


def test_a_dry_run_checks_without_writing(major):
    report = student_import(
        csv_file(
            "student_number,name,major_code,cohort,date_of_birth\n"
            "2024010101,Wang Fang,460305,2024,2006-04-09\n"
        ),
        dry_run=True,
    )
    assert report.ok and report.created == 1 and report.dry_run
    assert not Student.objects.exists()


def test_any_bad_line_imports_nothing_and_every_error_has_its_line(major):
    StudentFactory(student_number="2023000001")
    report = student_import(
        csv_file(
            "student_number,name,major_code,cohort,date_of_birth\n"
            "2024010101,Good,460305,2024,2006-04-09\n"
            "2024010102,Bad date,460305,2024,2006-02-30\n"
            "2024010103,Bad major,999999,2024,2006-04-09\n"
            "2024010101,Duplicate in file,460305,2024,2006-04-09\n"
            "2023000001,Duplicate in database,460305,2024,2006-04-09\n"
            "2024010106,Bad cohort,460305,twenty,2006-04-09\n"
        )
    )
    assert not report.ok
    assert [e.line for e in report.errors] == [3, 4, 5, 6, 7]
    messages = [str(e) for e in report.errors]
    assert "date of birth" in messages[0]
    assert "major code" in messages[1]
    assert "line 2" in messages[2]
    assert "already exists" in messages[3]
    assert "cohort" in messages[4]
    assert messages[0].startswith("Line 3:")
    assert Student.objects.count() == 1


def test_an_xlsx_file_is_imported(major):
    import datetime

    book = Workbook()
    book.active.append(["学号", "姓名", "专业代码", "年级", "出生日期"])
    book.active.append(["2024010101", "赵磊", 460305, 2024, datetime.datetime(2006, 1, 5)])  # noqa: DTZ001
    buffer = io.BytesIO()
    book.save(buffer)
    report = student_import(SimpleUploadedFile("s.xlsx", buffer.getvalue()))
    assert report.ok, report.errors
    assert Student.objects.get().date_of_birth == datetime.date(2006, 1, 5)


def test_missing_columns_and_unreadable_files_are_reported(major):
    assert "Missing columns" in str(student_import(csv_file("name\nWang\n")).errors[0])
    assert not student_import(SimpleUploadedFile("s.pdf", b"%PDF")).ok


def test_the_import_page_shows_errors_and_imports(client, alice, major):
    client.force_login(alice)
    bad = client.post(
        "/internships/students/import/",
        {"file": csv_file("学号,姓名,专业代码,年级,出生日期\n1,A,000,2024,2006-01-01\n")},
    )
    assert "Line 2" in bad.content.decode()
    good = client.post(
        "/internships/students/import/",
        {"file": csv_file("学号,姓名,专业代码,年级,出生日期\n1,A,460305,2024,2006-01-01\n")},
    )
    assert good.status_code == 302
    assert Student.objects.count() == 1


def test_the_import_page_refuses_a_sheet_beyond_the_limits_as_a_form_error(client, alice, major):
    client.force_login(alice)
    upload = SimpleUploadedFile("students.xlsx", whole_sheet_dimension())
    started = time.monotonic()
    page = client.post("/internships/students/import/", {"file": upload})
    assert time.monotonic() - started < 5
    assert page.status_code == 400
    assert "at most 20,000 rows" in page.context["form"].errors["file"][0]
    assert "at most 20,000 rows" in page.content.decode()
    assert not Student.objects.exists()


def test_the_import_limits_are_checked_without_the_form_too(major, settings):
    settings.IMPORT_MAX_ROWS = 1
    header = "student_number,name,major_code,cohort,date_of_birth\n"
    row = "2024010101,Wang Fang,460305,2024,2006-04-09\n"
    report = student_import(csv_file(header + row + "\n"))  # an empty row counts
    assert "at most 1 row below" in str(report.errors[0])
    assert not Student.objects.exists()
    assert student_import(csv_file(header + row)).ok
    assert Student.objects.get().name == "Wang Fang"
