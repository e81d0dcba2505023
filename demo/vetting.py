"""Demo vettings of enterprises as internship units (2021 regulation, Art. 7).

Loaded before the internships: every active enterprise but one is vetted and
published, so placements can go there; the one left out shows an unvetted
enterprise (its placements are refused), and one vetting expires within the
reminder window.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from accounts.access import enterprise_id_of
from partnerships import services

INSPECTORS = ["王芳 Wang Fang", "李明 Li Ming", "赵磊 Zhao Lei"]
REPORT = (
    "资质、诚信、管理、岗位性质与内容、工作时间、"
    "工作与生活环境、健康与安全防护均已实地考察，符合要求。 "
    "Qualifications, integrity, management, posts, working hours, working and living "
    "environment, health and safety inspected on site: in order."
)


def seed(rng: random.Random, context: dict) -> dict:
    today = timezone.localdate()
    admin = context["users"]["admin"]
    liaison_enterprise_id = enterprise_id_of(context["users"]["liaison"])
    active = [e for e in context["enterprises"] if e.status == "active"]
    candidates = [e for e in active if e.pk != liaison_enterprise_id]
    unvetted = min(candidates, key=lambda e: (e.workforce, e.pk))
    expiring = max(candidates, key=lambda e: (e.workforce, e.pk))
    inspected = today - datetime.timedelta(days=430)  # before the past placements began
    for enterprise in active:
        if enterprise == unvetted:
            continue
        valid_until = (
            today + datetime.timedelta(days=20)
            if enterprise == expiring
            else today + datetime.timedelta(days=rng.randint(200, 360))
        )
        services.vetting_create(
            actor=admin,
            enterprise=enterprise,
            inspected_on=inspected,
            inspector=rng.choice(INSPECTORS),
            report=REPORT,
            decision="approved",
            decided_at_meeting="学校实习工作领导小组会议 School internship committee",
            published_on=inspected + datetime.timedelta(days=7),
            valid_until=valid_until,
        )
    services.vetting_create(
        actor=admin,
        enterprise=unvetted,
        inspected_on=inspected,
        inspector=rng.choice(INSPECTORS),
        report="宿舍消防通道堵塞，暂不予通过。 Dormitory fire exits blocked: not approved for now.",
        decision="rejected",
        decided_at_meeting="学校实习工作领导小组会议 School internship committee",
    )
    return {"unvetted_enterprise": unvetted}
