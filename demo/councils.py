"""Demo data for councils: the cooperation council and five steering committees.

A year of meetings for each (held with attendance and minutes, one planned
next month, one cancelled), charter versions, follow-ups open and done; one
steering committee has let its yearly meeting lapse.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from councils import services
from councils.models import Committee, Meeting, Membership
from demo.vocabulary import (
    AUTOMATION_INSTITUTE,
    AUTOMOTIVE_SOCIETY,
    COLLEGE,
    EDUCATION_DEPARTMENT,
    EQUIPMENT_ASSOCIATION,
    EXPERT_TITLES,
    INDUSTRY_FOR_DEPARTMENT,
    LOGISTICS_FEDERATION,
    PRESIDENT_NAME,
    ROBOTICS_ALLIANCE,
    SHENYANG_LABOUR_BUREAU,
    TEACHER_NAME,
    person_name,
)

SCHOOL = str(COLLEGE)
GOVERNMENT = [
    (
        f"{EDUCATION_DEPARTMENT.zh}职业教育与成人教育处 副处长",
        "Deputy director, vocational education division",
    ),
    (f"{SHENYANG_LABOUR_BUREAU.zh} 职业能力建设处 处长", "Director, vocational skills division"),
]
ASSOCIATIONS = [
    f"{organisation.zh} {post_zh} {post_en}, {organisation.en}"
    for organisation, post_zh, post_en in [
        (EQUIPMENT_ASSOCIATION, "秘书长", "Secretary-general"),
        (ROBOTICS_ALLIANCE, "专家委员", "Expert"),
        (LOGISTICS_FEDERATION, "副会长", "Vice president"),
        (AUTOMOTIVE_SOCIETY, "常务理事", "Executive director"),
    ]
]
RESEARCH = f"{AUTOMATION_INSTITUTE.zh} 研究员 Research fellow, {AUTOMATION_INSTITUTE.en}"
COUNCIL_CHARTER = """第一章 总则
第一条 本理事会是学院与行业、企业、政府共同参与的校企合作议事与协调机构。
第二条 理事会的宗旨是深化产教融合、校企合作，推进人才共育、过程共管、成果共享、责任共担。
第二章 职责
第三条 审议学院校企合作发展规划和年度工作计划；统筹专业建设指导委员会的工作。
第四条 每年至少召开一次全体会议；理事长可召集临时会议。
Chapter 1. The council is the college's forum with industry, enterprises and government
for school-enterprise cooperation. It meets in full at least once a year and adopts the
next year's work plan at its annual meeting."""
STEERING_CHARTER = """专业建设指导委员会章程
第一条 指导委员会对专业人才培养方案、课程标准、实训基地建设和顶岗实习提出指导意见。
第二条 委员由学院专业带头人、骨干教师与合作企业技术专家、行业专家组成。
第三条 委员会每学年至少召开一次全体会议。
The committee advises on the major's training programme, course standards, training bases
and internships; its members come from the school, partner enterprises and the industry."""
MEETING_ROOMS = [
    "行政楼301会议室 Administration building, room 301",
    "图书馆报告厅 Library lecture hall",
    "产教融合大楼 5F 会议室 Industry-education building, 5F",
]
MINUTES = [
    "会议审议了{major}人才培养方案修订稿，企业委员建议增加现场工艺实训学时；与会委员一致同意提交学院教学委员会。\n"
    "The meeting reviewed the revised training programme; enterprise members asked for more "
    "shop-floor practice hours. Agreed to submit it to the academic committee.",
    "会议听取了顶岗实习基地运行情况汇报，讨论了订单班招生计划和企业兼职教师聘任。\n"
    "Reports on the internship bases; discussed next intake of the order classes and the "
    "appointment of part-time teachers from enterprises.",
    "会议研讨了1+X职业技能等级证书试点与课程融通方案，确定了联合开发教材两部。\n"
    "Discussed the 1+X vocational skills certificate pilot; agreed on two textbooks to be "
    "developed jointly.",
]
ACTIONS = [
    "修订人才培养方案并报教务处备案 Revise the training programme and file it",
    "落实订单班企业导师名单 Confirm the enterprise mentors for the order class",
    "完成校外实训基地挂牌 Plaque the new off-campus training base",
    "提交联合开发教材大纲 Submit the outline of the jointly developed textbook",
    "组织教师下企业实践 Arrange teachers' placements at partner enterprises",
]


def _at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone()
    )


def _split(text: str) -> tuple[str, str]:
    chinese, _sep, english = text.partition(" ")
    return chinese, english


class _Seeder:
    def __init__(self, rng: random.Random, context: dict):
        self.rng = rng
        self.today = timezone.localdate()
        self.users = context["users"]
        self.staff = [self.users["admin"], self.users["teacher"], self.users["teacher2"]]
        self.enterprises = [e for e in context["enterprises"] if e.status == "active"]
        self.used_enterprises: set[int] = set()
        # The current term began two Septembers ago and runs three years.
        self.term_start = datetime.date(self.today.year - 2, 9, 1)
        self.term_end = datetime.date(self.today.year + 1, 8, 31)

    def enterprise_for(self, department_code: str | None):
        keywords = INDUSTRY_FOR_DEPARTMENT.get(department_code or "", [])
        fitting = [
            e
            for e in self.enterprises
            if e.pk not in self.used_enterprises and any(k in e.industry for k in keywords)
        ]
        pool = fitting or [e for e in self.enterprises if e.pk not in self.used_enterprises]
        enterprise = self.rng.choice(pool or self.enterprises)
        self.used_enterprises.add(enterprise.pk)
        return enterprise

    def member(self, committee: Committee, **fields) -> Membership:
        fields.setdefault("term_start", self.term_start)
        fields.setdefault("term_end", self.term_end)
        fields.setdefault("name", person_name(self.rng))
        return services.membership_add(committee=committee, **fields)

    def enterprise_member(self, committee, department_code, **fields) -> Membership:
        enterprise = self.enterprise_for(department_code)
        contact = enterprise.contacts.first() if self.rng.random() < 0.5 else None
        return self.member(
            committee,
            name=contact.name if contact else person_name(self.rng),
            affiliation=Membership.Affiliation.ENTERPRISE,
            enterprise=enterprise,
            contact=contact,
            title=self.rng.choice(EXPERT_TITLES),
            **fields,
        )

    def hold(self, meeting: Meeting, members: list[Membership], *, quorate=True, **extra):
        day = meeting.local_date
        current = [m for m in members if m.is_current(day)]
        share = self.rng.uniform(0.6, 0.9) if quorate else 0.35
        count = max(1, round(len(current) * share))
        attendees = self.rng.sample(current, min(count, len(current)))
        return services.meeting_hold(meeting=meeting, attendees=attendees, **extra)

    def actions(self, meeting: Meeting, *, count: int = 2) -> None:
        for description in self.rng.sample(ACTIONS, count):
            due = meeting.local_date + datetime.timedelta(days=self.rng.choice([30, 60, 90]))
            item = services.action_item_create(
                meeting=meeting,
                description=description,
                due_on=due,
                owner=self.rng.choice(self.staff),
            )
            # Most follow-ups due a while ago are done; some slip.
            if due < self.today - datetime.timedelta(days=14) and self.rng.random() < 0.75:
                services.action_item_complete(
                    action_item=item, completed_on=due - datetime.timedelta(days=3)
                )

    # -- the council ------------------------------------------------------------

    def council(self) -> Committee:
        founded = datetime.date(self.today.year - 6, 6, 18)
        council = services.committee_create(
            kind=Committee.Kind.COUNCIL,
            name="校企合作理事会 School-Enterprise Cooperation Council",
            established_on=founded,
            description=f"{SCHOOL}。由学院、政府部门、行业协会、合作企业和科研院所共同组成。",
        )
        members = [
            self.member(
                council,
                name=PRESIDENT_NAME,
                title="党委书记、院长 Party secretary and president",
                affiliation=Membership.Affiliation.SCHOOL,
                category=Membership.Category.PROFESSIONAL_LEADER,
                role=Membership.Role.CHAIR,
                term_end=None,
                term_start=self.term_start,
            ),
            self.member(
                council,
                title="副院长 Vice president",
                affiliation=Membership.Affiliation.SCHOOL,
                category=Membership.Category.PROFESSIONAL_LEADER,
                role=Membership.Role.VICE_CHAIR,
            ),
            self.member(
                council,
                name=TEACHER_NAME,
                title="校企合作处处长 Director, school-enterprise cooperation office",
                affiliation=Membership.Affiliation.SCHOOL,
                category=Membership.Category.OTHER,
                role=Membership.Role.SECRETARY,
                user=self.users["teacher"],
            ),
        ]
        members.append(
            self.enterprise_member(
                council,
                None,
                category=Membership.Category.INDUSTRY_EXPERT,
                role=Membership.Role.VICE_CHAIR,
            )
        )
        for department in ("ME", "EA", "IE", "AU", "EM"):
            members.append(
                self.enterprise_member(
                    council, department, category=Membership.Category.ENTERPRISE_TECHNICIAN
                )
            )
        for chinese, english in GOVERNMENT:
            members.append(
                self.member(
                    council,
                    title=f"{chinese} {english}",
                    affiliation=Membership.Affiliation.GOVERNMENT,
                    category=Membership.Category.OTHER,
                )
            )
        members.append(
            self.member(
                council,
                title=ASSOCIATIONS[0],
                affiliation=Membership.Affiliation.INDUSTRY,
                category=Membership.Category.INDUSTRY_EXPERT,
            )
        )
        members.append(
            self.member(
                council,
                title=RESEARCH,
                affiliation=Membership.Affiliation.RESEARCH,
                category=Membership.Category.INDUSTRY_EXPERT,
            )
        )
        # A member of the previous term.
        members.append(
            self.member(
                council,
                title="原副院长 Former vice president",
                affiliation=Membership.Affiliation.SCHOOL,
                category=Membership.Category.PROFESSIONAL_LEADER,
                term_start=datetime.date(self.term_start.year - 3, 9, 1),
                term_end=self.term_start - datetime.timedelta(days=1),
            )
        )
        # The current (second) term began with a general meeting that adopted
        # the charter; the founding charter of the first term is not kept here.
        general = services.meeting_schedule(
            notify=False,
            committee=council,
            kind=Meeting.Kind.EXTRAORDINARY,
            scheduled_at=_at(self.term_start + datetime.timedelta(days=20), 9, 30),
            location=MEETING_ROOMS[1],
            agenda="第二届理事会换届大会：审议章程，选举理事长 "
            "General meeting of the second term: charter, election of the chair",
        )
        self.hold(
            general,
            members,
            minutes="大会审议通过《校企合作理事会章程》，选举产生第二届理事会。\n"
            "The meeting adopted the council's charter and elected the second council.",
        )
        services.charter_adopt(committee=council, text=COUNCIL_CHARTER, meeting=general)

        last_year_annual = services.meeting_schedule(
            notify=False,
            committee=council,
            kind=Meeting.Kind.ANNUAL,
            scheduled_at=_at(self.today - datetime.timedelta(days=330), 9, 0),
            location=MEETING_ROOMS[1],
            agenda="1. 年度校企合作工作报告 Annual cooperation report\n"
            "2. 审议下一年度工作计划 Next year's work plan\n"
            "3. 章程修订 Charter amendment",
        )
        self.hold(
            last_year_annual,
            members,
            minutes="理事会听取了年度校企合作工作报告，审议通过下一年度工作计划和章程修正案。\n"
            "The council heard the annual report and adopted next year's plan and the amended "
            "charter.",
            work_plan="1. 新增订单班3个 Three new order classes\n"
            "2. 建成产业学院1个 One industry college\n"
            "3. 企业兼职教师达到120人 120 part-time teachers from enterprises\n"
            "4. 教师企业实践不少于2个月/人 Two months of enterprise practice per teacher",
        )
        services.charter_adopt(
            committee=council,
            text=COUNCIL_CHARTER + "\n第五条（修正） 理事会下设五个专业建设指导委员会。",
            meeting=last_year_annual,
        )
        self.actions(last_year_annual, count=3)
        regular = services.meeting_schedule(
            notify=False,
            committee=council,
            kind=Meeting.Kind.REGULAR,
            scheduled_at=_at(self.today - datetime.timedelta(days=150), 14, 30),
            location=MEETING_ROOMS[0],
            agenda="半年工作推进会：订单班与产业学院建设进展 Mid-year review",
        )
        self.hold(regular, members, minutes=MINUTES[1].format(major=""))
        self.actions(regular, count=2)
        extraordinary = services.meeting_schedule(
            notify=False,
            committee=council,
            kind=Meeting.Kind.EXTRAORDINARY,
            scheduled_at=_at(self.today + datetime.timedelta(days=5), 9, 0),
            location=MEETING_ROOMS[2],
            agenda="市域产教联合体申报 Application for the city industry-education consortium",
        )
        services.meeting_cancel(
            notify=False,
            meeting=extraordinary,
            reason="与省教育厅会议时间冲突，改在年会讨论 Clashed with a provincial meeting",
        )
        services.meeting_schedule(
            notify=False,
            committee=council,
            kind=Meeting.Kind.ANNUAL,
            scheduled_at=_at(self.today + datetime.timedelta(days=30), 9, 0),
            location=MEETING_ROOMS[1],
            agenda="1. 年度校企合作工作报告 Annual cooperation report\n"
            "2. 审议下一年度工作计划 Next year's work plan\n"
            "3. 表彰优秀合作企业 Awards for outstanding partner enterprises",
        )
        return council

    # -- steering committees ----------------------------------------------------

    def steering(self, major, *, overdue: bool = False) -> Committee:
        cn, en = _split(major.name)
        department = major.department.code if major.department_id else None
        committee = services.committee_create(
            kind=Committee.Kind.STEERING,
            name=f"{cn}专业建设指导委员会 Professional Steering Committee for {en or cn}",
            major=major,
            established_on=datetime.date(self.today.year - 4, 10, 15),
        )
        school = Membership.Affiliation.SCHOOL
        members = [
            self.member(
                committee,
                title="专业带头人、教授 Professional leader, professor",
                affiliation=school,
                category=Membership.Category.PROFESSIONAL_LEADER,
                role=Membership.Role.CHAIR,
            ),
            self.enterprise_member(
                committee,
                department,
                category=Membership.Category.ENTERPRISE_TECHNICIAN,
                role=Membership.Role.VICE_CHAIR,
            ),
            self.member(
                committee,
                name=TEACHER_NAME,
                title="骨干教师、副教授 Backbone teacher, associate professor",
                affiliation=school,
                category=Membership.Category.BACKBONE_TEACHER,
                role=Membership.Role.SECRETARY,
                user=self.users["teacher"],
            ),
        ]
        for _ in range(self.rng.randint(1, 2)):
            members.append(
                self.member(
                    committee,
                    title="骨干教师、讲师 Backbone teacher, lecturer",
                    affiliation=school,
                    category=Membership.Category.BACKBONE_TEACHER,
                )
            )
        for _ in range(self.rng.randint(2, 4)):
            members.append(
                self.enterprise_member(
                    committee, department, category=Membership.Category.ENTERPRISE_TECHNICIAN
                )
            )
        members.append(
            self.member(
                committee,
                title=self.rng.choice(ASSOCIATIONS),
                affiliation=Membership.Affiliation.INDUSTRY,
                category=Membership.Category.INDUSTRY_EXPERT,
            )
        )
        first = services.meeting_schedule(
            notify=False,
            committee=committee,
            kind=Meeting.Kind.EXTRAORDINARY,
            scheduled_at=_at(self.term_start + datetime.timedelta(days=30), 14, 0),
            location=MEETING_ROOMS[0],
            agenda="换届会议：修订章程、委员聘任 New term: charter and appointments",
        )
        self.hold(
            first, members, minutes="通过章程，颁发聘书。 Charter adopted; letters of appointment."
        )
        services.charter_adopt(committee=committee, text=STEERING_CHARTER, meeting=first)
        if overdue:
            # Last met fourteen months ago; the yearly meeting has lapsed.
            stale = services.meeting_schedule(
                notify=False,
                committee=committee,
                kind=Meeting.Kind.ANNUAL,
                scheduled_at=_at(self.today - datetime.timedelta(days=425), 14, 0),
                location=MEETING_ROOMS[0],
                agenda="人才培养方案论证 Training programme review",
            )
            self.hold(stale, members, minutes=MINUTES[0].format(major=cn))
            self.actions(stale, count=2)
            return committee
        for days, kind, minutes, quorate in (
            (300, Meeting.Kind.ANNUAL, MINUTES[0], True),
            (120, Meeting.Kind.REGULAR, MINUTES[2], self.rng.random() < 0.8),
        ):
            meeting = services.meeting_schedule(
                notify=False,
                committee=committee,
                kind=kind,
                scheduled_at=_at(self.today - datetime.timedelta(days=days), 14, 0),
                location=self.rng.choice(MEETING_ROOMS),
                agenda="1. 人才培养方案 Training programme\n2. 实习基地 Internship bases\n"
                "3. 课程与教材 Courses and textbooks",
            )
            self.hold(meeting, members, quorate=quorate, minutes=minutes.format(major=cn))
            self.actions(meeting, count=self.rng.randint(1, 3))
        if self.rng.random() < 0.6:
            services.meeting_schedule(
                notify=False,
                committee=committee,
                kind=Meeting.Kind.REGULAR,
                scheduled_at=_at(self.today + datetime.timedelta(days=self.rng.randint(20, 45))),
                location=self.rng.choice(MEETING_ROOMS),
                agenda="下学期实习安排与企业导师 Next term's internships and mentors",
            )
        return committee


def seed(rng: random.Random, context: dict) -> dict:
    seeder = _Seeder(rng, context)
    council = seeder.council()
    majors = list(context["majors"])
    # Five majors from different departments where possible.
    chosen, seen = [], set()
    for major in majors:
        if major.department_id not in seen:
            chosen.append(major)
            seen.add(major.department_id)
    chosen += [m for m in majors if m not in chosen]
    committees = [
        seeder.steering(major, overdue=index == 4) for index, major in enumerate(chosen[:5])
    ]
    return {"council": council, "committees": [council, *committees]}
