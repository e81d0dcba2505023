"""A small, fully known cooperation year (2025) that the report tests check figure by figure.

Majors: M1 has one deep partner (E1); M2 only middle and shallow ones; M3 none.
Agreements in force in 2025: A1 deep (E1, since 2024-03-01), A2 middle (E2, new in
2025), A3 shallow (E2, expired 2025-06-30). Not in force: A4 (draft), A5
(terminated in 2025). Reviews of 2025: A1 approved with figures, A3 pending
and overdue. Committees: the council met in 2025; S1 only planned; S2 met in
2024 only; S3 dissolved. Placements of 2025: P1, P2 post at E1 (completed, one
hired), P3 cognitive at E2 (active), P4 shadow at E2 (completed) by P1's
student; P5 planned, P6 in 2024, P7 terminated do not count.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from councils.models import Committee, Meeting
from internships.models import Placement, Position
from partnerships import services as partnership_services
from partnerships.models import AgreementEvent, AnnualReview, Enterprise
from tests.accounts.factories import UserFactory
from tests.councils.factories import CommitteeFactory, CouncilFactory, MeetingFactory, local_dt
from tests.groups.factories import (
    EducationGroupFactory,
    GroupMemberFactory,
    GroupTargetFactory,
    ResearchProjectFactory,
    SharedResourceFactory,
    placement_at,
)
from tests.internships.factories import PositionFactory, StudentFactory
from tests.partnerships.factories import (
    AgreementFactory,
    DepartmentFactory,
    EnterpriseContactFactory,
    EnterpriseFactory,
    MajorFactory,
)

D = datetime.date
YEAR = 2025


@dataclass
class World:
    majors: list = field(default_factory=list)
    enterprises: list = field(default_factory=list)
    agreements: dict = field(default_factory=dict)
    groups: list = field(default_factory=list)
    students: list = field(default_factory=list)


def build_world() -> World:
    w = World()
    owner = UserFactory(username="owner", role="administrator")
    department = DepartmentFactory(code="D01", name="智能制造学院")
    w.majors = [
        MajorFactory(code="460301", name="机电一体化技术", department=department),
        MajorFactory(code="460305", name="工业机器人技术", department=department),
        MajorFactory(code="500211", name="现代物流管理", department=department),
    ]
    m1, m2, m3 = w.majors
    e1 = EnterpriseFactory(
        name="沈阳新松机器人自动化股份有限公司", industry="装备制造", size=Enterprise.Size.LARGE
    )
    e2 = EnterpriseFactory(name="大连港物流有限公司", industry="物流", size=Enterprise.Size.SMALL)
    e3 = EnterpriseFactory(
        name="鞍山未来科技有限公司", industry="装备制造", status=Enterprise.Status.PROSPECT
    )
    w.enterprises = [e1, e2, e3]
    EnterpriseContactFactory(enterprise=e1, name="联系人王芳", phone="13800000000")

    def agreement(key, **kwargs):
        kwargs.setdefault("owner", owner)
        w.agreements[key] = AgreementFactory(**kwargs)
        return w.agreements[key]

    a1 = agreement(
        "A1",
        enterprise=e1,
        majors=[m1],
        modes=["order_training"],
        starts_on=D(2024, 3, 1),
        ends_on=D(2027, 2, 28),
        status="active",
        school_investment=Decimal("100000.00"),
        enterprise_investment=Decimal("250000.00"),
    )
    agreement(
        "A2",
        enterprise=e2,
        majors=[m1, m2],
        modes=["curriculum"],
        starts_on=D(2025, 6, 1),
        ends_on=D(2028, 5, 31),
        status="active",
        school_investment=Decimal("20000.00"),
    )
    a3 = agreement(
        "A3",
        enterprise=e2,
        majors=[m2],
        modes=["internship_base"],
        starts_on=D(2022, 1, 1),
        ends_on=D(2025, 6, 30),
        status="active",
    )
    # A3's reviews up to 2025 (due each 1 January), then its term ends.
    partnership_services.review_create_pending(today=D(2025, 1, 1))
    partnership_services.agreement_expire_due(today=D(2025, 7, 1))
    agreement("A4", enterprise=e1, majors=[m3], modes=["apprenticeship"], status="draft")
    a5 = agreement(
        "A5",
        enterprise=e2,
        majors=[m3],
        modes=["joint_rnd"],
        starts_on=D(2025, 1, 1),
        ends_on=D(2027, 12, 31),
        status="terminated",
    )
    # It was terminated on 1 September 2025 (history written by the service today).
    AgreementEvent.objects.filter(agreement=a5, kind=AgreementEvent.Kind.TERMINATED).update(
        created_at=local_dt(2025, 9, 1)
    )

    review = AnnualReview.objects.get(agreement=a1, year=YEAR)
    partnership_services.review_update(
        review=review,
        scores={
            "talent_training": 4,
            "teaching_resources": 4,
            "research": 2,
            "employment": 5,
            "student_satisfaction": 4,
            "employer_satisfaction": 3,
        },
        decision="continue",
        order_class_students=30,
        courses_developed=2,
        textbooks_developed=1,
        part_time_teachers=5,
        equipment_donated=Decimal("100000.00"),
        equipment_provided=Decimal("50000.00"),
        service_income=Decimal("20000.50"),
        training_person_days=120,
    )
    partnership_services.review_submit(review=review)
    partnership_services.review_approve(review=review, actor=owner)
    assert AnnualReview.objects.filter(agreement=a3, year=YEAR, status="pending").exists()

    council = CouncilFactory()
    MeetingFactory(
        committee=council,
        kind=Meeting.Kind.ANNUAL,
        status=Meeting.Status.HELD,
        scheduled_at=local_dt(2025, 5, 10),
    )
    s1 = CommitteeFactory(name="机电专业建设指导委员会", major=m1)
    MeetingFactory(committee=s1, status=Meeting.Status.PLANNED, scheduled_at=local_dt(2025, 12, 20))
    MeetingFactory(committee=s1, status=Meeting.Status.CANCELLED, scheduled_at=local_dt(2025, 4, 2))
    s2 = CommitteeFactory(name="机器人专业建设指导委员会", major=m2)
    MeetingFactory(committee=s2, status=Meeting.Status.HELD, scheduled_at=local_dt(2024, 6, 1))
    CommitteeFactory(name="物流专业建设指导委员会", major=m3, status=Committee.Status.DISSOLVED)

    students = [
        StudentFactory(student_number=f"2023000{i}", name=f"学生{i}", major=m1, cohort=2023)
        for i in range(1, 8)
    ]
    w.students = students
    s_1, s_2, s_3, s_4, s_5, s_6, s_7 = students
    post_e1 = PositionFactory(enterprise=e1, kind=Position.Kind.POST, title="数控操作工")
    cognitive_e2 = PositionFactory(enterprise=e2, kind=Position.Kind.COGNITIVE, title="仓储认知")
    shadow_e2 = PositionFactory(enterprise=e2, kind=Position.Kind.SHADOW, title="跟岗调度")
    post_e2 = PositionFactory(enterprise=e2, kind=Position.Kind.POST, title="物流专员")
    S = Placement.Status
    H = Placement.Hired
    placement_at(
        e1,
        position=post_e1,
        student=s_1,
        starts_on=D(2025, 3, 1),
        ends_on=D(2025, 8, 31),
        status=S.COMPLETED,
        hired=H.YES,
    )  # P1
    placement_at(
        e1,
        position=post_e1,
        student=s_2,
        starts_on=D(2025, 3, 1),
        ends_on=D(2025, 8, 31),
        status=S.COMPLETED,
        hired=H.NO,
    )  # P2
    placement_at(
        e2,
        position=cognitive_e2,
        student=s_3,
        starts_on=D(2025, 10, 1),
        ends_on=D(2026, 1, 31),
        status=S.ACTIVE,
    )  # P3
    placement_at(
        e2,
        position=shadow_e2,
        student=s_1,
        starts_on=D(2025, 1, 5),
        ends_on=D(2025, 2, 20),
        status=S.COMPLETED,
    )  # P4
    placement_at(
        e2,
        position=post_e2,
        student=s_4,
        starts_on=D(2025, 11, 1),
        ends_on=D(2026, 4, 30),
        status=S.PLANNED,
    )  # P5
    placement_at(
        e1,
        position=post_e1,
        student=s_5,
        starts_on=D(2024, 3, 1),
        ends_on=D(2024, 8, 31),
        status=S.COMPLETED,
        hired=H.YES,
    )  # P6
    placement_at(
        e1,
        position=post_e1,
        student=s_6,
        starts_on=D(2025, 4, 1),
        ends_on=D(2025, 9, 30),
        status=S.TERMINATED,
    )  # P7

    g1 = EducationGroupFactory(name="辽宁装备制造职业教育集团")
    GroupTargetFactory(group=g1, year=YEAR, internships=10, employment=2)
    GroupMemberFactory(group=g1, enterprise=e1, joined_on=D(2015, 7, 1))
    SharedResourceFactory.create_batch(2, group=g1, year=YEAR)
    SharedResourceFactory(group=g1, year=2024)
    ResearchProjectFactory(
        group=g1, started_on=D(2025, 3, 1), patents=2, technical_improvements=3, achievements=1
    )
    g2 = EducationGroupFactory(name="辽宁现代物流职业教育集团", internship_target=50)
    w.groups = [g1, g2]
    return w
