"""The official filings against a known academic year (tests/reports/filings_world.py).

Every expected figure is worked out by hand from the records the world makes.
"""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import transaction
from django.urls import reverse

from reports.documents import build_document
from reports.filings.checks import problems
from reports.filings.cooperation_table import LEGACY_COLUMNS, STANDARD_COLUMNS, collect
from reports.filings.quality import indicators
from reports.models import Report
from reports.services import report_generate, report_request
from tests.reports.filings_world import YEAR, build_filing_world

pytestmark = pytest.mark.django_db

W = Decimal


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_filing_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db, settings):
    settings.FILING_COLLEGE_CODE = "14285"
    return module_world


def _report(user, **kwargs):
    kwargs.setdefault("year", YEAR)
    kwargs.setdefault("academic", True)
    kwargs.setdefault("format", "xlsx")
    return Report.objects.create(requested_by=user, **kwargs)


def _rows(document):
    table = document.tables[0]
    return [dict(zip([c.key for c in table.columns], r, strict=True)) for r in table.rows]


# Hand-computed, per major x enterprise: order-class students, courses,
# textbooks, part-time teachers, interns, graduates employed, service income (万元).
STANDARD = [
    ("460301", "Alpha 精密机械有限公司", "2024-03", 4, 1, 1, 2, 2, 1, W("3.50")),
    ("460301", "Beta 物流有限公司", "2025-10", 0, 1, 0, 0, 0, 1, W("2.00")),
    ("460305", "Alpha 精密机械有限公司", "2024-03", 0, 0, 0, 0, 1, 1, W("0.00")),
    ("X01", "Beta 物流有限公司", "2026-10", 0, 1, 0, 0, 0, 0, W("0.00")),
]

# Per major: enterprises, order-class, courses, textbooks, part-time teachers,
# interns, donated, provided (万元), graduates employed, income (万元), person-days.
LEGACY = [
    ("460301", "机电一体化技术", 2, 4, 2, 1, 2, 2, W("12.35"), W("5.00"), 2, W("5.50"), 130),
    ("460305", "工业机器人技术", 1, 0, 0, 0, 0, 1, W("1.00"), W("0.00"), 1, W("0.00"), 0),
    ("X01", "现代物流管理", 1, 0, 1, 0, 0, 0, W("0.00"), W("0.00"), 0, W("0.00"), 0),
]


def test_the_standard_layout_cell_by_cell(alice, world):
    document = build_document(_report(alice, kind="cooperation_table", layout="standard"))
    assert [str(c.label) for c in document.tables[0].columns] == [
        "学校代码", "专业代码", "专业名称", "合作企业统一社会信用代码", "合作企业名称",
        "合作开始年月", "订单培养数（人）", "共同开发课程数（门）", "共同开发教材数（种）",
        "支持兼职教师数（人）", "接受顶岗实习学生数（人）", "接受毕业生就业数（人）",
        "学校为企业技术服务年收入（万元）", "唯一标识", "采集时间",
    ]  # fmt: skip
    rows = _rows(document)
    assert len(rows) == len(STANDARD)
    keys = [c.key for c in STANDARD_COLUMNS]
    for row, expected in zip(rows, STANDARD, strict=True):
        assert row["college_code"] == "14285"
        got = tuple(row[k] for k in ("major_code", "enterprise_name", "started", *keys[6:13]))
        assert got == expected
    assert rows[0]["credit_code"] == world.e1.credit_code
    assert rows[1]["credit_code"] == ""
    # The row id is stable: the same on a second run, different per row.
    again = _rows(build_document(_report(alice, kind="cooperation_table", layout="standard")))
    assert [r["row_id"] for r in again] == [r["row_id"] for r in rows]
    assert len({r["row_id"] for r in rows}) == len(rows)


def test_the_legacy_layout_cell_by_cell(alice, world):
    document = build_document(_report(alice, kind="cooperation_table", layout="legacy"))
    assert [str(c.label) for c in document.tables[0].columns] == [
        "专业代码", "专业名称", "合作企业总数（个）", "订单培养数（人）", "共同开发课程数（门）",
        "共同开发教材数（种）", "支持兼职教师数（人）", "接受顶岗实习学生数（人）",
        "对学校捐赠设备总值（万元）", "对学校准捐赠设备总值（万元）", "接受毕业生就业数（人）",
        "学校为企业技术服务年收入（万元）", "学校为企业年培训员工数（人日）",
    ]  # fmt: skip
    keys = [c.key for c in LEGACY_COLUMNS]
    assert [tuple(r[k] for k in keys) for r in _rows(document)] == LEGACY


def test_the_xlsx_and_csv_files_read_back(alice, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with transaction.atomic():
        xlsx = report_request(
            user=alice,
            kind="cooperation_table",
            year=YEAR,
            format="xlsx",
            academic=True,
            layout="legacy",
        )
    report_generate(report_id=xlsx.pk)
    xlsx.refresh_from_db()
    assert xlsx.status == Report.Status.DONE, xlsx.error
    assert xlsx.filename.startswith("cooperation_table-legacy-report-2025-2026")
    with xlsx.file.open("rb") as handle:
        sheet = openpyxl.load_workbook(handle, read_only=True).worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "专业代码"
    assert values[1][:3] == ("460301", "机电一体化技术", 2)
    assert values[1][8] == pytest.approx(12.35)
    assert values[1][11] == pytest.approx(5.50)
    assert values[1][12] == 130

    standard = report_request(
        user=alice, kind="cooperation_table", year=YEAR, format="csv", academic=True
    )
    report_generate(report_id=standard.pk)
    standard.refresh_from_db()
    with standard.file.open("rb") as handle:
        lines = list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))
    # The header on the first line, as the platform reads an upload.
    assert lines[0][0] == "学校代码"
    first = lines[1]
    assert first[:3] == ["14285", "460301", "机电一体化技术"]
    assert first[12] == "3.50"


def test_the_validation_lists_what_the_platform_would_refuse(world, settings):
    settings.FILING_COLLEGE_CODE = ""
    found = problems(collect(YEAR))
    codes = sorted(p.code for p in found if p.blocking)
    assert codes == [
        "college_code_missing",
        "cooperation_start_after_year",
        "credit_code_missing",
        "major_number_missing",
    ]
    by_code = {p.code: p for p in found}
    assert by_code["credit_code_missing"].url == reverse(
        "partnerships:enterprise-edit", args=[world.e2.pk]
    )
    assert "X01" in by_code["major_number_missing"].message
    # Records without a major counted under the lead major are listed to check.
    notes = [p for p in found if not p.blocking]
    assert {p.code for p in notes} == {"record_lead_major"}
    # E1 (majors M1, M2): Li Hua, two contracts, one training; E2 (M1, M3):
    # one contract, one training.
    assert len(notes) == 6


def test_absurd_values_are_listed(world):
    from tests.records.factories import TrainingBaseFactory, TrainingBaseYearFactory

    for _ in range(2):
        base = TrainingBaseFactory(enterprise=world.e1, major=world.m2)
        TrainingBaseYearFactory(base=base, year=YEAR, equipment_donated=W("60000000.00"))
    found = [p for p in problems(collect(YEAR)) if p.code == "value_out_of_range"]
    assert len(found) == 1
    assert "对学校捐赠设备总值（万元）" in found[0].message
    assert "/cell/" in found[0].url


def test_the_enterprise_annual_report(alice, world, settings, tmp_path):
    document = build_document(_report(alice, kind="enterprise_annual", subject_id=world.e1.pk))
    tables = {t.key: t for t in document.tables}
    values = {label: value for label, value in tables["resources"].rows}
    values.update({label: value for label, value in tables["teaching"].rows})
    values.update({label: value for label, value in tables["outcomes"].rows})
    assert values == {
        "对学校捐赠设备总值（万元）": "13.35",  # (123,456.78 + 10,000) / 10,000
        "对学校准捐赠设备总值（万元）": "5.00",
        "支持兼职教师数（人）": "2",
        "订单培养数（人）": "4",
        "共同开发课程数（门）": "1",
        "共同开发教材数（种）": "1",
        "接受顶岗实习学生数（人）": "3",
        "接受毕业生就业数（人）": "2",
        "学校为企业技术服务年收入（万元）": "3.50",
        "学校为企业年培训员工数（人日）": "90",
    }
    assert [row[0] for row in tables["majors"].rows] == ["机电一体化技术", "工业机器人技术"]
    assert len(list(tables["agreements"].rows)) == 1
    settings.MEDIA_ROOT = tmp_path
    for fmt in ("docx", "pdf"):
        report = report_request(
            user=alice,
            kind="enterprise_annual",
            year=YEAR,
            format=fmt,
            academic=True,
            subject=world.e1.pk,
        )
        report_generate(report_id=report.pk)
        report.refresh_from_db()
        assert report.status == Report.Status.DONE, report.error
        with report.file.open("rb") as handle:
            data = handle.read()
        if fmt == "docx":
            from docx import Document

            word = Document(io.BytesIO(data))
            text = "\n".join(p.text for p in word.paragraphs)
            assert "Alpha 精密机械有限公司参与高等职业教育人才培养年度报告" in text
            cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
            assert "13.35" in cells
            assert word.inline_shapes  # the chart
        else:
            assert data.startswith(b"%PDF")


def test_a_colleges_own_word_template_is_filled_in(alice, world, settings, tmp_path):
    from django.core.files.base import ContentFile
    from docx import Document

    from reports.models import ReportTemplate

    settings.MEDIA_ROOT = tmp_path
    template = Document()
    template.add_paragraph("致 {{企业名称}}（{{统一社会信用代码}}）")
    template.add_paragraph("{{tables}}")
    template.add_paragraph("{{年度}} 报告完 {{unknown}}")
    buffer = io.BytesIO()
    template.save(buffer)
    ReportTemplate.objects.create(
        kind="enterprise_annual", file=ContentFile(buffer.getvalue(), name="t.docx")
    )
    report = report_request(
        user=alice,
        kind="enterprise_annual",
        year=YEAR,
        format="docx",
        academic=True,
        subject=world.e1.pk,
    )
    report_generate(report_id=report.pk)
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        word = Document(handle)
    texts = [p.text for p in word.paragraphs if p.text]
    assert texts[0] == f"致 Alpha 精密机械有限公司（{world.e1.credit_code}）"
    assert texts[-1] == "2025-2026学年 报告完 {{unknown}}"
    assert "{{tables}}" not in texts
    assert len(word.tables) == 6


def test_the_quality_indicators(alice, world, settings, tmp_path):
    found = indicators(YEAR, True)
    assert found["part_time_teachers"] == 2
    assert found["part_time_hours"] == 106
    assert found["part_time_hours_average"] == W("53.00")
    assert found["equipment_total"] == W("17.35")  # 173,456.78 on campus
    assert (found["teachers"], found["dual_qualified"]) == (4, 2)
    assert found["dual_qualified_share"] == 0.5
    assert (found["certificates_passed"], found["certificate_students"]) == (2, 2)
    assert found["certificates"] == [("X0001", "工业机器人操作与运维", 2)]
    assert (found["apprentices"], found["apprentice_classes"]) == (2, 1)
    assert (found["graduates"], found["employed"]) == (5, 4)
    assert found["employment_rate"] == 0.8
    assert found["starting_pay"] == W("5100.00")  # (5,000 + 4,200 + 6,100) / 3
    assert found["relevance"] == 0.75
    assert found["majors"] == [
        ("机电一体化技术", 4, 3, 0.75, W("4600.00"), 0.6667, 76),
        ("工业机器人技术", 1, 1, 1.0, W("6100.00"), 1.0, 0),
    ]
    settings.MEDIA_ROOT = tmp_path
    report = report_request(
        user=alice, kind="quality_indicators", year=YEAR, format="docx", academic=True
    )
    report_generate(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    from docx import Document

    with report.file.open("rb") as handle:
        word = Document(handle)
    cells = [[c.text for c in r.cells] for r in word.tables[0].rows]
    assert ["毕业去向落实率", "80.0%"] in cells
    assert ["双师型教师比例", "50.0%"] in cells
    assert len(word.inline_shapes) == 2  # certificates and employment by major


def test_the_drill_down_shows_the_rows_a_cell_counts(client, alice, world):
    client.force_login(alice)
    url = reverse("reports:filing-cell", args=[YEAR])
    page = client.get(
        url, {"major": world.m1.pk, "enterprise": world.e1.pk, "figure": "part_time_teachers"}
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count("records/part-time-teachers/") == 3  # Wang twice, Li once
    assert client.get(url, {"major": "x", "enterprise": 1, "figure": "y"}).status_code == 404
    filing = client.get(reverse("reports:filing"), {"academic_year": "2025-2026"})
    assert filing.status_code == 200
    assert 'data-code="credit_code_missing"' in filing.content.decode()


def test_reporters_may_not_open_the_drill_down(client, rita, world):
    client.force_login(rita)
    assert client.get(reverse("reports:filing")).status_code in (302, 403)


def test_formats_and_academic_year_are_checked(alice, api, world):
    api.as_(alice)
    answer = api.post(
        "/api/v1/reports/",
        {"kind": "cooperation_table", "year": 2025, "format": "xlsx"},
        format="json",
    )  # a plain year names the academic year's first year
    assert answer.status_code == 202
    assert Report.objects.get(pk=answer.json()["id"]).period == "2025-2026"
    answer = api.post(
        "/api/v1/reports/",
        {"kind": "cooperation_table", "academic_year": "2025-2027", "format": "xlsx"},
        format="json",
    )
    assert answer.status_code == 400
    answer = api.post(
        "/api/v1/reports/",
        {"kind": "cooperation_table", "academic_year": "2025-2026", "format": "docx"},
        format="json",
    )
    assert answer.status_code == 400
    answer = api.post(
        "/api/v1/reports/",
        {"kind": "enterprise_annual", "academic_year": "2025-2026", "format": "pdf",
         "enterprise": world.e1.pk},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 202, answer.content
    detail = api.get(f"/api/v1/reports/{answer.json()['id']}/").json()
    assert detail["academic_year"] == "2025-2026"
    # The review-based reports are of calendar years: an academic year is refused.
    answer = api.post(
        "/api/v1/reports/",
        {"kind": "annual", "academic_year": "2025-2026", "format": "xlsx"},
        format="json",
    )
    assert answer.status_code == 400
    assert "Only the official filings" in answer.json()["academic_year"][0]


def test_the_summary_takes_an_academic_year(alice, api, world):
    api.as_(alice)
    answer = api.get("/api/v1/reports/summary/", {"academic_year": "2025-2026"})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["academic_year"] == "2025-2026"
    # Post and follow-post placements overlapping 2025-09-01..2026-08-31: s0
    # (twice), s1, t1, the cognitive s4; s3's terminated one does not count.
    assert body["students_placed"] == 4
    assert body["placements_by_kind"] == {"cognitive": 1, "shadow": 1, "post": 3}
    assert body["agreements_active"] == 2
    calendar = api.get("/api/v1/reports/summary/", {"year": 2025}).json()
    assert calendar["academic_year"] is None
    assert api.get("/api/v1/reports/summary/", {"academic_year": "2025-2025"}).status_code == 400
    assert api.get("/api/v1/reports/summary/").json()["academic_year"] is None


def test_the_dashboard_offers_the_academic_year(client, alice, world):
    client.force_login(alice)
    page = client.get("/", {"period": "academic"})
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="period-switch"' in body
    from reports.periods import current_academic_year

    first = current_academic_year()
    assert f"{first}-{first + 1}" in body


def test_reporters_get_the_filings_without_personal_data(api, rita, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api.as_(rita)
    answer = api.post(
        "/api/v1/reports/",
        {"kind": "cooperation_table", "academic_year": "2025-2026", "format": "csv"},
        format="json",
    )
    assert answer.status_code == 202
    report = Report.objects.get(pk=answer.json()["id"])
    report_generate(report_id=report.pk)
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    assert "Zhang Wei" not in text and "Wang Qiang" not in text and "Li Hua" not in text
    assert "Alpha 精密机械有限公司" in text


def test_the_reports_page_requests_the_filings(client, alice, world):
    client.force_login(alice)
    answer = client.post(
        reverse("reports:index"),
        {"kind": "cooperation_table", "year": "2025", "period": "academic", "layout": "legacy",
         "format": "xlsx"},
    )  # fmt: skip
    assert answer.status_code == 302
    report = Report.objects.latest("pk")
    assert (report.kind, report.academic, report.layout, report.period) == (
        "cooperation_table", True, "legacy", "2025-2026",
    )  # fmt: skip
    answer = client.post(
        reverse("reports:index"),
        {"kind": "enterprise_annual", "year": "2025", "period": "calendar", "format": "pdf",
         "subject": f"enterprise:{world.e1.pk}"},
    )  # fmt: skip
    assert answer.status_code == 302
    report = Report.objects.latest("pk")
    assert (report.subject_id, report.academic, report.period) == (world.e1.pk, False, "2025")
    page = client.get(reverse("reports:index"))
    assert 'id="filing-link"' in page.content.decode()
