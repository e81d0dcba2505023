"""The demo college's world, named once: every area's demo module draws from here.

A vocational college in Liaoning (辽宁装备职业技术学院), its departments and
majors, the industries and cities of its partner enterprises, the schools,
institutes, associations and authorities around it, and the names of its
people. Each text is Chinese, then English, as a college keeps them.
"""

from __future__ import annotations

import random
from typing import NamedTuple


class Organisation(NamedTuple):
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} {self.en}"


# -- the college and the schools, institutes and authorities around it --------

COLLEGE = Organisation(
    "辽宁装备职业技术学院", "Liaoning Equipment Vocational and Technical College"
)
SHENYANG_COLLEGE = Organisation("沈阳职业技术学院", "Shenyang Vocational and Technical College")
SCHOOLS = [
    COLLEGE,
    SHENYANG_COLLEGE,
    Organisation("大连职业技术学院", "Dalian Vocational and Technical College"),
    Organisation("鞍山技师学院", "Anshan Technician College"),
    Organisation("营口职业技术学院", "Yingkou Vocational and Technical College"),
    Organisation(
        "沈阳市装备制造工程学校", "Shenyang Equipment Manufacturing Secondary Vocational School"
    ),
]
AUTOMATION_INSTITUTE = Organisation(
    "中国科学院沈阳自动化研究所", "Shenyang Institute of Automation, CAS"
)
MACHINERY_INSTITUTE = Organisation("辽宁省机械研究院", "Liaoning Machinery Research Institute")
EQUIPMENT_ASSOCIATION = Organisation(
    "辽宁省装备制造业协会", "Liaoning Equipment Manufacturing Association"
)
ROBOTICS_ALLIANCE = Organisation("辽宁省机器人产业联盟", "Liaoning Robotics Industry Alliance")
LOGISTICS_FEDERATION = Organisation("辽宁省物流与采购联合会", "Liaoning Logistics Federation")
AUTOMOTIVE_SOCIETY = Organisation("辽宁省汽车工程学会", "Liaoning Automotive Engineering Society")
MACHINERY_ASSOCIATION = Organisation(
    "辽宁省机械工业协会", "Liaoning Machinery Industry Association"
)
EDUCATION_DEPARTMENT = Organisation("辽宁省教育厅", "Liaoning Provincial Department of Education")
SHENYANG_LABOUR_BUREAU = Organisation(
    "沈阳市人力资源和社会保障局", "Shenyang Human Resources and Social Security Bureau"
)

# -- departments (secondary colleges) and majors -----------------------------

DEPARTMENTS = [
    ("ME", "机械工程学院 School of Mechanical Engineering"),
    ("EA", "电气与自动化学院 School of Electrical Engineering and Automation"),
    ("IE", "信息工程学院 School of Information Engineering"),
    ("AU", "汽车工程学院 School of Automotive Engineering"),
    ("EM", "经济管理学院 School of Economics and Management"),
]
# (code, name, department code)
MAJORS = [
    ("460104", "机械制造及自动化 Mechanical Manufacturing and Automation", "ME"),
    ("460110", "数控技术 Numerical Control Technology", "ME"),
    ("460301", "机电一体化技术 Mechatronics Technology", "EA"),
    ("460305", "工业机器人技术 Industrial Robotics Technology", "EA"),
    ("460306", "电气自动化技术 Electrical Automation Technology", "EA"),
    ("510201", "计算机应用技术 Computer Application Technology", "IE"),
    ("510203", "软件技术 Software Technology", "IE"),
    ("510202", "计算机网络技术 Computer Network Technology", "IE"),
    ("460701", "新能源汽车技术 New Energy Vehicle Technology", "AU"),
    ("460702", "汽车检测与维修技术 Automotive Inspection and Maintenance", "AU"),
    ("530302", "大数据与会计 Big Data and Accounting", "EM"),
    ("530802", "现代物流管理 Modern Logistics Management", "EM"),
]

# -- partner enterprises: industries, cities, brand names ---------------------


class Industry(NamedTuple):
    zh: str
    en: str
    company_suffix: str  # ends an enterprise's name: 沈阳 + 华晨 + 精密机械有限公司
    weight: float  # its share of the demo's enterprises

    @property
    def label(self) -> str:
        """Enterprise.industry as the demo stores it; the Chinese word comes first."""
        return f"{self.zh} {self.en}"


INDUSTRIES = [
    Industry("装备制造", "Equipment manufacturing", "精密机械有限公司", 0.22),
    Industry("数控机床", "CNC machine tools", "数控机床有限公司", 0.10),
    Industry("工业机器人", "Industrial robotics", "机器人科技有限公司", 0.10),
    Industry("汽车制造", "Automotive", "汽车零部件有限公司", 0.12),
    Industry("新能源", "New energy", "新能源科技有限公司", 0.08),
    Industry("软件与信息服务", "Software and IT services", "软件股份有限公司", 0.14),
    Industry("电力与电气", "Power and electrical", "电气设备有限公司", 0.10),
    Industry("现代物流", "Logistics", "物流有限公司", 0.08),
    Industry("财务服务", "Accounting services", "财务咨询有限公司", 0.06),
]
# Industry -> the majors it works with (agreements name them).
INDUSTRY_MAJORS = {
    "装备制造": ["460104", "460110", "460301"],
    "数控机床": ["460110", "460104"],
    "工业机器人": ["460305", "460301", "460306"],
    "汽车制造": ["460701", "460702"],
    "新能源": ["460701", "460306"],
    "软件与信息服务": ["510203", "510201", "510202"],
    "电力与电气": ["460306", "460301"],
    "现代物流": ["530802"],
    "财务服务": ["530302"],
}
# Department -> the industries whose experts sit on its committees.
INDUSTRY_FOR_DEPARTMENT = {
    "ME": ["装备制造", "数控机床"],
    "EA": ["工业机器人", "电力与电气", "装备制造"],
    "IE": ["软件与信息服务"],
    "AU": ["汽车制造", "新能源"],
    "EM": ["现代物流", "财务服务"],
}
# The engineering departments: the equipment manufacturing group recruits their industries.
ENGINEERING_DEPARTMENTS = ("ME", "EA", "AU")

CITIES = ["沈阳", "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "辽阳", "铁岭"]
BRANDS = [
    "华晨", "远航", "北方", "辽河", "盛京", "东软", "新松", "瓦房店", "中科", "恒信", "金杯",
    "银河", "海诚", "鼎力", "博源", "精工", "启明", "天成", "宏达", "德隆", "联创", "利源",
    "长城", "兴业", "卓越",
]  # fmt: skip

# -- people -------------------------------------------------------------------

# The forty most common surnames; grown-ups (contacts, experts, members) draw
# from the first twenty.
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
STAFF_SURNAMES = SURNAMES[:20]
# Given names of the grown-ups, and of students born around 2005-2010.
GIVEN_NAMES = [
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛",
    "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东",
]  # fmt: skip
STUDENT_GIVEN_NAMES = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明",
    "超", "霞", "平", "刚", "婷", "浩然", "子涵", "欣怡", "梓轩", "雨桐", "宇航", "思远", "佳琪",
    "俊杰", "诗涵", "博文", "一鸣", "嘉怡", "天宇", "晨曦", "泽宇", "可馨", "志豪", "梦瑶", "晓峰",
]  # fmt: skip

# The demo logins with a name: username -> (first name, last name).
STAFF_LOGINS = {
    "admin": ("Wang", "Hui"),
    "teacher": ("Li", "Na"),
    "teacher2": ("Zhao", "Lei"),
}
# The teacher login in Chinese, as the committees list her.
TEACHER_NAME = "李娜"
# The college's president, chair of the cooperation council.
PRESIDENT_NAME = "王建华"

# Titles of enterprise contacts, of enterprise experts on committees, of
# internship mentors.
CONTACT_TITLES = [
    "人力资源经理 HR manager",
    "技术总监 Technical director",
    "总经理 General manager",
    "培训主管 Training supervisor",
    "生产部长 Production manager",
]
EXPERT_TITLES = [
    "总工程师 Chief engineer",
    "技术总监 Technical director",
    "生产部部长 Production manager",
    "高级工程师 Senior engineer",
    "人力资源总监 HR director",
    "首席技师 Chief technician",
]
SENIOR_ENGINEER = EXPERT_TITLES[3]
MENTORS = ["刘师傅 Master Liu", "陈工 Engineer Chen", "孙师傅 Master Sun", "周经理 Manager Zhou"]


def person_name(rng: random.Random) -> str:
    """A grown-up's name: a contact, an expert, a committee member."""
    return rng.choice(STAFF_SURNAMES) + rng.choice(GIVEN_NAMES)


def student_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(STUDENT_GIVEN_NAMES)
