"""Demo data for internships: students, positions and placements in every state.

Everything goes through the services, so every placement here passes the
internship rules; a candidate a rule refuses is simply not placed.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from accounts.access import enterprise_id_of
from common.exceptions import RuleError
from demo.vocabulary import MENTORS, student_name
from internships import services
from internships.models import Placement, Position, Student

TITLES = {
    Position.Kind.COGNITIVE: [
        "生产现场认知实习 Shop-floor orientation",
        "企业文化与安全认知 Company and safety orientation",
        "智能工厂参观实习 Smart factory visit",
    ],
    Position.Kind.SHADOW: [
        "数控车床跟岗 CNC lathe shadowing",
        "设备维护跟岗 Maintenance shadowing",
        "质量检验跟岗 Quality inspection shadowing",
        "软件测试跟岗 Software testing shadowing",
    ],
    Position.Kind.POST: [
        "数控操作工 CNC operator",
        "工业机器人运维员 Robot maintenance technician",
        "电气装配工 Electrical assembler",
        "汽车检测员 Vehicle inspector",
        "Java 开发实习生 Java developer intern",
        "仓储物流专员 Warehouse logistics clerk",
        "会计助理 Accounting assistant",
    ],
}
WEEKLY = [
    "本周熟悉了设备操作规程，在师傅指导下完成首件加工。 Learned the operating rules.",
    "参与了班组早会和5S检查，安全意识有提高。 Joined team briefings and a 5S audit.",
    "独立完成了三个工单，质量合格。 Completed three work orders alone, all passed.",
]
VISITS = [
    "到企业走访，与实习学生和企业导师面谈，学生状态良好。 Visited; student doing well.",
    "检查了实习岗位的安全防护和作息安排，符合规定。 Checked safety gear and hours: compliant.",
]


def _windows(today: datetime.date) -> dict[str, tuple[datetime.date, datetime.date]]:
    day = datetime.timedelta(days=1)
    return {
        "past": (today - 270 * day, today - 120 * day),
        "current": (today - 60 * day, today + 60 * day),
        # Longer than six months: such post internships carry a warning.
        "long": (today - 45 * day, today + 160 * day),
        "future": (today + 45 * day, today + 165 * day),
    }


def _students(rng: random.Random, majors, count: int) -> list[Student]:
    rows = []
    for index in range(count):
        cohort = rng.choices([2023, 2024, 2025, 2026], weights=[25, 30, 30, 15])[0]
        # Most enrol at 18; some at 16 or 17, so there are minors to protect.
        age = rng.choices([16, 17, 18, 19], weights=[8, 17, 60, 15])[0]
        born = datetime.date(cohort - age, rng.randint(1, 12), rng.randint(1, 28))
        major_index = index % len(majors)
        rows.append(
            Student(
                student_number=f"{cohort}{major_index + 1:02d}{index + 1:04d}",
                name=student_name(rng),
                major=majors[major_index],
                cohort=cohort,
                date_of_birth=born,
            )
        )
    # Plain rows with no rule of their own: one bulk insert keeps the seed fast.
    return Student.objects.bulk_create(rows)


def _position(rng, enterprise, kind, window, *, night=False) -> Position:
    starts_on, ends_on = window
    wage = Decimal(rng.randrange(3800, 7000, 100))
    capacity = rng.randint(2, 6)
    if kind in (Position.Kind.POST, Position.Kind.SHADOW):
        # Keep within 10 % of the workforce and 20 % of the post's headcount
        # (follow-post interns count as post interns do).
        capacity = max(1, min(capacity, enterprise.workforce // 10))
    return services.position_create(
        enterprise=enterprise,
        title=rng.choice(TITLES[kind]),
        kind=kind,
        capacity=capacity,
        starts_on=starts_on,
        ends_on=ends_on,
        daily_hours=Decimal(rng.choice(["8.0", "8.0", "7.5", "6.0"])),
        night_shift=night,
        exception_filing="辽教职备〔2026〕17号 Liaoning education filing 2026-17" if night else "",
        monthly_pay=(wage * Decimal("0.85")).quantize(Decimal("1"))
        if kind == Position.Kind.POST
        else Decimal(rng.choice([0, 600, 1200])),
        post_wage=wage,
        post_headcount=capacity * rng.randint(5, 12),
    )


def _weekdays(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def seed(rng: random.Random, context: dict) -> dict:
    today = timezone.localdate()
    users = context["users"]
    teachers = [users["teacher"], users["teacher2"]]
    liaison_enterprise_id = enterprise_id_of(users["liaison"])
    windows = _windows(today)
    students = _students(rng, context["majors"], 360)

    active = [e for e in context["enterprises"] if e.status == "active"]
    chosen = [e for e in active if e.pk == liaison_enterprise_id]
    chosen += rng.sample(
        [e for e in active if e.pk != liaison_enterprise_id], min(55, len(active) - 1)
    )

    positions: list[Position] = []
    for enterprise in chosen:
        own = enterprise.pk == liaison_enterprise_id
        plans = (
            [("cognitive", "current"), ("shadow", "current"), ("post", "long"), ("post", "past"),
             ("shadow", "future")]
            if own
            else [
                (
                    rng.choice(["cognitive", "shadow", "post", "post"]),
                    rng.choice(["past", "current", "current", "long", "future"]),
                )
                for _ in range(rng.randint(1, 2))
            ]
        )  # fmt: skip
        for kind, window in plans:
            if kind in ("post", "shadow") and enterprise.workforce < 20:
                kind = "cognitive"
            if kind != "post" and window == "long":
                window = "current"
            positions.append(_position(rng, enterprise, kind, windows[window]))
    # One post with a filed special arrangement for night shifts.
    big = max(chosen, key=lambda e: e.workforce)
    positions.append(_position(rng, big, Position.Kind.POST, windows["current"], night=True))

    pool = students[:]
    rng.shuffle(pool)
    placements: list[Placement] = []
    incident_done = False
    for position in positions:
        window = next(
            name for name, w in windows.items() if w == (position.starts_on, position.ends_on)
        )
        wanted = rng.randint(1, position.capacity)
        placed = 0
        while placed < wanted and pool:
            student = pool.pop()
            minor = (position.starts_on - student.date_of_birth).days < 18 * 365
            paperwork = window != "future" or rng.random() < 0.6
            try:
                placement = services.placement_create(
                    student=student,
                    position=position,
                    supervisor=rng.choice(teachers),
                    mentor_name=rng.choice(MENTORS),
                    agreement_signed=paperwork,
                    guardian_consent=minor and paperwork,
                    insurance_policy=f"PICC-LN-{rng.randint(100000, 999999)}" if paperwork else "",
                    insurance_expires_on=position.ends_on if paperwork else None,
                )
            except RuleError:
                continue  # e.g. a first-year student for a post internship
            placed += 1
            placement = _advance(rng, placement, window, teachers)
            placements.append(placement)
            if not incident_done and placement.status == Placement.Status.ACTIVE:
                services.placement_log_create(
                    placement=placement,
                    kind="incident",
                    date=today - datetime.timedelta(days=3),
                    text="学生操作时手指轻微划伤，已处理。 Minor cut on a finger, treated on site.",
                    author=users["liaison"]
                    if position.enterprise_id == liaison_enterprise_id
                    else None,
                )
                incident_done = True
    return {"students": students, "positions": positions, "placements": placements}


def _advance(rng, placement: Placement, window: str, teachers) -> Placement:
    """Take a new placement to a state that fits its dates, with its records."""
    today = timezone.localdate()
    if window == "future":
        return placement
    if window in ("current", "long") and rng.random() < 0.06:
        return services.placement_terminate(
            placement=placement, reason="学生因病退出 Left for health reasons"
        )
    placement = services.placement_activate(placement=placement)
    last = min(today - datetime.timedelta(days=1), placement.ends_on)
    days = _weekdays(max(placement.starts_on, last - datetime.timedelta(days=13)), last)
    services.attendance_record_week(
        placement=placement,
        statuses={
            d: rng.choices(["present", "absent", "leave"], weights=[92, 3, 5])[0] for d in days
        },
    )
    services.placement_log_create(
        placement=placement, kind="weekly", date=last, text=rng.choice(WEEKLY)
    )
    if rng.random() < 0.6:
        services.placement_log_create(
            placement=placement,
            kind="visit",
            date=last - datetime.timedelta(days=rng.randint(1, 10)),
            text=rng.choice(VISITS),
            author=placement.supervisor,
        )
    if window == "past":
        if rng.random() < 0.1:
            placement = services.placement_terminate(
                placement=placement, reason="学生转岗 Moved to another post"
            )
        else:
            placement = services.placement_complete(placement=placement)
            for side in ("enterprise", "school"):
                if side == "school" and rng.random() < 0.15:
                    continue  # a missing school evaluation, for the reminders
                services.evaluation_save(
                    placement=placement,
                    side=side,
                    scores={
                        name: rng.randint(65, 98)
                        for name in ("skills", "attitude", "teamwork", "discipline", "learning")
                    },
                    comment="表现良好 Performed well",
                )
        placement = services.placement_set_hired(
            placement=placement,
            hired=rng.choices(["yes", "no", "unknown"], weights=[45, 40, 15])[0],
        )
    elif rng.random() < 0.3:
        services.evaluation_save(
            placement=placement,
            side="enterprise",
            scores={
                name: rng.randint(60, 95)
                for name in ("skills", "attitude", "teamwork", "discipline", "learning")
            },
        )
    return placement
