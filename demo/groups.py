"""Demo data for groups: the Liaoning equipment manufacturing vocational education group.

Modelled on the group in the source papers: founded in July 2015, led by the
college and Shenyang Vocational and Technical College, about 20 member
enterprises for internships and employment, a provincial demonstration group
with targets of 300 post-internship places and 100 jobs a year, and joint
research aiming at 2-4 patents, 1-2 technical improvements and 2-4
achievements. Placements come from the internships demo, not from here.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.db.models import Count
from django.utils import timezone

from demo.vocabulary import (
    AUTOMATION_INSTITUTE,
    COLLEGE,
    EDUCATION_DEPARTMENT,
    ENGINEERING_DEPARTMENTS,
    INDUSTRY_FOR_DEPARTMENT,
    MACHINERY_ASSOCIATION,
    MACHINERY_INSTITUTE,
    SHENYANG_COLLEGE,
)
from demo.vocabulary import SCHOOLS as SCHOOLS_AROUND
from groups import services
from groups.models import EducationGroup, GroupMember, SharedResource
from internships.models import Placement

FOUNDED = datetime.date(2015, 7, 1)
# Industries whose enterprises the equipment manufacturing group recruits first.
CORE_INDUSTRIES = tuple(
    dict.fromkeys(
        industry
        for department in ENGINEERING_DEPARTMENTS
        for industry in INDUSTRY_FOR_DEPARTMENT[department]
    )
)

SCHOOL_ROLES = ["lead", "lead", "vice", "member", "member", "member"]
SCHOOLS = [(str(school), role) for school, role in zip(SCHOOLS_AROUND, SCHOOL_ROLES, strict=True)]
OTHERS = [
    ("research", str(AUTOMATION_INSTITUTE), "vice"),
    ("research", str(MACHINERY_INSTITUTE), "member"),
    ("association", str(MACHINERY_ASSOCIATION), "vice"),
    ("government", str(EDUCATION_DEPARTMENT), "member"),
]
RESOURCES = [
    ("curriculum_standard", "数控加工技术课程标准 CNC machining curriculum standard"),
    ("curriculum_standard", "工业机器人操作与运维课程标准 Industrial robot operation standard"),
    ("curriculum_standard", "机电设备装调课程标准 Mechatronic equipment assembly standard"),
    ("textbook", "项目化教材《典型零件数控铣削》 Project textbook: CNC milling of typical parts"),
    ("textbook", "活页式教材《智能产线装调》 Loose-leaf textbook: smart line commissioning"),
    ("textbook", "《液压与气动技术》校企合编教材 Hydraulics and pneumatics textbook"),
    ("training_guide", "焊接机器人实训指导书 Welding robot training guide"),
    ("training_guide", "PLC 控制系统实训指导书 PLC control systems training guide"),
    ("training_software", "数控仿真实训软件 CNC simulation training software"),
    ("training_software", "虚拟装配实训平台 Virtual assembly training platform"),
    ("course_package", "《机械制图》课程资源包 Mechanical drawing course package"),
    ("course_package", "《智能制造导论》课程资源包 Introduction to smart manufacturing package"),
    ("multimedia", "数控机床维护微课 CNC machine maintenance micro-lectures"),
    ("multimedia", "工业机器人示教动画 Industrial robot teaching animations"),
    ("multimedia", "装备制造企业岗位实景视频 Workplace videos from member enterprises"),
]
PROJECTS = [
    "大型数控龙门铣床热变形补偿研究 Thermal compensation of large CNC gantry mills",
    "焊接机器人离线编程与轨迹优化 Offline programming of welding robots",
    "风电齿轮箱装配工艺改进 Wind turbine gearbox assembly process",
    "数控机床主轴故障预测 Spindle fault prediction for CNC machines",
    "智能产线数字孪生实训系统 Digital twin of a smart production line",
    "液压阀块加工工艺优化 Machining of hydraulic valve blocks",
    "汽车零部件视觉检测 Vision inspection of automotive parts",
    "变压器绕线设备自动化改造 Automation of transformer winding equipment",
]


def _pick_enterprises(context: dict, rng: random.Random, count: int) -> list:
    enterprises = [e for e in context.get("enterprises", []) if e.status == "active"]
    # Enterprises that already have interns (from the internships demo) come first.
    placed = Counter(
        dict(
            Placement.objects.values("enterprise_id")
            .annotate(n=Count("pk"))
            .values_list("enterprise_id", "n")
        )
    )
    liaison = context.get("users", {}).get("liaison")
    liaison_enterprise_id = getattr(getattr(liaison, "profile", None), "enterprise_id", None)

    def score(enterprise) -> tuple:
        core = any(enterprise.industry.startswith(i) for i in CORE_INDUSTRIES)
        # The demo liaison's enterprise joins, so their portal shows a group;
        # then enterprises with interns, then the group's own industries.
        return (enterprise.pk == liaison_enterprise_id, placed[enterprise.pk], core, rng.random())

    return sorted(enterprises, key=score, reverse=True)[:count]


def seed(rng: random.Random, context: dict) -> dict:
    this_year = timezone.localdate().year
    group = services.group_create(
        name="辽宁装备制造职业教育集团 Liaoning Equipment Manufacturing Vocational Education Group",
        founded_on=FOUNDED,
        level=EducationGroup.Level.PROVINCIAL,
        lead_institutions=(
            f"{COLLEGE.zh}、{SHENYANG_COLLEGE.zh} {COLLEGE.en} and {SHENYANG_COLLEGE.en}"
        ),
        internship_target=300,
        employment_target=100,
        resource_target=12,
        patent_target=4,
        notes="省级示范职业教育集团，争创国家级示范。Provincial demonstration group.",
    )
    members: list[GroupMember] = []
    for name, role in SCHOOLS:
        members.append(
            services.group_member_add(
                group=group, kind="school", name=name, role=role, joined_on=FOUNDED
            )
        )
    for kind, name, role in OTHERS:
        joined = FOUNDED if kind != "government" else datetime.date(2016, 3, 1)
        members.append(
            services.group_member_add(
                group=group, kind=kind, name=name, role=role, joined_on=joined
            )
        )

    chosen = _pick_enterprises(context, rng, 22)
    enterprise_members: list[GroupMember] = []
    for index, enterprise in enumerate(chosen):
        joined = (
            FOUNDED if index < 12 else datetime.date(rng.randint(2016, 2021), rng.randint(1, 12), 1)
        )
        # The two with the fewest interns are the ones that left again.
        left = None
        if index >= len(chosen) - 2:
            left = datetime.date(rng.randint(max(joined.year + 1, 2019), 2024), 6, 30)
        member = services.group_member_add(
            group=group,
            kind="enterprise",
            enterprise=enterprise,
            role="vice" if index < 2 else "member",
            joined_on=joined,
            left_on=left,
        )
        enterprise_members.append(member)
    members += enterprise_members

    for year in range(this_year - 2, this_year + 1):
        services.group_target_set(
            group=group,
            year=year,
            internships=300,
            employment=100,
            resources=10 if year < this_year else 12,
            patents=3 if year < this_year - 1 else 4,
        )

    schools = [m for m in members if m.kind == "school"]
    companies = [m for m in enterprise_members if m.left_on is None]
    for year in range(2016, this_year + 1):
        for kind, title in rng.sample(RESOURCES, rng.randint(2, 5)):
            services.shared_resource_create(
                group=group,
                kind=kind,
                title=f"{title} ({year})",
                year=year,
                contributors=[rng.choice(schools), *rng.sample(companies, rng.randint(0, 2))],
            )

    for index, title in enumerate(PROJECTS):
        year = this_year - 3 + index // 2
        started = datetime.date(year, rng.randint(1, 10), 1)
        done = year < this_year - 1
        planned = started > timezone.localdate()
        services.research_project_create(
            group=group,
            title=title,
            started_on=started,
            status="planned" if planned else ("completed" if done else "active"),
            members=[rng.choice(schools), *rng.sample(companies, 2)],
            patents=rng.randint(1, 3) if done else rng.randint(0, 1),
            technical_improvements=rng.randint(0, 2) if done else 0,
            achievements=rng.randint(1, 2) if done else 0,
        )

    # A smaller municipal group, so the list has more than one row.
    city = services.group_create(
        name="沈阳智能制造职业教育集团 Shenyang Smart Manufacturing Vocational Education Group",
        founded_on=datetime.date(2019, 9, 1),
        level=EducationGroup.Level.MUNICIPAL,
        lead_institutions=str(SHENYANG_COLLEGE),
        internship_target=120,
        employment_target=40,
    )
    services.group_member_add(
        group=city, kind="school", name=SCHOOLS[1][0], role="lead", joined_on=city.founded_on
    )
    for enterprise in chosen[:6]:
        services.group_member_add(
            group=city, kind="enterprise", enterprise=enterprise, joined_on=city.founded_on
        )
    services.shared_resource_create(
        group=city,
        kind=SharedResource.Kind.COURSE_PACKAGE,
        title="《智能制造单元运维》课程资源包 Smart manufacturing cell course package",
        year=this_year - 1,
    )
    return {"groups": [group, city]}
