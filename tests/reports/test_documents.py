"""The reports' figures, from the known year in tests/reports/world.py."""

import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.db import transaction

from reports.documents import build_document
from reports.models import Report
from reports.services import report_generate
from tests.reports.factories import ReportFactory
from tests.reports.world import YEAR, build_world

pytestmark = pytest.mark.django_db


def _tables(document) -> dict:
    """Each table as a list of dicts keyed by column key."""
    return {
        table.key: [
            dict(zip([c.key for c in table.columns], row, strict=True)) for row in table.rows
        ]
        for table in document.tables
    }


def _annual(user):
    return _tables(build_document(ReportFactory(requested_by=user, year=YEAR)))


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    # Built once for the module in a transaction rolled back at its end; each
    # test runs in a savepoint inside it, so what a test writes is undone.
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db):
    return module_world


def test_the_annual_report_counts_enterprises_agreements_and_reviews(alice, world):
    tables = _annual(alice)
    by_industry = {row["industry"]: row for row in tables["enterprises_by_industry"]}
    assert (by_industry["装备制造"]["enterprises"], by_industry["装备制造"]["active"]) == (2, 1)
    assert (by_industry["物流"]["enterprises"], by_industry["物流"]["active"]) == (1, 1)
    sizes = {
        row["size"]: (row["enterprises"], row["active"]) for row in tables["enterprises_by_size"]
    }
    assert sizes == {"Large": (1, 1), "Medium": (1, 0), "Small": (1, 1), "Micro": (0, 0)}
    depth = {
        row["depth"]: (row["enterprises"], row["agreements"])
        for row in tables["enterprises_by_depth"]
    }
    # E1 under deep (A1); E2 under middle (A2 is deeper than A3).
    assert depth == {"Deep": (1, 1), "Middle": (1, 1), "Shallow": (0, 1)}

    in_force, new, expired, terminated = tables["agreements"]
    assert (in_force["total"], in_force["deep"], in_force["middle"], in_force["shallow"]) == (
        3,
        1,
        1,
        1,
    )
    assert in_force["school_investment"] == Decimal("120000.00")
    assert in_force["enterprise_investment"] == Decimal("250000.00")
    assert (new["total"], new["middle"], new["deep"]) == (2, 1, 1)  # A2, and A5 (since terminated)
    assert (expired["total"], expired["shallow"]) == (1, 1)
    assert (terminated["total"], terminated["deep"]) == (1, 1)

    reviews = {row["status"]: row for row in tables["reviews"]}
    assert reviews["Pending"]["reviews"] == 1 and reviews["Pending"]["overdue"] == 1
    assert reviews["Approved"]["reviews"] == 1
    assert reviews["Approved"]["research"] == Decimal("2.00")
    assert reviews["All reviews due in the year"]["reviews"] == 2
    assert reviews["All reviews due in the year"]["employment"] == Decimal("5.00")


def test_the_annual_report_flags_majors_and_counts_meetings_and_groups(alice, world):
    tables = _annual(alice)
    majors = {row["code"]: row for row in tables["majors"]}
    assert majors["460301"]["deep_partners"] == 1
    assert majors["460301"]["deep_partner_names"] == "沈阳新松机器人自动化股份有限公司"
    assert majors["460301"]["flag"] == "On target (1-2)"
    assert majors["460305"]["deep_partners"] == 0
    assert majors["460305"]["flag"] == "No deep partner"
    assert (majors["460305"]["middle_agreements"], majors["460305"]["shallow_agreements"]) == (1, 1)
    assert majors["500211"]["flag"] == "No deep partner"

    committees = {row["name"]: row for row in tables["committees"]}
    council = committees["School-Enterprise Cooperation Council"]
    assert (council["held"], council["duty_met"], council["annual_meeting"]) == (1, "Yes", "Yes")
    s1 = committees["机电专业建设指导委员会"]
    assert (s1["held"], s1["planned"], s1["cancelled"], s1["duty_met"]) == (0, 1, 1, "No")
    assert committees["机器人专业建设指导委员会"]["duty_met"] == "No"
    assert "物流专业建设指导委员会" not in committees  # dissolved

    groups = {row["group"]: row for row in tables["groups"]}
    g1 = groups["辽宁装备制造职业教育集团"]
    assert (g1["internships"], g1["internship_target"], g1["internship_share"]) == (2, 10, 0.2)
    assert (g1["hires"], g1["employment_target"], g1["hire_share"]) == (1, 2, 0.5)
    assert (g1["resources"], g1["patents"], g1["technical_improvements"]) == (2, 2, 3)


def test_the_annual_report_counts_placements_outcomes_and_figures(alice, world):
    tables = _annual(alice)
    kinds = {row["kind"]: row for row in tables["placements_by_kind"]}
    assert kinds["Post internship"]["placements"] == 2
    assert kinds["Post internship"]["hired"] == 1
    assert kinds["Post internship"]["hire_rate"] == 0.5
    assert kinds["Cognitive internship"]["placements"] == 1
    assert kinds["All kinds"]["students"] == 3
    assert kinds["All kinds"]["completed"] == 3
    assert kinds["All kinds"]["hire_rate"] == 0.3333
    months = {row["month"]: row["placements"] for row in tables["placements_by_month"]}
    assert (months["2025-01"], months["2025-03"], months["2025-10"], months["2025-11"]) == (
        1,
        2,
        1,
        0,
    )

    outcomes = dict((row["outcome"], row["count"]) for row in tables["outcomes"])
    assert outcomes["Patents"] == 2
    assert outcomes["Technical improvements"] == 3
    assert outcomes["Scientific achievements"] == 1
    assert outcomes["Shared resources"] == 2

    figures = dict((row["figure"], row["value"]) for row in tables["investment"])
    assert figures["Order-class students"] == 30
    assert figures["Technical-service income (CNY)"] == Decimal("20000.50")
    assert figures["Interns accepted"] == 3
    assert figures["Graduates hired"] == 1
    assert figures["School investment in agreements in force (CNY)"] == Decimal("120000.00")


def test_the_cooperation_table_has_the_status_data_layout(alice, world):
    document = build_document(ReportFactory(requested_by=alice, year=YEAR))
    table = next(t for t in document.tables if t.key == "cooperation")
    assert [c.key for c in table.columns] == [
        "enterprise",
        "credit_code",
        "since",
        "order_class_students",
        "courses_developed",
        "textbooks_developed",
        "part_time_teachers",
        "interns_accepted",
        "graduates_hired",
        "service_income",
        "equipment_donated",
        "equipment_provided",
        "training_person_days",
    ]
    rows = {row["enterprise"]: row for row in _tables(document)["cooperation"]}
    e1, e2, e3 = world.enterprises
    assert set(rows) == {e1.name, e2.name}
    first = rows[e1.name]
    assert first["credit_code"] == e1.credit_code
    assert first["since"].isoformat() == "2024-03-01"
    assert (
        first["order_class_students"],
        first["courses_developed"],
        first["textbooks_developed"],
    ) == (30, 2, 1)
    assert (first["part_time_teachers"], first["interns_accepted"], first["graduates_hired"]) == (
        5,
        2,
        1,
    )
    assert first["service_income"] == Decimal("20000.50")
    assert (first["equipment_donated"], first["equipment_provided"]) == (
        Decimal("100000.00"),
        Decimal("50000.00"),
    )
    assert first["training_person_days"] == 120
    second = rows[e2.name]
    assert second["since"].isoformat() == "2022-01-01"
    assert (
        second["interns_accepted"],
        second["graduates_hired"],
        second["order_class_students"],
    ) == (2, 0, 0)


def test_a_reporters_report_has_no_personal_data(rita, alice, world):
    reporter = ReportFactory(requested_by=rita, year=YEAR, format="json")
    admin = ReportFactory(requested_by=alice, year=YEAR, format="json")
    texts = {}
    for report in (reporter, admin):
        report_generate(report_id=report.pk)
        report.refresh_from_db()
        assert report.status == Report.Status.DONE, report.error
        texts[report.pk] = report.file.open("rb").read().decode("utf-8")
    student = world.students[0]
    for secret in (
        student.name,
        student.student_number,
        "联系人王芳",
        "13800000000",
        "2005-",
        "date_of_birth",
    ):
        assert secret not in texts[reporter.pk]
    # Enterprise names are fine; the administrator's copy lists the placements.
    assert world.enterprises[0].name in texts[reporter.pk]
    assert student.name in texts[admin.pk]
    assert "placements" not in [t["key"] for t in json.loads(texts[reporter.pk])["tables"]]


def test_the_annual_xlsx_opens_with_a_sheet_per_table(alice, world):
    report = ReportFactory(requested_by=alice, year=YEAR, format="xlsx")
    report_generate(report_id=report.pk)
    report.refresh_from_db()
    book = openpyxl.load_workbook(io.BytesIO(report.file.open("rb").read()))
    assert len(book.sheetnames) == 17
    sheet = book[book.sheetnames[-4]]  # the 产学合作 table
    assert "产学合作" in sheet.title
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Enterprise", "Unified social credit code", "Cooperating since"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == world.enterprises[0].name)
    assert row[2].is_date
    assert row[3].value == 30 and row[3].data_type == "n"
    assert row[9].value == pytest.approx(20000.5)


def test_the_enterprise_report_shows_years_with_their_change(rita, world):
    e1 = world.enterprises[0]
    report = ReportFactory(requested_by=rita, kind="enterprise", subject_id=e1.pk, year=YEAR)
    tables = _tables(build_document(report))
    by_year = {row["year"]: row for row in tables["figures"]}
    assert sorted(by_year) == [2021, 2022, 2023, 2024, 2025]
    assert (by_year[2025]["agreements"], by_year[2025]["deep_agreements"]) == (1, 1)
    assert (by_year[2025]["interns_accepted"], by_year[2025]["graduates_hired"]) == (2, 1)
    assert (by_year[2024]["interns_accepted"], by_year[2024]["graduates_hired"]) == (1, 1)
    assert by_year[2025]["order_class_students"] == 30
    assert by_year[2023]["agreements"] == 0
    change = {row["year"]: row for row in tables["figures_change"]}
    assert sorted(change) == [2022, 2023, 2024, 2025]
    assert change[2025]["interns_accepted"] == 1
    assert change[2025]["graduates_hired"] == 0
    assert change[2025]["order_class_students"] == 30
    assert change[2024]["agreements"] == 1
    assert change[2025]["service_income"] == Decimal("20000.50")
    assert tables["enterprise"][0]["value"] == e1.name
    assert all("联系" not in str(row["value"]) for row in tables["enterprise"])


def test_the_major_report_shows_deep_partners_by_year(rita, world):
    m1, m2, _m3 = world.majors
    report = ReportFactory(requested_by=rita, kind="major", subject_id=m1.pk, year=YEAR)
    tables = _tables(build_document(report))
    by_year = {row["year"]: row for row in tables["figures"]}
    assert (by_year[2025]["deep_partners"], by_year[2025]["agreements"]) == (1, 2)
    assert by_year[2025]["interns_accepted"] == 3  # every student of the world studies M1
    assert by_year[2023]["students_enrolled"] == 7
    partners = {row["year"]: row["enterprises"] for row in tables["deep_partners"]}
    assert partners[2025] == "沈阳新松机器人自动化股份有限公司"
    assert partners[2023] == "None"
    other = _tables(
        build_document(ReportFactory(requested_by=rita, kind="major", subject_id=m2.pk, year=YEAR))
    )
    assert {row["year"]: row["agreements"] for row in other["figures"]}[2025] == 2


def test_the_group_report_matches_the_groups_metrics(rita, world):
    g1 = world.groups[0]
    report = ReportFactory(requested_by=rita, kind="group", subject_id=g1.pk, year=YEAR)
    tables = _tables(build_document(report))
    by_year = {row["year"]: row for row in tables["metrics"]}
    assert (by_year[2025]["internships"], by_year[2025]["internship_target"]) == (2, 10)
    assert by_year[2025]["internship_share"] == 0.2
    assert (by_year[2024]["internships"], by_year[2024]["hires"], by_year[2024]["resources"]) == (
        1,
        1,
        1,
    )
    change = {row["year"]: row for row in tables["metrics_change"]}
    assert change[2025]["internships"] == 1
    assert change[2025]["resources"] == 1


def test_a_report_on_a_vanished_subject_fails_and_says_why(rita, world):
    report = ReportFactory(requested_by=rita, kind="group", subject_id=999999, year=YEAR)
    report_generate(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "no longer exists" in report.error


def _count_queries(callable_) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        callable_()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("kind", ["annual", "enterprise", "major", "group"])
def test_each_report_costs_a_fixed_number_of_queries(alice, world, kind, django_assert_num_queries):
    import datetime

    from tests.groups.factories import GroupMemberFactory, placement_at
    from tests.partnerships.factories import AgreementFactory, EnterpriseFactory, MajorFactory

    subject = {
        "annual": None,
        "enterprise": world.enterprises[0].pk,
        "major": world.majors[0].pk,
        "group": world.groups[0].pk,
    }[kind]

    def build():
        document = build_document(
            ReportFactory.build(requested_by=alice, kind=kind, subject_id=subject, year=YEAR)
        )
        for table in document.tables:
            list(table.rows)

    from accounts.access import role_of

    role_of(alice)  # the role is looked up once per user object
    small = _count_queries(build)
    for n in range(4):
        enterprise = EnterpriseFactory(industry=f"行业{n}")
        AgreementFactory(
            enterprise=enterprise,
            majors=[world.majors[0], MajorFactory()],
            starts_on=datetime.date(2025, 2, 1),
            ends_on=datetime.date(2028, 1, 31),
            status="active",
        )
        GroupMemberFactory(group=world.groups[0], enterprise=enterprise)
        for _ in range(3):
            placement_at(enterprise, starts_on=datetime.date(2025, 4, 1), status="completed")
    with django_assert_num_queries(small):
        build()
    assert small == EXPECTED_QUERIES[kind]


# annual: the summary (10), enterprises by industry and size (2), agreements by
# enterprise and depth (1), the four agreement measures (4), reviews by status
# and overall (2), majors and their agreements (2), committees (1), groups (4),
# placements by kind, overall and by month (3), outcomes (2), investment (3),
# the cooperation table (4), the internship compliance table (4: placements,
# their counts, recorded hours from attendance and from check-outs), the
# placement list (1) and the overrides (1).
# enterprise: the enterprise (1), reviews, placements, agreements (3).
# major: the major (1), the same three (3), students by cohort (1), deep partners per year (5).
# group: the group (1), the groups app's metrics (4).
EXPECTED_QUERIES = {"annual": 44, "enterprise": 4, "major": 10, "group": 5}


def test_a_chinese_speakers_report_has_chinese_headings(alice, world):
    report = ReportFactory(requested_by=alice, year=YEAR, format="csv", language="zh-hans")
    report_generate(report_id=report.pk)
    report.refresh_from_db()
    text = report.file.open("rb").read().decode("utf-8-sig")
    assert "2025年度校企合作报告" in text
    assert "统一社会信用代码" in text
    assert "订单班学生数" in text
