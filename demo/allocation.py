"""Allocation rounds of the demo college: one published, one open for ranking.

The published round went through the whole flow (ranking, a liaison's
decisions, the run, publishing) so its preview and placements are real; the
open round lists the demo student and offers a position of the demo
liaison's enterprise, so both see it on their pages.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from accounts.access import enterprise_id_of
from allocation import services
from allocation.models import Adjustment, Application
from common.exceptions import RuleError
from internships import services as internships
from internships.models import Student
from partnerships.models import Enterprise, EnterpriseVetting

TITLES = [
    "数控车床操作 CNC lathe operation",
    "工业机器人调试 Industrial robot commissioning",
    "质量检验 Quality inspection",
    "设备维护 Equipment maintenance",
    "电气装配 Electrical assembly",
    "仓储物流 Warehouse logistics",
]


def _vetted(day: datetime.date, rng: random.Random, count: int, first: int | None) -> list:
    ids = set(EnterpriseVetting.objects.valid_on(day).values_list("enterprise_id", flat=True))
    enterprises = list(Enterprise.objects.filter(pk__in=ids).order_by("pk"))
    rng.shuffle(enterprises)
    chosen = [e for e in enterprises if e.pk == first] + [e for e in enterprises if e.pk != first]
    return chosen[:count]


def _positions(enterprises, rng, starts_on, ends_on):
    return [
        internships.position_create(
            enterprise=enterprise,
            title=TITLES[i % len(TITLES)],
            kind="cognitive",
            capacity=rng.choice([1, 2, 2, 3]),
            starts_on=starts_on,
            ends_on=ends_on,
            daily_hours=8,
            monthly_pay=3000,
            post_wage=3600,
            post_headcount=40,
        )
        for i, enterprise in enumerate(enterprises)
    ]


def seed(rng: random.Random, context: dict) -> dict:
    now = timezone.now()
    today = timezone.localdate()
    liaison = context["users"]["liaison"]
    student = context["student_user"].student_record
    starts_on, ends_on = today + datetime.timedelta(days=30), today + datetime.timedelta(days=90)
    enterprises = _vetted(starts_on, rng, 6, enterprise_id_of(liaison))
    if len(enterprises) < 2:
        return {}
    free = list(
        Student.objects.filter(placements__isnull=True, user__isnull=True)
        .exclude(pk=student.pk)
        .order_by("student_number")[:14]
    )
    plan = internships.plan_create(
        name="2026 秋季双选 Autumn allocation",
        kind="cognitive",
        starts_on=starts_on,
        ends_on=ends_on,
    )

    # A published round: eight students rank three positions, one liaison
    # rejects an applicant, the run places as many as it can.
    positions = _positions(enterprises[1:4], rng, starts_on, ends_on)
    published = services.round_create(
        plan=plan,
        name="第一轮 Round one",
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=1),
        positions=positions,
        max_choices=3,
        students=free[:8],
    )
    services.round_open(round_=published)
    for applicant in free[:8]:
        services.applications_rank(
            round_=published, student=applicant, positions=rng.sample(positions, len(positions))
        )
    Application.objects.filter(round=published, student=free[0], rank=1).update(
        enterprise_decision=Application.Decision.REJECTED
    )
    services.round_close(round_=published)
    services.round_run(round_=published)
    try:
        services.round_publish(round_=published)
    except RuleError:
        pass  # left as a preview: the demo still shows the run

    # An open round with the liaison's enterprise, the demo student among its students.
    offered = _positions(enterprises[:1] + enterprises[4:6], rng, starts_on, ends_on)
    open_round = services.round_create(
        plan=plan,
        name="补录轮 Open round",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=6),
        positions=offered,
        max_choices=3,
        students=[student, *free[8:]],
    )
    services.round_open(round_=open_round)
    for applicant in free[8:12]:
        services.applications_rank(
            round_=open_round,
            student=applicant,
            positions=rng.sample(offered, min(2, len(offered))),
        )
    # The teacher has pinned one applicant to the liaison's position for the
    # next run, and one student has found an internship on their own.
    if free[8:9]:
        services.adjustment_set(
            round_=open_round, student=free[8], position=offered[0], kind=Adjustment.Kind.PIN
        )
    if free[12:13]:
        services.self_found_declare(
            student=free[12],
            enterprise_name="沈阳老街数控维修部 Laojie CNC Repairs",
            credit_code="91210100MA0XY1123Q",
            post_title="数控设备维修 CNC maintenance",
            starts_on=starts_on,
            ends_on=ends_on,
        )
    return {"allocation_rounds": [published, open_round]}
