"""The internship as it happens: the `student` demo login and their record.

Weeks of check-ins (some off site, a few days missed), journals in every
state, a current placement with an incident raised from the phone, and an
earlier placement completed and graded. A few more accounts of the same
cohort wait for their first sign-in (initial passwords, never printed).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.access import Role, enterprise_id_of
from accounts.services import user_create
from common.workdays import workdays_between
from internships import services as internships
from internships.models import Placement, Student
from practice import services
from practice.models import CheckIn, InternshipReport, Journal

# The demo workplace (Shenyang, Hunnan district) and a spot 3 km away.
SITE = (Decimal("41.736200"), Decimal("123.457800"))
AWAY = (Decimal("41.763100"), Decimal("123.457800"))
OFF_SITE_REASONS = [
    "随师傅到客户现场安装调试 On a customer site with my mentor",
    "到分厂领取物料 Collecting material at the branch plant",
]
JOURNAL = (
    "本周在数控车间跟岗，跟随师傅学习了FANUC系统的对刀、程序调试和首件检验。"
    "我独立完成了三批轴类零件的粗加工，尺寸合格率从最初的百分之八十提高到了百分之九十六。"
    "师傅指出我在换刀后没有及时复核刀补，险些造成零件报废，我把检查步骤写进了自己的操作卡。"
    "周四参加了车间的安全例会，学习了机床防护门联锁和急停的要求。下周计划学习宏程序编写，"
    "并整理本周的加工参数表。This week I practised tool setting, program checks and first-piece "
    "inspection on the FANUC lathes, and raised my pass rate from 80% to 96%. "
)
SCORES = {"skills": 86, "attitude": 92, "teamwork": 88, "discipline": 90, "learning": 87}


def _position(enterprise, title: str, starts_on, ends_on):
    return internships.position_create(
        enterprise=enterprise,
        title=title,
        kind="cognitive",
        capacity=4,
        starts_on=starts_on,
        ends_on=ends_on,
        daily_hours=Decimal("8.0"),
        monthly_pay=Decimal("1200"),
        post_wage=Decimal("5200"),
        post_headcount=30,
        site_address="沈阳市浑南区新松机器人产业园 Hunnan district, Shenyang",
        site_lat=SITE[0],
        site_lng=SITE[1],
    )


def _placement(student, position, plan, teacher) -> Placement:
    placement = internships.placement_create(
        student=student,
        position=position,
        plan=plan,
        supervisor=teacher,
        mentor_name="李建国",
        agreement_signed=True,
        guardian_consent=True,
        insurance_policy="PICC-LN-202601",
        insurance_expires_on=position.ends_on,
    )
    return internships.placement_activate(placement=placement)


def _checkins(rng, placement, first, last) -> None:
    """A check-in on most workdays (stored as they were made on those days)."""
    tz = timezone.get_current_timezone()
    rows = []
    for day in workdays_between(first, last):
        if rng.random() < 0.07:
            continue  # a missed day
        off_site = rng.random() < 0.12
        at = datetime.datetime.combine(day, datetime.time(8, rng.randint(0, 25)), tz)
        hours = Decimal(rng.choice(["8.0", "8.0", "8.5", "9.0", "7.5"]))
        lat, lng = AWAY if off_site else (SITE[0] + Decimal("0.0004"), SITE[1])
        rows.append(
            CheckIn(
                placement=placement,
                date=day,
                at=at,
                lat=lat,
                lng=lng,
                accuracy_m=rng.randint(8, 40),
                distance_m=services.distance_m(lat, lng, *SITE),
                on_site=not off_site,
                reason=rng.choice(OFF_SITE_REASONS) if off_site else "",
                checked_out_at=at + datetime.timedelta(hours=float(hours) + 1),
                hours=hours,
            )
        )
    CheckIn.objects.bulk_create(rows)


def _journal(student_user, teacher, placement, monday, state: str) -> Journal:
    journal = services.journal_create(
        actor=student_user,
        placement=placement,
        kind="weekly",
        period_start=monday,
        period_end=monday + datetime.timedelta(days=6),
        text=JOURNAL if state != "draft" else JOURNAL[:120],
    )
    if state == "draft":
        return journal
    journal = services.journal_submit(journal=journal, actor=student_user)
    if state == "reviewed":
        journal = services.journal_review(
            journal=journal,
            actor=teacher,
            score=80 + (monday.toordinal() % 15),
            comment="记录具体，继续保持。",
        )
    elif state == "returned":
        journal = services.journal_return(
            journal=journal, actor=teacher, comment="请补充本周遇到的问题和解决办法。"
        )
    return journal


def _report(placement, student_user) -> InternshipReport:
    report = InternshipReport(
        placement=placement,
        filename="实习报告.pdf",
        content_type="application/pdf",
        summary="认识实习总结：数控加工流程、质量检验和安全生产。",
        submitted_at=timezone.now(),
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.4\n% demo report\n%%EOF\n"), save=False)
    report.save()
    return report


def _mondays(first, last) -> list[datetime.date]:
    monday = first - datetime.timedelta(days=first.weekday())
    weeks = []
    while monday + datetime.timedelta(days=6) <= last:
        if monday >= first - datetime.timedelta(days=6):
            weeks.append(monday)
        monday += datetime.timedelta(days=7)
    return weeks


def seed(rng: random.Random, context: dict) -> dict:
    today = timezone.localdate()
    users = context["users"]
    teacher, liaison = users["teacher"], users["liaison"]
    enterprise = next(e for e in context["enterprises"] if e.pk == enterprise_id_of(liaison))
    free = list(
        Student.objects.filter(placements__isnull=True, user__isnull=True).order_by(
            "student_number"
        )[:4]
    )
    student = free[0]
    plan = internships.plan_create(
        name="2026 数控技术专业实习计划 CNC technology internship plan",
        majors=[student.major],
        cohort=student.cohort,
        kind="cognitive",
        starts_on=today - datetime.timedelta(days=420),
        ends_on=today + datetime.timedelta(days=90),
        weekly_journals=12,
        journal_min_chars=200,
        monthly_reports=0,
        weights={"attendance": 20, "journals": 25, "report": 15, "enterprise": 20, "school": 20},
        pass_mark=60,
    )
    student_user = user_create(
        username="student",
        password=context["password"],
        role=Role.STUDENT,
        email="student@example.com",
        student=student,
    )

    # An earlier placement, completed and graded.
    past_start = today - datetime.timedelta(days=400)
    past_end = past_start + datetime.timedelta(days=41)
    past = _placement(
        student, _position(enterprise, "数控车工（认识实习）CNC orientation", past_start, past_end),
        plan, teacher,
    )  # fmt: skip
    _checkins(rng, past, past_start, past_end)
    for index, monday in enumerate(_mondays(past_start, past_end)):
        _journal(student_user, teacher, past, monday, "reviewed" if index < 5 else "submitted")
    report = _report(past, student_user)
    services.report_review(report=report, actor=teacher, score=85, comment="结构完整。")
    internships.evaluation_save(
        placement=past, side="enterprise", scores=SCORES, comment="踏实肯学。", author=liaison
    )
    internships.evaluation_save(
        placement=past, side="school", scores={**SCORES, "skills": 84}, author=teacher
    )
    past = internships.placement_complete(placement=past)
    services.grade_approve(placement=past, actor=teacher)

    # The current placement: five weeks in, journals in every state.
    start = today - datetime.timedelta(days=35)
    current = _placement(
        student,
        _position(
            enterprise, "数控车工（跟岗）CNC operator", start, today + datetime.timedelta(days=60)
        ),
        plan,
        teacher,
    )
    _checkins(rng, current, start, today - datetime.timedelta(days=1))
    states = ["reviewed", "reviewed", "returned", "submitted"]
    for monday, state in zip(_mondays(start, today), states, strict=False):
        _journal(student_user, teacher, current, monday, state)
    this_monday = today - datetime.timedelta(days=today.weekday())
    _journal(student_user, teacher, current, this_monday, "draft")
    services.incident_report(
        actor=student_user,
        placement=current,
        text="车间地面有油污，我滑了一下，手腕轻微扭伤，已冰敷。 Slipped on oil, sprained wrist.",
        lat=SITE[0],
        lng=SITE[1],
    )

    # Classmates whose accounts wait for their first sign-in.
    services.student_accounts_create(students=free[1:])
    return {"student_user": student_user}
