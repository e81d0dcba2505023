"""Generate a large synthetic college for load tests and the benchmark.

Scale 1 is about 100,000 placements; every other table keeps its proportion
to that (see ``PER_SCALE``). Fractional scales (0.05) give small data sets for
tests. Rows go in with ``bulk_create`` in batches, bypassing the services: the
data is for measuring reads, not a record of real actions.
"""

from __future__ import annotations

import datetime
import random
import uuid

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from councils.models import Committee, Meeting, Membership
from groups.models import EducationGroup, GroupMember
from internships.models import Attendance, Placement, Position, Student
from partnerships.credit_code import ALPHABET, check_character
from partnerships.models import (
    AgreementMode,
    CooperationAgreement,
    Department,
    Enterprise,
    Major,
    Mode,
    depth_of,
)

# Rows per unit of scale.
PER_SCALE = {
    "enterprises": 2_000,
    "agreements": 4_000,
    "students": 60_000,
    "positions": 6_000,
    "placements": 100_000,
    "groups": 12,
    "group_members": 600,
    "memberships": 1_200,
    "meetings": 1_000,
}
DEPARTMENTS = 8
MAJORS_PER_DEPARTMENT = 6
ATTENDANCE_PER_PLACEMENT = 4
BATCH = 5_000

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫宇浩然子轩"
CITIES = ["沈阳", "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "铁岭"]
INDUSTRIES = [
    "装备制造",
    "汽车",
    "石化",
    "电子信息",
    "物流",
    "医药",
    "建筑",
    "软件",
    "冶金",
    "商贸",
]
MAJOR_NAMES = [
    "机电一体化技术",
    "数控技术",
    "工业机器人技术",
    "汽车检测与维修技术",
    "软件技术",
    "计算机网络技术",
    "电子商务",
    "物流管理",
    "会计",
    "建筑工程技术",
    "药学",
    "化工技术",
]


def scaled(name: str, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(PER_SCALE[name] * scale))


class Command(BaseCommand):
    help = "Generate synthetic data at a scale (1 is about 100,000 placements)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        scale = options["scale"]
        if not 0 < scale <= 20:
            raise CommandError("--scale must be above 0 and at most 20")
        if Enterprise.objects.exists():
            raise CommandError("the database already has enterprises; use an empty one")
        rng = random.Random(options["seed"])
        with transaction.atomic():
            counts = Generator(rng, scale).run()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")


class Generator:
    def __init__(self, rng: random.Random, scale: float):
        self.rng = rng
        self.scale = scale
        self.today = timezone.localdate()
        self.counts: dict[str, int] = {}

    def insert(self, model, rows: list, label: str) -> list:
        created = []
        for start in range(0, len(rows), BATCH):
            created += model._base_manager.bulk_create(rows[start : start + BATCH])
        self.counts[label] = self.counts.get(label, 0) + len(rows)
        return created

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(
            self.rng.choices(GIVEN, k=self.rng.randint(1, 2))
        )

    def day_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def run(self) -> dict[str, int]:
        self.users()
        self.majors()
        self.enterprises()
        self.agreements()
        self.internships()
        self.councils()
        self.groups()
        return self.counts

    def users(self) -> None:
        self.admin, _ = User.objects.get_or_create(
            username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
        )
        self.teachers = [
            User.objects.get_or_create(username=f"bench-teacher-{i}")[0] for i in range(10)
        ]

    def majors(self) -> None:
        departments = self.insert(
            Department,
            [Department(code=f"D{i:02d}", name=f"第{i + 1}二级学院") for i in range(DEPARTMENTS)],
            "departments",
        )
        rows = []
        for d, department in enumerate(departments):
            for m in range(MAJORS_PER_DEPARTMENT):
                name = MAJOR_NAMES[(d * MAJORS_PER_DEPARTMENT + m) % len(MAJOR_NAMES)]
                rows.append(Major(code=f"{d:02d}{m:02d}", name=name, department=department))
        self.major_rows = self.insert(Major, rows, "majors")

    def credit_code(self, n: int) -> str:
        body = "91210" + "".join(self.rng.choices(ALPHABET, k=6)) + f"{n:06d}"
        return body + check_character(body)

    def enterprises(self) -> None:
        count = scaled("enterprises", self.scale, 3)
        sizes = ["large"] * 1 + ["medium"] * 3 + ["small"] * 4 + ["micro"] * 2
        statuses = ["active"] * 7 + ["prospect"] * 1 + ["dormant"] * 1 + ["exited"] * 1
        rows = [
            Enterprise(
                name=f"{self.rng.choice(CITIES)}{self.rng.choice(INDUSTRIES)}企业{i:05d}有限公司",
                credit_code=self.credit_code(i),
                industry=self.rng.choice(INDUSTRIES),
                size=self.rng.choice(sizes),
                city=self.rng.choice(CITIES),
                workforce=self.rng.randint(20, 20_000),
                is_integration_enterprise=self.rng.random() < 0.1,
                status=self.rng.choice(statuses),
            )
            for i in range(count)
        ]
        self.enterprise_rows = self.insert(Enterprise, rows, "enterprises")

    def agreements(self) -> None:
        count = scaled("agreements", self.scale, 3)
        modes = [m.value for m in Mode]
        statuses = ["active"] * 6 + ["expired"] * 2 + ["draft"] * 1 + ["terminated"] * 1
        rows, mode_sets = [], []
        for i in range(count):
            chosen = sorted(set(self.rng.sample(modes, self.rng.randint(1, 3))))
            starts = self.day_between(self.today - datetime.timedelta(days=1500), self.today)
            status = self.rng.choice(statuses)
            rows.append(
                CooperationAgreement(
                    number=f"HZ{starts.year}-{i + 1:06d}",
                    title=f"校企合作协议 {i + 1}",
                    enterprise=self.rng.choice(self.enterprise_rows),
                    depth=depth_of(chosen),
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=self.rng.choice([365, 730, 1095])),
                    signed_on=None if status == "draft" else starts,
                    status=status,
                    owner=self.rng.choice(self.teachers),
                    school_investment=self.rng.randint(0, 500_000),
                    enterprise_investment=self.rng.randint(0, 2_000_000),
                    flagged_for_owner=self.rng.random() < 0.02,
                )
            )
            mode_sets.append(chosen)
        agreements = self.insert(CooperationAgreement, rows, "agreements")
        mode_rows = [
            AgreementMode(agreement=agreement, code=code)
            for agreement, chosen in zip(agreements, mode_sets, strict=True)
            for code in chosen
        ]
        self.insert(AgreementMode, mode_rows, "agreement_modes")
        through = CooperationAgreement.majors.through
        links = []
        for agreement in agreements:
            for major in self.rng.sample(self.major_rows, self.rng.randint(1, 3)):
                links.append(through(cooperationagreement_id=agreement.pk, major_id=major.pk))
        self.insert(through, links, "agreement_majors")

    def internships(self) -> None:
        students = [
            Student(
                student_number=f"S{i:08d}",
                name=self.person(),
                major=self.rng.choice(self.major_rows),
                cohort=self.today.year - self.rng.randint(0, 3),
                date_of_birth=datetime.date(self.today.year - self.rng.randint(18, 22), 1, 1)
                + datetime.timedelta(days=self.rng.randint(0, 364)),
            )
            for i in range(scaled("students", self.scale, 3))
        ]
        students = self.insert(Student, students, "students")
        kinds = ["cognitive"] * 2 + ["shadow"] * 3 + ["post"] * 5
        positions = []
        for i in range(scaled("positions", self.scale, 3)):
            starts = self.day_between(self.today - datetime.timedelta(days=900), self.today)
            positions.append(
                Position(
                    enterprise=self.rng.choice(self.enterprise_rows),
                    title=f"{self.rng.choice(INDUSTRIES)}岗位 {i + 1}",
                    kind=self.rng.choice(kinds),
                    capacity=self.rng.randint(10, 60),
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=self.rng.choice([30, 90, 180])),
                    monthly_pay=self.rng.randint(2000, 5000),
                    post_wage=self.rng.randint(3000, 7000),
                    post_headcount=self.rng.randint(10, 500),
                )
            )
        positions = self.insert(Position, positions, "positions")
        statuses = ["active"] * 3 + ["completed"] * 5 + ["planned"] * 1 + ["terminated"] * 1
        placements = []
        for _ in range(scaled("placements", self.scale, 3)):
            position = self.rng.choice(positions)
            status = self.rng.choice(statuses)
            placements.append(
                Placement(
                    student=self.rng.choice(students),
                    position=position,
                    enterprise_id=position.enterprise_id,
                    supervisor=self.rng.choice(self.teachers),
                    mentor_name=self.person(),
                    starts_on=position.starts_on,
                    ends_on=position.ends_on,
                    status=status,
                    termination_reason="实习单位调整" if status == "terminated" else "",
                    agreement_signed=self.rng.random() < 0.95,
                    guardian_consent=self.rng.random() < 0.9,
                    insurance_policy=f"PICC-{self.rng.randint(10**7, 10**8 - 1)}",
                    insurance_expires_on=position.ends_on,
                    hired=self.rng.choice(["yes", "no", "unknown", "unknown"]),
                    warnings=[] if self.rng.random() < 0.9 else ["pay_below_floor"],
                )
            )
        placements = self.insert(Placement, placements, "placements")
        attendance = []
        for placement in placements:
            if placement.status == "planned":
                continue
            for day in range(ATTENDANCE_PER_PLACEMENT):
                attendance.append(
                    Attendance(
                        placement_id=placement.pk,
                        date=placement.starts_on + datetime.timedelta(days=day),
                        status=self.rng.choice(["present"] * 18 + ["absent", "leave"]),
                    )
                )
            if len(attendance) >= BATCH * 4:
                self.insert(Attendance, attendance, "attendance")
                attendance = []
        self.insert(Attendance, attendance, "attendance")

    def councils(self) -> None:
        established = self.today - datetime.timedelta(days=2000)
        committees = [
            Committee(kind="council", name="校企合作理事会", established_on=established)
        ] + [
            Committee(
                kind="steering",
                name=f"{major.name}专业建设指导委员会",
                major=major,
                established_on=established,
            )
            for major in self.major_rows
        ]
        committees = self.insert(Committee, committees, "committees")
        memberships = []
        for committee in committees:
            memberships.append(
                Membership(
                    committee=committee,
                    name=self.person(),
                    affiliation="school",
                    category="professional_leader",
                    role="chair",
                    term_start=established,
                )
            )
        for _ in range(scaled("memberships", self.scale, len(committees))):
            enterprise = self.rng.choice(self.enterprise_rows)
            memberships.append(
                Membership(
                    committee=self.rng.choice(committees),
                    name=self.person(),
                    affiliation="enterprise",
                    category=self.rng.choice(["industry_expert", "enterprise_technician"]),
                    role="member",
                    enterprise=enterprise,
                    term_start=established + datetime.timedelta(days=self.rng.randint(0, 900)),
                )
            )
        self.insert(Membership, memberships, "memberships")
        meetings = []
        for _ in range(scaled("meetings", self.scale, len(committees))):
            at = timezone.now() - datetime.timedelta(days=self.rng.randint(-60, 1800))
            past = at < timezone.now()
            meetings.append(
                Meeting(
                    committee=self.rng.choice(committees),
                    kind=self.rng.choice(["regular"] * 4 + ["annual"]),
                    scheduled_at=at,
                    location="行政楼第一会议室",
                    agenda="年度工作计划",
                    status="held" if past else "planned",
                    minutes="会议纪要" if past else "",
                    quorate=True if past else None,
                    uid=uuid.UUID(int=self.rng.getrandbits(128)),
                )
            )
        self.insert(Meeting, meetings, "meetings")

    def groups(self) -> None:
        groups = [
            EducationGroup(
                name=f"辽宁{INDUSTRIES[i % len(INDUSTRIES)]}职业教育集团 {i + 1}",
                founded_on=self.today - datetime.timedelta(days=3000),
                level=self.rng.choice(["none", "municipal", "provincial", "national"]),
            )
            for i in range(scaled("groups", self.scale))
        ]
        groups = self.insert(EducationGroup, groups, "groups")
        per_group = max(1, scaled("group_members", self.scale) // len(groups))
        members = []
        for group in groups:
            chosen = self.rng.sample(
                self.enterprise_rows, min(per_group, len(self.enterprise_rows))
            )
            for e, enterprise in enumerate(chosen):
                members.append(
                    GroupMember(
                        group=group,
                        kind="enterprise",
                        name=enterprise.name,
                        enterprise=enterprise,
                        role="lead" if e == 0 else "member",
                        joined_on=group.founded_on
                        + datetime.timedelta(days=self.rng.randint(0, 2500)),
                    )
                )
        self.insert(GroupMember, members, "group_members")
