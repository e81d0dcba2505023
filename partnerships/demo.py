"""Demo data for partnerships: a college in Liaoning and its partner enterprises."""

from __future__ import annotations

import random

from partnerships import services
from partnerships.credit_code import ALPHABET, check_character
from partnerships.models import Department, Enterprise, Major

DEPARTMENTS = [
    ("ME", "机械工程学院 School of Mechanical Engineering"),
    ("EA", "电气与自动化学院 School of Electrical Engineering and Automation"),
    ("IE", "信息工程学院 School of Information Engineering"),
    ("AU", "汽车工程学院 School of Automotive Engineering"),
    ("EM", "经济管理学院 School of Economics and Management"),
]

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

CITIES = ["沈阳", "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "辽阳", "铁岭"]
BRANDS = [
    "华晨",
    "远航",
    "北方",
    "辽河",
    "盛京",
    "东软",
    "新松",
    "瓦房店",
    "中科",
    "恒信",
    "金杯",
    "银河",
    "海诚",
    "鼎力",
    "博源",
    "精工",
    "启明",
    "天成",
    "宏达",
    "德隆",
    "联创",
    "利源",
    "长城",
    "兴业",
    "卓越",
]
INDUSTRIES = [
    ("装备制造 Equipment manufacturing", "精密机械有限公司", 0.22),
    ("数控机床 CNC machine tools", "数控机床有限公司", 0.10),
    ("工业机器人 Industrial robotics", "机器人科技有限公司", 0.10),
    ("汽车制造 Automotive", "汽车零部件有限公司", 0.12),
    ("新能源 New energy", "新能源科技有限公司", 0.08),
    ("软件与信息服务 Software and IT services", "软件股份有限公司", 0.14),
    ("电力与电气 Power and electrical", "电气设备有限公司", 0.10),
    ("现代物流 Logistics", "物流有限公司", 0.08),
    ("财务服务 Accounting services", "财务咨询有限公司", 0.06),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "志强",
    "海燕",
    "晓东",
]
TITLES = [
    "人力资源经理 HR manager",
    "技术总监 Technical director",
    "总经理 General manager",
    "培训主管 Training supervisor",
    "生产部长 Production manager",
]


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


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


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
    weights = [w for _i, _s, w in INDUSTRIES]
    created: list[Enterprise] = []
    used_names: set[str] = set(Enterprise.objects.values_list("name", flat=True))
    while len(created) < enterprises:
        industry, suffix, _w = rng.choices(INDUSTRIES, weights=weights)[0]
        name = rng.choice(CITIES) + rng.choice(BRANDS) + suffix
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
            industry=industry,
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
                title=rng.choice(TITLES),
                phone=f"13{rng.randint(100000000, 999999999)}",
                email=f"contact{len(created)}_{index}@example.com",
                is_primary=index == 0,
            )
        created.append(enterprise)
    return {"departments": departments, "majors": majors, "enterprises": created}
