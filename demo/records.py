"""Demo data for the cooperation records: the people, classes, bases and money
behind the demo college's yearly figures.

Drawn from the agreements' modes, so the records agree with what each
agreement says it covers: order and apprenticeship classes where an agreement
has order training or apprenticeship, bases where it has a training or
internship base, courses and textbooks where it has curriculum work, service
contracts where it has joint R&D, part-time teachers where it supplies them.
Around 45% of the college's teachers are dual-qualified, as the seed papers'
colleges report. The review figures follow from these records.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from demo.vocabulary import GIVEN_NAMES, STAFF_SURNAMES, SURNAMES
from partnerships.models import AnnualReview, CooperationAgreement, Enterprise
from records import services
from records.kinds import KINDS
from records.models import TrainingBase

COURSES = [
    "工业机器人编程与调试",
    "PLC 控制技术",
    "数控加工工艺",
    "机电设备装调",
    "新能源汽车电池管理",
    "智能仓储管理",
    "Python 数据分析",
    "企业财务实务",
]
TRAINING = ["安全生产培训", "设备维护技能提升", "数控操作工技能培训", "班组长管理培训"]
CERTIFICATES = [
    ("X-IR-01", "工业机器人操作与运维", "intermediate", "北京新奥时代科技有限责任公司"),
    ("X-CNC-02", "数控车铣加工", "intermediate", "武汉华中数控股份有限公司"),
    ("X-NEV-03", "新能源汽车动力驱动电机电池技术", "junior", "北京中车行高新技术有限公司"),
    ("X-LOG-04", "物流管理", "intermediate", "北京中物联物流采购培训中心"),
    ("X-ACC-05", "智能财税", "junior", "中联集团教育科技有限公司"),
]
POSTS = ["工艺工程师", "设备主管", "质量工程师", "技术员", "生产线长"]
REGIONS = ["沈阳", "大连", "鞍山", "北京", "天津", "苏州"]


def _person(rng: random.Random, surnames: str = SURNAMES) -> str:
    return rng.choice(surnames) + rng.choice(GIVEN_NAMES)


def _create(resource: str, rows: list[dict]) -> int:
    """Store the rows through the import's service, the first of any duplicates only."""
    kind = KINDS[resource]
    seen, unique = set(), []
    for row in rows:
        key = tuple(getattr(row.get(n), "pk", row.get(n)) for n in kind.unique)
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return services.records_create_many(kind, unique) if unique else 0


def seed(rng: random.Random, context: dict) -> dict:
    today = timezone.localdate()
    this_year = today.year
    departments = list(context["departments"].values())
    agreements = list(
        CooperationAgreement.objects.filter(status__in=["active", "expired"])
        .select_related("enterprise")
        .prefetch_related("majors", "mode_rows")
        .order_by("pk")
    )
    enterprises = {a.enterprise_id: a.enterprise for a in agreements}
    students_by_major = defaultdict(list)
    for student in context["students"]:
        students_by_major[student.major_id].append(student)

    # Teachers and their practice in enterprises.
    teachers = []
    for n in range(60):
        dual = rng.random() < 0.45
        teachers.append(
            {
                "staff_number": f"JS{2000 + n:05d}",
                "name": _person(rng, STAFF_SURNAMES),
                "department": rng.choice(departments),
                "dual_qualified": dual,
                "certificate": f"辽宁省双师型教师认定 {rng.randint(2019, 2025)}" if dual else "",
                "certified_on": datetime.date(rng.randint(2019, 2025), 6, 30) if dual else None,
            }
        )
    _create("teachers", teachers)
    from records.models import Teacher

    stored_teachers = list(Teacher.objects.order_by("staff_number"))
    practice = []
    partner_list = list(enterprises.values())
    for teacher in rng.sample(stored_teachers, 30):
        start = datetime.date(this_year - rng.randint(0, 2), 7, rng.randint(1, 10))
        practice.append(
            {
                "teacher": teacher,
                "enterprise": rng.choice(partner_list),
                "kind": rng.choice(["practice", "practice", "part_time", "secondment"]),
                "starts_on": start,
                "ends_on": start + datetime.timedelta(days=rng.choice([30, 45, 60])),
                "post": rng.choice(POSTS),
                "hours": rng.choice([160, 240, 320]),
            }
        )
    _create("teacher-practices", practice)

    classes, bases, base_years, courses, contracts, trainings, part_time = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    for agreement in agreements:
        modes = set(agreement.mode_codes)
        majors = list(agreement.majors.all())
        if not majors:
            continue
        major = majors[0]
        enterprise = agreement.enterprise
        short = enterprise.name[:6]
        if modes & {"order_training", "apprenticeship"}:
            cohort = rng.choice([this_year - 2, this_year - 1])
            pool = students_by_major.get(major.pk, [])
            classes.append(
                {
                    "name": f"{short}{'学徒制班' if 'apprenticeship' in modes else '订单班'}",
                    "kind": "apprenticeship" if "apprenticeship" in modes else "order",
                    "enterprise": enterprise,
                    "major": major,
                    "cohort": cohort,
                    "starts_on": datetime.date(cohort, 9, 1),
                    "ends_on": datetime.date(cohort + 3, 6, 30),
                    "students": rng.sample(pool, min(len(pool), rng.randint(8, 20))),
                    "masters": "、".join(_person(rng) + "师傅" for _ in range(2)),
                    "contracted_employment": rng.random() < 0.7,
                }
            )
        if modes & {"training_base", "internship_base"}:
            on_campus = "training_base" in modes
            name = f"{short}{'校内实训基地' if on_campus else '校外实习基地'}"
            bases.append(
                {
                    "name": name,
                    "location": "on_campus" if on_campus else "off_campus",
                    "enterprise": enterprise,
                    "major": major,
                    "functions": ["teaching", "social_training"]
                    + (["skill_appraisal"] if on_campus else []),
                    "stations": rng.choice([20, 30, 40, 60]),
                    "opened_on": agreement.starts_on,
                }
            )
        if "curriculum" in modes:
            for kind in ("course", "textbook"):
                courses.append(
                    {
                        "kind": kind,
                        "title": f"{rng.choice(COURSES)}（{short}）",
                        "enterprise": enterprise,
                        "major": major,
                        "completed_on": datetime.date(this_year - rng.randint(0, 1), 6, 20),
                        "publisher": "机械工业出版社" if kind == "textbook" else "",
                    }
                )
        if "joint_rnd" in modes:
            signed = datetime.date(this_year - 1, rng.randint(1, 12), 15)
            amount = Decimal(rng.randint(5, 60) * 10000)
            received = (amount * Decimal(rng.choice(["0.5", "1"]))).quantize(Decimal("0.01"))
            contracts.append(
                {
                    "enterprise": enterprise,
                    "title": f"{short}工装夹具设计与改进",
                    "number": f"JF{signed:%Y%m}{len(contracts) + 1:03d}",
                    "signed_on": signed,
                    "amount": amount,
                    "received": received,
                    "received_on": signed + datetime.timedelta(days=rng.randint(20, 120)),
                }
            )
        if modes & {"part_time_teachers", "order_training", "apprenticeship"}:
            for _n in range(rng.randint(1, 3)):
                name = _person(rng)
                for academic, term in ((this_year - 1, 1), (this_year - 1, 2), (this_year, 1)):
                    part_time.append(
                        {
                            "name": name,
                            "enterprise": enterprise,
                            "major": major,
                            "title": rng.choice(["高级工程师", "工程师", "技师", "高级技师"]),
                            "qualification": "企业技术骨干",
                            "academic_year": academic,
                            "term": term,
                            "courses": rng.choice(COURSES),
                            "hours": rng.choice([32, 48, 64]),
                        }
                    )
        if rng.random() < 0.3:
            trainings.append(
                {
                    "enterprise": enterprise,
                    "title": rng.choice(TRAINING),
                    "held_on": datetime.date(this_year - rng.randint(0, 1), rng.randint(3, 11), 8),
                    "trainees": (trainees := rng.randint(15, 60)),
                    "person_days": trainees * rng.randint(2, 5),
                    "income": Decimal(trainees * 300),
                }
            )
    _create("order-classes", classes)
    _create("training-bases", bases)
    for base in TrainingBase.objects.all():
        for year in (this_year - 1, this_year):
            base_years.append(
                {
                    "base": base,
                    "year": year,
                    "equipment_donated": Decimal(rng.randint(0, 30) * 10000),
                    "equipment_provided": Decimal(rng.randint(0, 50) * 10000),
                    "use_person_days": rng.randint(800, 6000),
                }
            )
    _create("training-base-years", base_years)
    _create("course-developments", courses)
    _create("service-contracts", contracts)
    _create("employee-trainings", trainings)
    _create("part-time-teachers", part_time)

    # 访企拓岗: the college's leaders visit partners to open up posts.
    visits = [
        {
            "visited_on": datetime.date(this_year, 3, 1) + datetime.timedelta(days=7 * n),
            "enterprise": enterprise,
            "visitors": "、".join(_person(rng, STAFF_SURNAMES) for _ in range(2)),
            "posts_offered": rng.randint(3, 30),
            "average_pay": Decimal(rng.randint(45, 75) * 100),
            "outcome": rng.choice(["新增实习岗位", "达成订单班意向", "签订就业协议", ""]),
        }
        for n, enterprise in enumerate(rng.sample(partner_list, min(20, len(partner_list))))
    ]
    _create("enterprise-visits", visits)

    # Where the students of the oldest cohort went.
    employments = []
    graduates = [s for s in context["students"] if s.cohort <= this_year - 3][:120]
    for student in graduates:
        at_partner = rng.random() < 0.6
        employer = rng.choice(partner_list) if at_partner else None
        employments.append(
            {
                "student": student,
                "graduation_year": student.cohort + 3,
                "employer": employer,
                "employer_name": employer.name if employer else "沈阳某制造有限公司",
                "industry": "装备制造",
                "post": rng.choice(POSTS),
                "starting_salary": Decimal(rng.randint(40, 70) * 100),
                "relevant": rng.random() < 0.8,
                "region": rng.choice(REGIONS),
                "source": rng.choice(["self_report", "enterprise", "import"]),
            }
        )
    _create("employments", employments)

    certified = [e for e in context["enterprises"] if e.is_integration_enterprise]
    if not certified and partner_list:  # a small demo still shows one
        certified = partner_list[:1]
        Enterprise.objects.filter(pk=certified[0].pk).update(is_integration_enterprise=True)
    _create(
        "enterprise-certifications",
        [
            {
                "enterprise": e,
                "level": "national" if i % 4 == 0 else "provincial",
                "certified_on": datetime.date(2021 + i % 4, 12, 1),
            }
            for i, e in enumerate(certified)
        ],
    )
    _create(
        "certificates",
        [
            {"code": code, "name": name, "level": level, "issuer": issuer, "major": None}
            for code, name, level, issuer in CERTIFICATES
        ],
    )
    from records.models import Certificate

    certificates = list(Certificate.objects.all())
    passes = [
        {
            "certificate": rng.choice(certificates),
            "student": student,
            "passed_on": datetime.date(this_year - 1, 6, 20),
        }
        for student in rng.sample(context["students"], min(80, len(context["students"])))
    ]
    _create("certificate-passes", passes)

    # One figure the finance office books differently, kept with its reason.
    review = (
        AnnualReview.objects.filter(
            agreement__enterprise_id__in=[c["enterprise"].pk for c in contracts]
        )
        .order_by("-year", "pk")
        .first()
        or AnnualReview.objects.order_by("-year", "pk").first()
    )
    if review is not None:
        services.figure_correction_set(
            review=review,
            figure="service_income",
            value=review.service_income + Decimal("8000.00"),
            reason="财务处于次年一月入账的技术服务尾款，按合同年度计入。",
            actor=context["users"]["admin"],
        )
    return {}
