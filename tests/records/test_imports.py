"""Imports of every record type: all or nothing, every bad line named."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from records import imports
from records.kinds import KINDS
from records.models import EmployeeTraining, PartTimeTeacher
from tests.partnerships.factories import EnterpriseFactory, MajorFactory
from tests.records.factories import FACTORIES

pytestmark = pytest.mark.django_db


def _csv(rows, name="rows.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"))


def test_thousands_of_rows_with_planted_errors_import_nothing_and_name_every_line():
    enterprise = EnterpriseFactory(name="沈阳新松机器人自动化股份有限公司")
    major = MajorFactory(code="460305", name="工业机器人技术")
    header = ["姓名", "企业名称", "专业", "职称", "学年", "学期", "授课课程", "授课学时"]
    rows = [header]
    for n in range(3000):
        rows.append(
            [
                f"兼职教师{n}",
                enterprise.name,
                "460305",
                "高级工程师",
                "2025",
                "1",
                "工业机器人编程",
                "48",
            ]
        )
    planted = {
        101: ["兼职教师X", "不存在的企业", "460305", "", "2025", "1", "课", "48"],
        502: ["兼职教师Y", enterprise.name, "999999", "", "2025", "1", "课", "48"],
        903: ["兼职教师Z", enterprise.name, "460305", "", "2025", "1", "课", "5000"],
        1504: ["兼职教师W", enterprise.name, "460305", "", "2025", "3", "课", "48"],
        2005: rows[10][:],  # a duplicate of line 11
        2506: ["兼职教师V", enterprise.name, "460305", "", "二〇二五", "1", "课", "-4"],
    }
    for index, row in planted.items():
        rows[index] = row
    report = imports.record_import(KINDS["part-time-teachers"], uploaded=_csv(rows))
    assert not report.ok
    assert PartTimeTeacher.objects.count() == 0
    by_line = {error.line: error.message for error in report.errors}
    assert sorted(by_line) == [102, 503, 904, 1505, 2006, 2507]
    assert "不存在的企业" in by_line[102]
    assert "999999" in by_line[503]
    assert "2000" in by_line[904]  # the upper bound is named
    assert "1, 2" in by_line[1505]
    assert "line 11" in by_line[2006]
    assert by_line[2507].count(";") == 1  # both problems of the line, year and hours

    for index in planted:
        rows[index] = [f"兼职教师{index}", enterprise.name, major.name, "", "2025", "2", "课", "32"]
    report = imports.record_import(KINDS["part-time-teachers"], uploaded=_csv(rows))
    assert report.ok, report.errors[:3]
    assert report.created == PartTimeTeacher.objects.count() == 3000
    again = imports.record_import(KINDS["part-time-teachers"], uploaded=_csv(rows[:3]))
    assert [e.line for e in again.errors] == [2, 3]  # already stored


def test_money_and_dates_out_of_range_are_named(enterprise):
    rows = [
        ["enterprise", "title", "held_on", "trainees", "person_days", "income"],
        [enterprise.name, "A", "2025-04-01", "3", "9", "100000000.01"],
        [enterprise.name, "B", "2025-02-30", "3", "9", "10"],
        [enterprise.name, "C", "2025/04/01", "3", "9", "10.005"],
        [enterprise.credit_code or enterprise.name, "D", "2025年4月1日", "3", "9", "1,200.50"],
    ]
    report = imports.record_import(KINDS["employee-trainings"], uploaded=_csv(rows))
    assert [e.line for e in report.errors] == [2, 3, 4]
    assert EmployeeTraining.objects.count() == 0
    report = imports.record_import(KINDS["employee-trainings"], uploaded=_csv([rows[0], rows[4]]))
    assert report.ok
    assert str(EmployeeTraining.objects.get().income) == "1200.50"


def test_a_rule_of_the_service_names_the_line(enterprise):
    rows = [
        ["enterprise", "title", "signed_on", "amount", "received", "received_on"],
        [enterprise.name, "A", "2025-01-01", "100", "200", "2025-02-01"],
    ]
    report = imports.record_import(KINDS["service-contracts"], uploaded=_csv(rows))
    assert report.errors[0].line == 2
    assert "more than" in report.errors[0].message


@pytest.mark.parametrize("resource", sorted(KINDS))
def test_every_export_imports_again(resource, enterprise, api, alice):
    """The API's export of a record type is a file its import takes (after a delete)."""
    factory = FACTORIES[resource]
    row = factory()
    api.as_(alice)
    exported = api.get(f"/api/v1/{resource}/export/?file_format=csv")
    assert exported.status_code == 200
    kind = KINDS[resource]
    kind.model.objects.filter(pk=row.pk).delete()
    upload = SimpleUploadedFile("again.csv", exported.content)
    response = api.post(f"/api/v1/{resource}/import/", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["created"] == 1
    assert kind.model.objects.count() == 1


def test_the_api_import_refuses_a_bad_file_whole(api, alice, enterprise):
    api.as_(alice)
    upload = _csv(
        [
            ["enterprise", "visited_on", "visitors", "posts_offered", "average_pay"],
            [enterprise.name, "2025-03-01", "Dean Zhao", "5", "6000"],
            ["Nobody Ltd", "2025-03-02", "Dean Zhao", "5", "6000"],
        ]
    )
    response = api.post("/api/v1/enterprise-visits/import/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"][0]["line"] == 3
    assert response.json()["created"] == 0


def test_xlsx_import(enterprise):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["企业", "级别", "认定日期"])
    book.active.append([enterprise.name, "省级", "2024-06-01"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("c.xlsx", buffer.getvalue())
    report = imports.record_import(KINDS["enterprise-certifications"], uploaded=upload)
    assert report.ok, report.errors


def _contracts(enterprise, n):
    rows = [["企业", "合同名称", "签订日期", "合同金额", "到账金额", "到账日期"]]
    for i in range(n):
        rows.append([enterprise.name, f"C{i}", "2025-01-02", "1000.00", "100.00", "2025-03-04"])
    return rows


def test_a_file_of_thousands_through_the_api_names_each_planted_error(api, alice, enterprise):
    """Every kind of slip a spreadsheet has, each on its line with its reason;
    nothing stored; the check reads each table once, however many rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships.models import AnnualReview
    from records.models import ServiceContract
    from tests.partnerships.factories import AgreementFactory

    AgreementFactory(
        enterprise=enterprise,
        owner=alice,
        majors=[MajorFactory()],
        starts_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2028, 2, 28),
        status="active",
    )
    api.as_(alice)
    good = _contracts(enterprise, 3000)
    rows = [row[:] for row in good]
    planted = {
        10: [enterprise.name, "Cx", "2025-13-01", "1", "0", ""],  # no 13th month
        20: ["Nobody Ltd", "Cy", "2025-01-01", "1", "0", ""],
        30: good[5][:],  # repeats line 6
        40: [enterprise.name, "Cz", "2025-01-01", "-5", "0", ""],
        50: [enterprise.name, "", "2025-01-01", "5", "0", ""],  # no title
        2999: [enterprise.name, "Cw", "2025-02-30", "5", "0", ""],  # no 30 February
    }
    for index, row in planted.items():
        rows[index] = row

    def post(data):
        with CaptureQueriesContext(connection) as queries:
            answer = api.post(
                "/api/v1/service-contracts/import/", {"file": _csv(data)}, format="multipart"
            )
        return answer, len(queries)

    answer, many = post(rows)
    assert answer.status_code == 400
    errors = {e["line"]: e["message"] for e in answer.json()["errors"]}
    assert sorted(errors) == [11, 21, 31, 41, 51, 3000]
    assert "2025-13-01" in errors[11]
    assert "Nobody Ltd" in errors[21]
    assert "line 6" in errors[31]
    assert "0" in errors[41] and "contract amount" in errors[41]
    assert errors[51] == "title: missing"
    assert "2025-02-30" in errors[3000]
    assert ServiceContract.objects.count() == 0
    _few, few = post(rows[:31] + [rows[50]])
    assert many == few  # no query per row

    answer, queries = post(good)
    assert answer.status_code == 200, answer.json()["errors"][:3]
    assert answer.json()["created"] == ServiceContract.objects.count() == 3000
    assert queries < 100  # the inserts in batches, not a query per row
    review = AnnualReview.objects.get(agreement__enterprise=enterprise, year=2025)
    assert str(review.service_income) == "300000.00"  # 3,000 x 100 received in 2025
