"""A known academic year (2025-2026) of cooperation records for the filings' tests.

Every figure the tests expect is worked out by hand in the comments here and
in tests/reports/test_filings.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from accounts.access import Role
from internships.models import Placement, Position
from partnerships.models import CooperationAgreement
from tests.accounts.factories import UserFactory
from tests.internships.factories import PlacementFactory, PositionFactory, StudentFactory
from tests.partnerships.factories import AgreementFactory, EnterpriseFactory, MajorFactory
from tests.records.factories import (
    CertificateFactory,
    CertificatePassFactory,
    CourseDevelopmentFactory,
    EmployeeTrainingFactory,
    EmploymentFactory,
    OrderClassFactory,
    PartTimeTeacherFactory,
    TeacherFactory,
    TrainingBaseFactory,
    TrainingBaseYearFactory,
)

YEAR = 2025  # academic year 2025-2026: 1 September 2025 to 31 August 2026
D = datetime.date


@dataclass
class FilingWorld:
    m1: object
    m2: object
    m3: object
    e1: object
    e2: object


def _placement(student, enterprise, kind, starts_on, ends_on, status=Placement.Status.COMPLETED):
    position = PositionFactory(
        enterprise=enterprise, kind=kind, starts_on=starts_on, ends_on=ends_on
    )
    return PlacementFactory(
        raw=True,
        student=student,
        position=position,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
    )


def build_filing_world() -> FilingWorld:
    owner = UserFactory(role=Role.ADMINISTRATOR)
    m1 = MajorFactory(code="460301", name="机电一体化技术")
    m2 = MajorFactory(code="460305", name="工业机器人技术")
    m3 = MajorFactory(code="X01", name="现代物流管理")  # no national major number
    e1 = EnterpriseFactory(name="Alpha 精密机械有限公司", workforce=800)
    e2 = EnterpriseFactory(name="Beta 物流有限公司", credit_code=None)
    active = CooperationAgreement.Status.ACTIVE
    # E1 with M1 and M2 since March 2024; E2 with M1 from October 2025; E2
    # with M3 only from October 2026, after the year (a validation problem).
    AgreementFactory(
        enterprise=e1,
        majors=[m1, m2],
        starts_on=D(2024, 3, 1),
        ends_on=D(2028, 2, 29),
        status=active,
        owner=owner,
    )
    AgreementFactory(
        enterprise=e2,
        majors=[m1],
        starts_on=D(2025, 10, 1),
        ends_on=D(2027, 9, 30),
        status=active,
        owner=owner,
    )
    AgreementFactory(
        enterprise=e2,
        majors=[m3],
        starts_on=D(2026, 10, 1),
        ends_on=D(2028, 9, 30),
        status=active,
        owner=owner,
    )
    s = [StudentFactory(major=m1) for _ in range(5)]  # s[0..4] of M1
    t = [StudentFactory(major=m2) for _ in range(3)]  # t[0..2] of M2

    # Order classes: M1 x E1 = {s0, s1, s2} + {s2, s3} = 4 students.
    OrderClassFactory(
        enterprise=e1, major=m1, starts_on=D(2024, 9, 1), ends_on=D(2027, 6, 30)
    ).students.set([s[0], s[1], s[2]])
    OrderClassFactory(
        enterprise=e1,
        major=m1,
        kind="apprenticeship",
        starts_on=D(2025, 9, 1),
        ends_on=D(2026, 6, 30),
    ).students.set([s[2], s[3]])
    # Ended before the year: not counted.
    OrderClassFactory(
        enterprise=e1, major=m2, starts_on=D(2023, 9, 1), ends_on=D(2025, 6, 30)
    ).students.set([t[0]])

    # Courses and textbooks: M1 x E1 one course, one textbook; M1 x E2 one
    # course (on the year's last day); M3 x E2 one course; one before the year.
    CourseDevelopmentFactory(enterprise=e1, major=m1, completed_on=D(2025, 10, 1))
    CourseDevelopmentFactory(enterprise=e1, major=m1, kind="textbook", completed_on=D(2026, 3, 1))
    CourseDevelopmentFactory(enterprise=e1, major=m1, completed_on=D(2025, 8, 31))
    CourseDevelopmentFactory(enterprise=e2, major=m1, completed_on=D(2026, 8, 31))
    CourseDevelopmentFactory(enterprise=e2, major=m3, completed_on=D(2026, 5, 1))

    # Part-time teachers: Wang teaches both terms for M1 (one person); Li has
    # no major, so counts under E1's lead major M1 (460301 < 460305): 2.
    PartTimeTeacherFactory(enterprise=e1, major=m1, name="Wang Qiang", term=1, hours=40)
    PartTimeTeacherFactory(enterprise=e1, major=m1, name="wang qiang ", term=2, hours=36)
    PartTimeTeacherFactory(enterprise=e1, major=None, name="Li Hua", term=1, hours=30)
    PartTimeTeacherFactory(enterprise=e1, major=m2, name="Zhao Lei", academic_year=2024, hours=50)

    # Interns: post and follow-post only, overlapping the year.
    _placement(s[0], e1, Position.Kind.POST, D(2026, 3, 2), D(2026, 6, 30))
    _placement(s[0], e1, Position.Kind.POST, D(2025, 9, 1), D(2025, 12, 31))  # s0 again
    _placement(s[1], e1, Position.Kind.SHADOW, D(2026, 3, 2), D(2026, 6, 30), "active")
    _placement(t[1], e1, Position.Kind.POST, D(2026, 3, 2), D(2026, 6, 30))
    _placement(s[4], e1, Position.Kind.COGNITIVE, D(2026, 3, 2), D(2026, 6, 30))  # not counted
    _placement(s[3], e1, Position.Kind.POST, D(2025, 3, 1), D(2025, 6, 30))  # before the year
    _placement(s[3], e2, Position.Kind.POST, D(2026, 3, 2), D(2026, 6, 30), "terminated")

    # Graduates of 2026 (the year's graduates) employed by a partner.
    g = [StudentFactory(major=m1) for _ in range(4)] + [StudentFactory(major=m2)]
    EmploymentFactory(
        student=g[0], graduation_year=2026, employer=e1, starting_salary=Decimal("5000.00")
    )
    EmploymentFactory(
        student=g[1],
        graduation_year=2026,
        employer=e2,
        starting_salary=Decimal("4200.00"),
        relevant=False,
    )
    EmploymentFactory(
        student=g[4], graduation_year=2026, employer=e1, starting_salary=Decimal("6100.00")
    )
    EmploymentFactory(student=g[2], graduation_year=2026, employer_name="Other Co.")
    EmploymentFactory(student=g[3], graduation_year=2026, employer_name="")  # not employed
    EmploymentFactory(student=StudentFactory(major=m1), graduation_year=2025, employer=e1)

    # Equipment (year 2025 rows): M1 x E1 123,456.78 donated (12.35 万元) and
    # 50,000 provided (5.00 万元); M2 x E1 10,000 donated off campus (1.00).
    b1 = TrainingBaseFactory(enterprise=e1, major=m1, location="on_campus")
    TrainingBaseYearFactory(
        base=b1,
        year=2025,
        equipment_donated=Decimal("123456.78"),
        equipment_provided=Decimal("50000.00"),
    )
    TrainingBaseYearFactory(base=b1, year=2024, equipment_donated=Decimal("99999.00"))
    b2 = TrainingBaseFactory(enterprise=e1, major=m2, location="off_campus")
    TrainingBaseYearFactory(
        base=b2,
        year=2025,
        equipment_donated=Decimal("10000.00"),
        equipment_provided=Decimal("0.00"),
    )

    # Technical service income received in the year, under the lead major M1:
    # E1 30,000 + 4,999 (received date unknown, signed in the year) = 3.50 万元;
    # E2 20,000 = 2.00; the 1,000 received on 31 August 2025 is the year before.
    e1_contract = {"enterprise": e1}
    from tests.records.factories import ServiceContractFactory

    ServiceContractFactory(**e1_contract, received=Decimal("30000.00"), received_on=D(2025, 11, 1))
    ServiceContractFactory(
        **e1_contract, received=Decimal("4999.00"), received_on=None, signed_on=D(2026, 2, 1)
    )
    ServiceContractFactory(**e1_contract, received=Decimal("1000.00"), received_on=D(2025, 8, 31))
    ServiceContractFactory(enterprise=e2, received=Decimal("20000.00"), received_on=D(2026, 5, 1))

    # Employee training: E1 90 person-days, E2 40, both under M1.
    EmployeeTrainingFactory(enterprise=e1, held_on=D(2025, 12, 1), person_days=90)
    EmployeeTrainingFactory(enterprise=e2, held_on=D(2026, 1, 10), person_days=40)

    # Teachers for the quality indicators: 3 of 4 dual-qualified by the year's end.
    TeacherFactory(dual_qualified=True, certified_on=D(2020, 1, 1))
    TeacherFactory(dual_qualified=True)
    TeacherFactory(dual_qualified=False)
    TeacherFactory(dual_qualified=True, certified_on=D(2026, 9, 1))  # after the year
    certificate = CertificateFactory(code="X0001", name="工业机器人操作与运维")
    CertificatePassFactory(certificate=certificate, student=s[0], passed_on=D(2026, 6, 20))
    CertificatePassFactory(certificate=certificate, student=s[1], passed_on=D(2025, 12, 20))
    CertificatePassFactory(certificate=certificate, student=s[2], passed_on=D(2025, 6, 20))
    return FilingWorld(m1=m1, m2=m2, m3=m3, e1=e1, e2=e2)
