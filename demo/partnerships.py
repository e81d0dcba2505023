"""Demo data for partnerships: the college's departments, majors and partner enterprises."""

from __future__ import annotations

import itertools
import random

from demo.vocabulary import (
    BRANDS,
    CITIES,
    CONTACT_TITLES,
    DEPARTMENTS,
    INDUSTRIES,
    INDUSTRY_MAJORS,
    MAJORS,
    SENIOR_ENGINEER,
    person_name,
)
from partnerships import services
from partnerships.credit_code import ALPHABET, check_character
from partnerships.models import Department, Enterprise, Major


def credit_code(rng: random.Random) -> str:
    # Registration authority 9 (industry and commerce), type 1 (enterprise),
    # a Liaoning division code (21xxxx), then a random organisation code.
    body = (
        "91"
        + "21"
        + f"{rng.randint(0, 9999):04d}"
        + "".join(rng.choice(ALPHABET) for _ in range(9))
    )
    return body + check_character(body)


def seed(rng: random.Random, *, enterprises: int = 150) -> dict:
    departments = {
        code: Department.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in DEPARTMENTS
    }
    majors = [
        Major.objects.get_or_create(
            code=code, defaults={"name": name, "department": departments[dept]}
        )[0]
        for code, name, dept in MAJORS
    ]
    weights = [industry.weight for industry in INDUSTRIES]
    created: list[Enterprise] = []
    used_names: set[str] = set(Enterprise.objects.values_list("name", flat=True))
    while len(created) < enterprises:
        industry = rng.choices(INDUSTRIES, weights=weights)[0]
        name = rng.choice(CITIES) + rng.choice(BRANDS) + industry.company_suffix
        if name in used_names:
            continue
        used_names.add(name)
        size = rng.choices(["large", "medium", "small", "micro"], weights=[15, 35, 40, 10])[0]
        workforce = {
            "large": rng.randint(1000, 12000),
            "medium": rng.randint(300, 999),
            "small": rng.randint(20, 299),
            "micro": rng.randint(3, 19),
        }[size]
        enterprise = services.enterprise_create(
            name=name,
            credit_code=credit_code(rng) if rng.random() < 0.9 else "",
            industry=industry.label,
            size=size,
            city=name[:2] + "市",
            workforce=workforce,
            is_integration_enterprise=size == "large" and rng.random() < 0.4,
            status=rng.choices(
                ["active", "prospect", "dormant", "exited"], weights=[70, 15, 10, 5]
            )[0],
        )
        for index in range(rng.randint(1, 3)):
            services.enterprise_contact_save(
                enterprise=enterprise,
                name=person_name(rng),
                title=rng.choice(CONTACT_TITLES),
                phone=f"13{rng.randint(100000000, 999999999)}",
                email=f"contact{len(created)}_{index}@example.com",
                is_primary=index == 0,
            )
        created.append(enterprise)
    return {"departments": departments, "majors": majors, "enterprises": created}


# ---------------------------------------------------------------------------
# Agreements, reviews, documents and workstations (run once the users exist)
# ---------------------------------------------------------------------------

# These majors only get shallow or middle cooperation in the demo, so the
# majors page has something to flag.
WITHOUT_DEEP_PARTNER = {"510202", "530302", "530802"}
DEEP_PACKAGES = [
    (["order_training", "internship_base", "employment"], "订单班合作协议 Order-class agreement"),
    (["apprenticeship", "work_study", "part_time_teachers"], "现代学徒制合作协议 Apprenticeship"),
    (["industry_college", "curriculum", "training_base"], "产业学院共建协议 Industry college"),
    (["workstation", "joint_rnd", "teacher_practice"], "企业工作站共建协议 Workstation"),
    (["joint_rnd", "curriculum"], "技术研发合作协议 Joint R&D"),
]
OTHER_PACKAGES = [
    (["training_base", "internship_base"], "实训基地共建协议 Training base"),
    (["curriculum", "part_time_teachers"], "课程共建协议 Joint curriculum"),
    (["teacher_practice", "work_study"], "教师实践与工学交替协议 Teacher practice"),
    (["internship_base", "employment"], "实习就业基地协议 Internship and employment base"),
    (["employment"], "毕业生就业合作协议 Graduate employment"),
]
TERMINATION_REASONS = [
    "企业经营调整，停止招收订单班 The enterprise restructured and stopped order classes.",
    "企业迁出辽宁 The enterprise moved out of Liaoning.",
    "年度评估未达标，双方协商终止 Both parties agreed to end it after a failed annual review.",
]
SUMMARIES = [
    (
        "订单班运行良好，企业按协议提供实训岗位。"
        " The order class ran well; the enterprise provided the agreed posts."
    ),
    (
        "共建课程已投入教学，兼职教师到岗率高。"
        " The joint courses are in use and part-time teachers attended."
    ),
    "实习学生反馈较好，需加强企业导师培训。 Interns were positive; mentor training needs work.",
]
SCHOOL_OBLIGATIONS = "提供教学场地与专业教师；安排学生实习。 Teaching space, teachers, interns."
ENTERPRISE_OBLIGATIONS = (
    "提供实训岗位、兼职教师与设备。 Training posts, part-time teachers, equipment."
)
NEXT_YEAR_PLAN = "扩大订单班规模，共建一门新课程。 Grow the order class; build one more course."
WORKSTATION_ACTIVITIES = (
    "技术攻关、教师企业实践、学生技能竞赛指导。"
    " Joint problem-solving, teacher practice, contest coaching."
)
# A minimal valid PDF for the demo's signed scans.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _shift(day, days: int):
    from datetime import timedelta

    return day + timedelta(days=days)


def seed_agreements(rng: random.Random, context: dict) -> dict:
    """Agreements in every status, their reviews, a few documents and workstations."""
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from partnerships.models import SCORE_FIELDS, AnnualReview, CooperationAgreement

    today = timezone.localdate()
    users = context["users"]
    admin, teachers = users["admin"], [users["teacher"], users["teacher2"]]
    owners = [admin, *teachers]
    majors = {m.code: m for m in context["majors"]}
    # The demo liaisons' enterprises come first, so their portal has agreements.
    liaison_ids = {users["liaison"].profile.enterprise_id, users["liaison2"].profile.enterprise_id}
    current = sorted(
        (e for e in context["enterprises"] if e.status == "active"),
        key=lambda e: (e.pk not in liaison_ids, rng.random()),
    )
    former = [e for e in context["enterprises"] if e.status in ("dormant", "exited")]

    def plan(enterprise, deep: bool):
        industry = enterprise.industry.split(" ")[0]
        codes = INDUSTRY_MAJORS.get(industry, ["460104"])
        if deep:
            codes = [c for c in codes if c not in WITHOUT_DEEP_PARTNER] or codes
        chosen = [majors[c] for c in rng.sample(codes, k=min(len(codes), rng.randint(1, 2)))]
        if deep and not any(m.code in WITHOUT_DEEP_PARTNER for m in chosen):
            modes, title = rng.choice(DEEP_PACKAGES)
        else:
            modes, title = rng.choice(OTHER_PACKAGES)
        return chosen, list(modes), f"{enterprise.name[:12]} {title}"

    created: list[CooperationAgreement] = []

    def make(enterprise, *, starts_on, years, deep, signed=True):
        chosen, modes, title = plan(enterprise, deep)
        agreement = services.agreement_create(
            actor=admin,
            owner=rng.choice(owners),
            title=title,
            enterprise=enterprise,
            majors=chosen,
            modes=modes,
            starts_on=starts_on,
            ends_on=_shift(services.anniversary(starts_on, years), -1),
            signed_on=_shift(starts_on, -rng.randint(3, 20)) if signed else None,
            school_investment=Decimal(rng.choice([0, 50_000, 120_000, 300_000])),
            enterprise_investment=Decimal(rng.choice([100_000, 250_000, 600_000, 1_500_000])),
            school_obligations=SCHOOL_OBLIGATIONS,
            enterprise_obligations=ENTERPRISE_OBLIGATIONS,
            today=min(starts_on, today),
        )
        created.append(agreement)
        return agreement

    def activate(agreement):
        return services.agreement_activate(
            agreement=agreement, actor=admin, today=agreement.signed_on
        )

    # Small demos (fewer enterprises) reuse enterprises for several agreements.
    pool = itertools.cycle(current)
    # Active agreements started up to three years ago; a few end within 90 days.
    active = []
    for index in range(26):
        enterprise = next(pool)
        if index < 4:
            starts_on = _shift(services.anniversary(today, -3), rng.randint(10, 80))
        else:
            starts_on = _shift(today, -rng.randint(40, 3 * 365 - 100))
        active.append(
            activate(make(enterprise, starts_on=starts_on, years=3, deep=rng.random() < 0.85))
        )
    # Expired: ended in the last two years, never renewed.
    expired = []
    for index in range(6):
        starts_on = _shift(today, -rng.randint(3 * 365 + 30, 5 * 365))
        enterprise = former[index] if index < len(former) and index % 2 else next(pool)
        expired.append(activate(make(enterprise, starts_on=starts_on, years=3, deep=True)))
    # Drafts being negotiated, one still unsigned.
    for index in range(4):
        make(
            next(pool),
            starts_on=_shift(today, rng.randint(20, 90)),
            years=rng.choice([3, 5]),
            deep=rng.random() < 0.5,
            signed=index > 0,
        )
    # Every review that has come due within 30 days, as the daily roll would.
    services.review_create_pending(today=today)
    flagged = None
    for review in AnnualReview.objects.filter(agreement__in=created).select_related("agreement"):
        overdue_days = (today - review.due_on).days
        if overdue_days < 0:
            target = "pending"  # due within the next 30 days
        elif overdue_days < 240:
            target = rng.choices(["pending", "submitted", "approved"], weights=[3, 4, 3])[0]
        else:
            target = "approved"
        decision = rng.choices(["continue", "improve"], weights=[75, 25])[0]
        if flagged is None and review.agreement.status == "active" and overdue_days > 90:
            decision = "terminate"  # one agreement flagged for its owner
            flagged = review.agreement
        if target == "pending" and rng.random() < 0.5:
            continue
        services.review_update(
            review=review,
            scores={
                name: rng.randint(2 if decision == "terminate" else 3, 5) for name in SCORE_FIELDS
            },
            decision=decision,
            summary=rng.choice(SUMMARIES),
            next_year_plan=NEXT_YEAR_PLAN,
            order_class_students=rng.choice([0, 30, 40, 45, 60]),
            courses_developed=rng.randint(0, 3),
            textbooks_developed=rng.randint(0, 2),
            part_time_teachers=rng.randint(1, 8),
            equipment_donated=Decimal(rng.choice([0, 0, 80_000, 200_000])),
            equipment_provided=Decimal(rng.choice([0, 150_000, 400_000])),
            service_income=Decimal(rng.choice([0, 20_000, 60_000, 180_000])),
            training_person_days=rng.randint(20, 400),
        )
        if target == "pending":
            continue  # filled in, not submitted yet
        services.review_submit(review=review)
        if target == "approved":
            services.review_approve(review=review, actor=admin)
    services.agreement_expire_due(today=today)
    # Two agreements were terminated early; one ending soon is being renewed.
    for agreement, reason in zip(active[-2:], TERMINATION_REASONS, strict=False):
        if agreement != flagged and not agreement.renewals.exists():
            services.agreement_terminate(agreement=agreement, actor=admin, reason=reason)
    for agreement in active[:2]:
        services.agreement_renew(
            agreement=agreement, actor=admin, ends_on=services.anniversary(agreement.ends_on, 3)
        )
    services.agreement_renew(
        agreement=expired[0], actor=admin, ends_on=services.anniversary(today, 3)
    )
    # Signed scans for some active agreements.
    for agreement in active[:6]:
        services.document_upload(
            agreement=agreement,
            actor=admin,
            kind="signed_scan",
            file=SimpleUploadedFile(f"{agreement.number}-signed.pdf", DEMO_PDF),
        )
    # Workstations with their "double leader" on deep agreements.
    stations = []
    names = ["技能大师工作站 Skills master workstation", "产教融合工作室 Integration studio"]
    hosts = [
        a for a in CooperationAgreement.objects.filter(status="active", depth="deep").order_by("pk")
    ]
    for index, agreement in enumerate(hosts[:3]):
        stations.append(
            services.workstation_create(
                agreement=agreement,
                name=names[index % len(names)],
                enterprise_leader_name=person_name(rng),
                enterprise_leader_title=SENIOR_ENGINEER,
                school_leader=teachers[index % 2],
                members="\n".join(person_name(rng) for _ in range(rng.randint(3, 5))),
                activities=WORKSTATION_ACTIVITIES,
                established_on=_shift(agreement.starts_on, 60),
            )
        )
    return {"agreements": created, "workstations": stations}
