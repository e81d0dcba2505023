"""The filings as a client gets them: requested through the API, downloaded
and opened, every filled cell against figures worked out by hand here.

The records sit on both edges of academic year 2025-2026 (1 September 2025
to 31 August 2026): what falls on 31 August 2025 or 1 September 2026 belongs
to the neighbouring years and must not count.
"""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.utils import timezone

from internships.models import Position
from partnerships.models import CooperationAgreement
from reports.filings.cooperation_table import row_id
from tests.internships.factories import StudentFactory
from tests.partnerships.factories import AgreementFactory, EnterpriseFactory, MajorFactory
from tests.records.factories import (
    CertificateFactory,
    CertificatePassFactory,
    CourseDevelopmentFactory,
    EmployeeTrainingFactory,
    EmploymentFactory,
    OrderClassFactory,
    PartTimeTeacherFactory,
    ServiceContractFactory,
    TeacherFactory,
    TrainingBaseFactory,
    TrainingBaseYearFactory,
)
from tests.reports.filings_world import _placement

pytestmark = pytest.mark.django_db

D = datetime.date
BEFORE, FIRST, LAST, AFTER = D(2025, 8, 31), D(2025, 9, 1), D(2026, 8, 31), D(2026, 9, 1)


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.FILING_COLLEGE_CODE = "13579"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edge(alice):
    """Two majors, two enterprises, records on both edges of the year."""
    m1 = MajorFactory(code="460301", name="机电一体化技术")
    m2 = MajorFactory(code="460305", name="工业机器人技术")
    m3 = MajorFactory(code="530802", name="现代物流管理")
    e1 = EnterpriseFactory(name="甲 精密有限公司", credit_code="91210100MA0000001X")
    e2 = EnterpriseFactory(name="乙 物流有限公司", credit_code="91210100MA0000002Y")
    AgreementFactory(
        enterprise=e1,
        majors=[m1],
        owner=alice,
        starts_on=D(2023, 5, 1),
        ends_on=D(2027, 4, 30),
        status=CooperationAgreement.Status.ACTIVE,
    )
    # In force from the year's last day: E2 has a row with M2.
    AgreementFactory(
        enterprise=e2,
        majors=[m2],
        owner=alice,
        starts_on=LAST,
        ends_on=D(2029, 8, 30),
        status=CooperationAgreement.Status.ACTIVE,
    )
    # Ended the day before the year: no row of its own (E2 x M1).
    AgreementFactory(
        enterprise=e2,
        majors=[m1],
        owner=alice,
        starts_on=D(2022, 9, 1),
        ends_on=BEFORE,
        status=CooperationAgreement.Status.EXPIRED,
    )
    s = [StudentFactory(major=m1) for _ in range(4)]
    t = [StudentFactory(major=m2) for _ in range(2)]

    # Order classes, E1 x M1: ended 31 Aug 2025 (s0: no); running from the
    # year's first day (s1, s2: yes); starting on its last day (s3: yes);
    # starting 1 Sep 2026 (t0, of another major anyway: no).
    OrderClassFactory(
        enterprise=e1, major=m1, starts_on=D(2022, 9, 1), ends_on=BEFORE
    ).students.set([s[0]])
    OrderClassFactory(
        enterprise=e1, major=m1, kind="apprenticeship", starts_on=FIRST, ends_on=D(2027, 6, 30)
    ).students.set([s[1], s[2]])
    OrderClassFactory(enterprise=e1, major=m1, starts_on=LAST, ends_on=D(2028, 6, 30)).students.set(
        [s[3]]
    )
    OrderClassFactory(
        enterprise=e1, major=m2, kind="apprenticeship", starts_on=AFTER, ends_on=D(2028, 6, 30)
    ).students.set([t[0]])

    # Courses, E1 x M1: 1 Sep 2025 course, 31 Aug 2026 textbook count; the
    # days either side do not.
    CourseDevelopmentFactory(enterprise=e1, major=m1, completed_on=BEFORE)
    CourseDevelopmentFactory(enterprise=e1, major=m1, completed_on=FIRST)
    CourseDevelopmentFactory(enterprise=e1, major=m1, kind="textbook", completed_on=LAST)
    CourseDevelopmentFactory(enterprise=e1, major=m1, kind="textbook", completed_on=AFTER)

    # Part-time teachers of academic year 2025, E1 x M1: "Zhang  San" and
    # "zhangsan" are one person (case and spaces ignored); Li of the year
    # before does not count. E2 x M2: Sun, 20 hours.
    PartTimeTeacherFactory(enterprise=e1, major=m1, name="Zhang San", term=1, hours=40)
    PartTimeTeacherFactory(enterprise=e1, major=m1, name=" zhangsan", term=2, hours=30)
    PartTimeTeacherFactory(enterprise=e1, major=m1, name="Li Si", academic_year=2024, term=2)
    PartTimeTeacherFactory(enterprise=e2, major=m2, name="Sun Wu", term=2, hours=20)
    # E2 x M3: Zhou, 16 hours; M3 has no graduates, E2's lead major stays M2.
    PartTimeTeacherFactory(enterprise=e2, major=m3, name="Zhou Liu", term=1, hours=16)

    # Interns (post or follow-post): ended 31 Aug 2025 (no); from 1 Sep 2025
    # (s1 yes); from 31 Aug 2026 (s2 yes); from 1 Sep 2026 (s3 no); t1 at E2.
    _placement(s[0], e1, Position.Kind.POST, D(2025, 3, 1), BEFORE)
    _placement(s[1], e1, Position.Kind.SHADOW, FIRST, D(2025, 12, 31))
    _placement(s[2], e1, Position.Kind.POST, LAST, D(2026, 12, 31), "active")
    _placement(s[3], e1, Position.Kind.POST, AFTER, D(2026, 12, 31), "active")
    _placement(t[1], e2, Position.Kind.POST, D(2026, 3, 1), D(2026, 6, 30))

    # Graduates of 2026: g0 (M1) at E1, 5,000; g1 (M2) at E2, 4,001, not
    # relevant; g2 (M1) elsewhere, no salary; g3 (M1) not employed. g4 graduated
    # in 2025 (another year).
    g = [StudentFactory(major=m) for m in (m1, m2, m1, m1, m1)]
    EmploymentFactory(
        student=g[0], graduation_year=2026, employer=e1, starting_salary=Decimal("5000.00")
    )
    EmploymentFactory(
        student=g[1],
        graduation_year=2026,
        employer=e2,
        starting_salary=Decimal("4001.00"),
        relevant=False,
    )
    EmploymentFactory(
        student=g[2], graduation_year=2026, employer_name="Other Co.", starting_salary=None
    )
    EmploymentFactory(student=g[3], graduation_year=2026, employer_name="")
    EmploymentFactory(student=g[4], graduation_year=2025, employer=e1)

    # Equipment, year rows 2025: E1's on-campus base of no major (lead major
    # M1) 12,345.67 donated + 5,000.005? no: 5,000.01 provided; E2's off-campus
    # base of M2 30,000 donated. The 2024 row does not count.
    b1 = TrainingBaseFactory(enterprise=e1, major=None, location="on_campus")
    TrainingBaseYearFactory(
        base=b1,
        year=2025,
        equipment_donated=Decimal("12345.67"),
        equipment_provided=Decimal("5000.01"),
    )
    TrainingBaseYearFactory(base=b1, year=2024, equipment_donated=Decimal("77777.00"))
    b2 = TrainingBaseFactory(enterprise=e2, major=m2, location="off_campus")
    TrainingBaseYearFactory(
        base=b2,
        year=2025,
        equipment_donated=Decimal("30000.00"),
        equipment_provided=Decimal("0.00"),
    )

    # Service income, E1 (lead major M1): received 1 Sep 2025 (15,000) and
    # 31 Aug 2026 (50 CNY); signed 31 Aug 2026 with no receipt date (4,950).
    # Not: received 31 Aug 2025, signed in the year but received 1 Sep 2026.
    # E1 total 20,000.00 = 2.00 万元. E2: 25 CNY = 0.0025 -> 0.00 万元.
    ServiceContractFactory(enterprise=e1, received=Decimal("15000.00"), received_on=FIRST)
    ServiceContractFactory(enterprise=e1, received=Decimal("50.00"), received_on=LAST)
    ServiceContractFactory(
        enterprise=e1, received=Decimal("4950.00"), received_on=None, signed_on=LAST
    )
    ServiceContractFactory(enterprise=e1, received=Decimal("8000.00"), received_on=BEFORE)
    ServiceContractFactory(
        enterprise=e1, received=Decimal("9000.00"), received_on=AFTER, signed_on=D(2026, 1, 5)
    )
    ServiceContractFactory(enterprise=e2, received=Decimal("25.00"), received_on=D(2026, 2, 2))

    # Staff training: E1 1 Sep 2025 12 days and 31 Aug 2026 8 days; not 31 Aug
    # 2025 or 1 Sep 2026. E2 5 days.
    for day, days in ((BEFORE, 100), (FIRST, 12), (LAST, 8), (AFTER, 200)):
        EmployeeTrainingFactory(enterprise=e1, held_on=day, person_days=days)
    EmployeeTrainingFactory(enterprise=e2, held_on=D(2026, 4, 1), person_days=5)

    # Teachers: dual-qualified by 31 Aug 2026 (2 of them), after it, not at all.
    TeacherFactory(dual_qualified=True, certified_on=LAST)
    TeacherFactory(dual_qualified=True, certified_on=D(2019, 1, 1))
    TeacherFactory(dual_qualified=True, certified_on=AFTER)
    TeacherFactory(dual_qualified=False)
    # 1+X: two passes of X1 in the year (s1 on its first day, s2 on its last),
    # one of X2 (s1); not 31 Aug 2025 or 1 Sep 2026.
    x1 = CertificateFactory(code="X1", name="工业机器人操作与运维")
    x2 = CertificateFactory(code="X2", name="智能制造生产管理与控制")
    CertificatePassFactory(certificate=x1, student=s[1], passed_on=FIRST)
    CertificatePassFactory(certificate=x1, student=s[2], passed_on=LAST)
    CertificatePassFactory(certificate=x2, student=s[1], passed_on=D(2026, 1, 1))
    CertificatePassFactory(certificate=x2, student=s[0], passed_on=BEFORE)
    CertificatePassFactory(certificate=x1, student=s[3], passed_on=AFTER)
    return {"m1": m1, "m2": m2, "m3": m3, "e1": e1, "e2": e2}


def _download(api, capture, body):
    with capture(execute=True):
        answer = api.post("/api/v1/reports/", body, format="json")
    assert answer.status_code == 202, answer.content
    status = api.get(f"/api/v1/reports/{answer.json()['id']}/").json()
    assert status["status"] == "done", status
    assert status["academic_year"] == body.get("academic_year")
    download = api.get(status["download_url"])
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def _sheets(data: bytes) -> list[list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
        for sheet in book.worksheets
    ]


def test_the_cooperation_table_files_cell_by_cell(
    api, alice, edge, django_capture_on_commit_callbacks
):
    api.as_(alice)
    body = {"kind": "cooperation_table", "academic_year": "2025-2026", "format": "xlsx"}
    [standard] = _sheets(_download(api, django_capture_on_commit_callbacks, body))
    today = timezone.localdate().isoformat()
    m1, m2, e1, e2 = edge["m1"], edge["m2"], edge["e1"], edge["e2"]
    assert standard == [
        (
            "学校代码", "专业代码", "专业名称", "合作企业统一社会信用代码", "合作企业名称",
            "合作开始年月", "订单培养数（人）", "共同开发课程数（门）", "共同开发教材数（种）",
            "支持兼职教师数（人）", "接受顶岗实习学生数（人）", "接受毕业生就业数（人）",
            "学校为企业技术服务年收入（万元）", "唯一标识", "采集时间",
        ),
        # M1 x E1: classes {s1, s2} + {s3} = 3; 1 course, 1 textbook; Zhang San
        # once; interns s1, s2; g0; 15,000 + 50 + 4,950 = 2.00 万元.
        (
            "13579", "460301", "机电一体化技术", e1.credit_code, e1.name, "2023-05",
            3, 1, 1, 1, 2, 1, 2.0, row_id(2025, m1.pk, e1.pk), today,
        ),
        # M2 x E2: its agreement starts on the year's last day; Sun; t1; g1;
        # 25 CNY = 0.00 万元 (half up at the second decimal).
        (
            "13579", "460305", "工业机器人技术", e2.credit_code, e2.name, "2026-08",
            0, 0, 0, 1, 1, 1, 0.0, row_id(2025, m2.pk, e2.pk), today,
        ),
        # M3 x E2: Zhou only; no agreement names M3: E2's earliest start.
        (
            "13579", "530802", "现代物流管理", e2.credit_code, e2.name, "2022-09",
            0, 0, 0, 1, 0, 0, 0.0, row_id(2025, edge["m3"].pk, e2.pk), today,
        ),
    ]  # fmt: skip

    [legacy] = _sheets(
        _download(api, django_capture_on_commit_callbacks, {**body, "layout": "legacy"})
    )
    assert legacy == [
        (
            "专业代码", "专业名称", "合作企业总数（个）", "订单培养数（人）",
            "共同开发课程数（门）", "共同开发教材数（种）", "支持兼职教师数（人）",
            "接受顶岗实习学生数（人）",
            "对学校捐赠设备总值（万元）", "对学校准捐赠设备总值（万元）", "接受毕业生就业数（人）",
            "学校为企业技术服务年收入（万元）", "学校为企业年培训员工数（人日）",
        ),
        # E1's base has no major: under its lead major M1. 12,345.67 -> 1.23;
        # 5,000.01 -> 0.50; training 12 + 8 = 20.
        ("460301", "机电一体化技术", 1, 3, 1, 1, 1, 2, 1.23, 0.5, 1, 2.0, 20),
        # 30,000 -> 3.00; training E2 5 (its lead major, the only one: M2).
        ("460305", "工业机器人技术", 1, 0, 0, 0, 1, 1, 3.0, 0.0, 1, 0.0, 5),
        ("530802", "现代物流管理", 1, 0, 0, 0, 1, 0, 0.0, 0.0, 0, 0.0, 0),
    ]  # fmt: skip


def test_the_enterprise_annual_report_file(api, alice, edge, django_capture_on_commit_callbacks):
    from docx import Document

    api.as_(alice)
    data = _download(
        api,
        django_capture_on_commit_callbacks,
        {
            "kind": "enterprise_annual",
            "academic_year": "2025-2026",
            "format": "docx",
            "enterprise": edge["e1"].pk,
        },
    )
    word = Document(io.BytesIO(data))
    tables = [[tuple(c.text for c in row.cells) for row in table.rows] for table in word.tables]
    by_first = {rows[0][0]: rows for rows in tables}
    figures = {}
    for rows in tables:
        if rows[0] == ("指标", "数值"):
            figures.update(dict(rows[1:]))
    assert figures == {
        "对学校捐赠设备总值（万元）": "1.23",
        "对学校准捐赠设备总值（万元）": "0.50",
        "支持兼职教师数（人）": "1",
        "订单培养数（人）": "3",
        "共同开发课程数（门）": "1",
        "共同开发教材数（种）": "1",
        "接受顶岗实习学生数（人）": "2",
        "接受毕业生就业数（人）": "1",
        "学校为企业技术服务年收入（万元）": "2.00",
        "学校为企业年培训员工数（人日）": "20",
    }
    profile = dict(by_first["项目"][1:])
    assert profile["企业名称"] == edge["e1"].name
    assert profile["统一社会信用代码"] == edge["e1"].credit_code
    agreements = by_first["协议编号"][1:]
    assert len(agreements) == 1  # the one in force; E1 has no other
    assert agreements[0][4] == "2023-05-01至2027-04-30"
    majors = by_first["专业名称"]
    assert majors[0][1:] == (
        "订单培养数（人）", "共同开发课程数（门）", "共同开发教材数（种）", "支持兼职教师数（人）",
        "接受顶岗实习学生数（人）", "接受毕业生就业数（人）", "对学校捐赠设备总值（万元）",
        "对学校准捐赠设备总值（万元）", "学校为企业技术服务年收入（万元）",
        "学校为企业年培训员工数（人日）",
    )  # fmt: skip
    assert majors[1:] == [
        ("机电一体化技术", "3", "1", "1", "1", "2", "1", "1.23", "0.50", "2.00", "20"),
    ]


def test_the_quality_indicators_file(api, alice, edge, django_capture_on_commit_callbacks):
    api.as_(alice)
    body = {"kind": "quality_indicators", "academic_year": "2025-2026", "format": "xlsx"}
    overview, certificates, majors = _sheets(
        _download(api, django_capture_on_commit_callbacks, body)
    )
    # Numbers are stored as numbers, a rate as a percentage (not as text).
    book = openpyxl.load_workbook(
        io.BytesIO(_download(api, django_capture_on_commit_callbacks, body))
    )
    formats = {
        row[0].value: row[1].number_format for row in book.worksheets[0].iter_rows(min_row=2)
    }
    assert formats["双师型教师比例"] == "0.0%"
    assert formats["毕业生数（人）"] == "#,##0"
    assert formats["毕业半年后月均起薪（元）"] == "#,##0.00"
    assert overview == [
        ("指标", "数值"),
        # Zhang San (E1), Sun Wu and Zhou Liu (E2): 3 people, 40 + 30 + 20 +
        # 16 = 106 hours, 35.33 each.
        ("企业兼职教师数（人）", 3),
        ("企业兼职教师年授课课时总数（课时）", 106),
        ("企业兼职教师人均年授课课时（课时）", 35.33),
        # On campus only: E1's base, 12,345.67 + 5,000.01 = 17,345.68.
        ("企业提供的校内实践教学设备值（万元）", 1.73),
        ("　其中：捐赠（万元）", 1.23),
        ("　　　　准捐赠（万元）", 0.5),
        ("专任教师数（人）", 4),
        ("双师型教师数（人）", 2),
        ("双师型教师比例", 0.5),
        ("1+X证书获取人次", 3),
        ("1+X证书获取学生数（人）", 2),
        # The class from 1 Sep 2025 (s1, s2); not the one from 1 Sep 2026.
        ("现代学徒制试点班数（个）", 1),
        ("现代学徒制参与学生数（人）", 2),
        ("毕业生数（人）", 4),
        ("就业人数（人）", 3),
        ("毕业去向落实率", 0.75),
        ("毕业半年后月均起薪（元）", 4500.5),  # (5,000 + 4,001) / 2
        ("毕业半年后专业相关度", pytest.approx(0.6667, abs=1e-4)),  # 2 of 3
    ]
    assert certificates == [
        ("证书代码", "证书名称", "获证人数（人）"),
        ("X1", "工业机器人操作与运维", 2),
        ("X2", "智能制造生产管理与控制", 1),
    ]
    assert majors == [
        ("专业", "毕业生数（人）", "就业人数（人）", "毕业去向落实率", "月均起薪（元）",
         "专业相关度", "兼职教师授课课时"),
        # M1: g0, g2, g3; employed g0, g2; pay g0's; both relevant; 70 hours.
        ("机电一体化技术", 3, 2, pytest.approx(0.6667), 5000.0, 1.0, 70),
        ("工业机器人技术", 1, 1, 1.0, 4001.0, 0.0, 20),
        # M3: no graduates, but its part-time teachers' hours.
        ("现代物流管理", 0, 0, None, None, None, 16),
    ]  # fmt: skip


def _word_figures(data: bytes) -> tuple[dict, list[tuple]]:
    from docx import Document

    word = Document(io.BytesIO(data))
    tables = [[tuple(c.text for c in row.cells) for row in table.rows] for table in word.tables]
    figures = {}
    for rows in tables:
        if rows[0] == ("指标", "数值"):
            figures.update(dict(rows[1:]))
    majors = next(rows for rows in tables if rows[0][0] == "专业名称")
    return figures, majors[1:]


def test_the_enterprise_annual_report_of_a_calendar_year(
    api, alice, edge, django_capture_on_commit_callbacks
):
    """1 January to 31 December 2025: 31 August 2025 counts, 31 August 2026 not."""
    api.as_(alice)
    body = {
        "kind": "enterprise_annual",
        "year": 2025,
        "format": "docx",
        "enterprise": edge["e1"].pk,
    }
    figures, majors = _word_figures(_download(api, django_capture_on_commit_callbacks, body))
    assert figures == {
        "对学校捐赠设备总值（万元）": "1.23",
        "对学校准捐赠设备总值（万元）": "0.50",
        # Zhang San's autumn term of 2025 and Li Si's spring term of 2025.
        "支持兼职教师数（人）": "2",
        # The class ending 31 Aug 2025 (s0) and the one from 1 Sep 2025 (s1, s2).
        "订单培养数（人）": "3",
        "共同开发课程数（门）": "2",  # 31 Aug and 1 Sep 2025
        "共同开发教材数（种）": "0",
        "接受顶岗实习学生数（人）": "2",  # s0 (to 31 Aug 2025), s1 (from 1 Sep 2025)
        "接受毕业生就业数（人）": "1",  # g4, graduated in 2025
        "学校为企业技术服务年收入（万元）": "2.30",  # 8,000 + 15,000
        "学校为企业年培训员工数（人日）": "112",  # 100 + 12
    }
    assert majors == [
        ("机电一体化技术", "3", "2", "0", "2", "2", "1", "1.23", "0.50", "2.30", "112"),
    ]


def test_the_quality_indicators_of_a_calendar_year(
    api, alice, edge, django_capture_on_commit_callbacks
):
    api.as_(alice)
    body = {"kind": "quality_indicators", "year": 2026, "format": "xlsx"}
    overview, certificates, majors = _sheets(
        _download(api, django_capture_on_commit_callbacks, body)
    )
    assert dict(overview[1:]) == {
        # The spring term of 2026 (academic year 2025): zhangsan 30, Sun 20.
        "企业兼职教师数（人）": 2,
        "企业兼职教师年授课课时总数（课时）": 50,
        "企业兼职教师人均年授课课时（课时）": 25.0,
        "企业提供的校内实践教学设备值（万元）": 0.0,  # no 2026 year rows
        "　其中：捐赠（万元）": 0.0,
        "　　　　准捐赠（万元）": 0.0,
        "专任教师数（人）": 4,
        "双师型教师数（人）": 3,  # certified by 31 December 2026
        "双师型教师比例": 0.75,
        "1+X证书获取人次": 3,  # 1 Jan, 31 Aug and 1 Sep 2026
        "1+X证书获取学生数（人）": 3,
        "现代学徒制试点班数（个）": 2,  # from 1 Sep 2025 and from 1 Sep 2026
        "现代学徒制参与学生数（人）": 3,
        "毕业生数（人）": 4,
        "就业人数（人）": 3,
        "毕业去向落实率": 0.75,
        "毕业半年后月均起薪（元）": 4500.5,
        "毕业半年后专业相关度": pytest.approx(0.6667, abs=1e-4),
    }
    assert certificates[1:] == [
        ("X1", "工业机器人操作与运维", 2),
        ("X2", "智能制造生产管理与控制", 1),
    ]
    assert majors[1:] == [
        ("机电一体化技术", 3, 2, pytest.approx(0.6667), 5000.0, 1.0, 30),
        ("工业机器人技术", 1, 1, 1.0, 4001.0, 0.0, 20),
    ]


def test_records_without_a_major_to_check_are_those_of_an_enterprise_with_several(edge):
    from reports.filings.checks import problems
    from reports.filings.cooperation_table import collect

    notes = [p for p in problems(collect(2025)) if not p.blocking]
    # E1 has one major (its base, contracts and training need no choice); E2
    # has rows with M2 and M3: its contract and its training are listed.
    assert [p.code for p in notes] == ["record_lead_major"] * 2
    assert all(edge["e2"].name in p.message and "工业机器人技术" in p.message for p in notes)
    assert not [p for p in problems(collect(2025)) if p.blocking]
