"""Demo records of the 2021 regulation beyond the core rules, after the
internships: a refused venue, an override, insurance policies, pay records,
hours (with overtime and holiday work flagged), a cross-province placement
approved and a filing batch."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from common.exceptions import RuleError
from internships import services
from internships.models import Attendance, Placement, Position


def _refused_venue(enterprise) -> Position:
    """A KTV post an enterprise offered: refused by the rules, kept closed to show why."""
    try:
        services.position_create(
            enterprise=enterprise,
            title="KTV 服务员 Karaoke host",
            kind=Position.Kind.SHADOW,
            capacity=2,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + datetime.timedelta(days=60),
            venue_category="ktv",
        )
    except RuleError as error:
        reason = error.code
    # Stored closed, with the refusal in its filing note, so the demo shows it.
    return Position.objects.create(
        enterprise=enterprise,
        title="KTV 服务员 Karaoke host",
        kind=Position.Kind.SHADOW,
        capacity=2,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=60),
        venue_category="ktv",
        exception_filing=f"refused: {reason}",
        is_open=False,
    )


def _insure_and_pay(rng, placements, today) -> None:
    indirect_shown = False
    for index, placement in enumerate(placements):
        services.insurance_policy_create(
            placement=placement,
            insurer="中国人民财产保险 PICC",
            kind="liability",
            number=f"PICC-SX-{rng.randint(100000, 999999)}",
            payer="school" if index % 2 else "enterprise",
            purchased_on=placement.starts_on - datetime.timedelta(days=5),
            covers_from=placement.starts_on,
            covers_to=placement.ends_on,
            premium=Decimal("60.00"),
        )
        if placement.position.kind != "post":
            continue
        month = placement.starts_on.replace(day=1)
        last = min(placement.ends_on, today).replace(day=1)
        while month < last:
            paid = (month + datetime.timedelta(days=40)).replace(day=5)
            services.pay_record_create(
                placement=placement,
                month=month,
                amount=placement.position.monthly_pay,
                paid_on=paid,
                # One month paid through a labour agency: flagged, not direct.
                direct=indirect_shown,
            )
            indirect_shown = True
            month = (month + datetime.timedelta(days=32)).replace(day=1)


def _hours(placements) -> None:
    """Hours on the attendance already recorded: eight a day, one long day at night."""
    rows = list(
        Attendance.objects.filter(placement__in=placements, status="present").order_by("pk")
    )
    for row in rows:
        row.hours = Decimal(8)
    if rows:
        rows[0].hours, rows[0].night_hours = Decimal("10"), Decimal("2")
    Attendance.objects.bulk_update(rows, ["hours", "night_hours"])


def seed(rng: random.Random, context: dict) -> dict:
    today = timezone.localdate()
    admin = context["users"]["admin"]
    placements = context["placements"]
    refused = _refused_venue(context["unvetted_enterprise"])
    active = [p for p in placements if p.status == Placement.Status.ACTIVE]
    _insure_and_pay(rng, active[:12], today)
    _hours(active[:6])
    planned = [
        p
        for p in placements
        if p.status == Placement.Status.PLANNED and p.position.kind != "cognitive"
    ]
    if planned:
        services.placement_override(
            placement=planned[0],
            rule="enterprise_intern_share",
            reason="教育局同意的试点生产线 Pilot line agreed with the education bureau",
            actor=admin,
        )
    if len(planned) > 1:
        away = services.placement_update(placement=planned[1], destination="cross_province")
        services.placement_approve_destination(placement=away, actor=admin)
    batch = services.filing_create(
        actor=admin,
        title=f"{today.year} 岗位实习备案 Post internships",
        kind=Position.Kind.POST,
        emergency_plan=(
            "实习期间发生意外：实习单位立即送医并报告指导教师；学校 2 小时内报告主管部门。 "
            "In an accident the enterprise takes the intern to hospital and tells the "
            "supervisor; the school reports to the authority within two hours."
        ),
    )
    return {"refused_position": refused, "filing": batch}
