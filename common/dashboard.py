"""What the home page shows each role; each area adds its figures here."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Role, enterprise_id_of, role_of


def _url(name: str, query: str = "") -> str | None:
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return None


def dashboard_context(user) -> dict:
    role = role_of(user)
    context: dict = {"cards": [], "blocks": []}
    if role in (Role.ADMINISTRATOR, Role.TEACHER):
        context["cards"] += _partnership_cards(user)
        context["cards"] += _internship_cards(user, role)
        from groups.selectors import group_dashboard_cards

        # This year's progress of the vocational education groups.
        context["cards"] += group_dashboard_cards(user, year=timezone.localdate().year)
        # Each area may add a block template to the home page.
        context["blocks"].append("councils/dashboard_block.html")
        context.update(_councils_block(user))
    if role == Role.ADMINISTRATOR:
        _add_block(context, _reports_block(user))
    if role == Role.LIAISON:
        from partnerships.selectors import enterprise_visible_to

        context["enterprise"] = (
            enterprise_visible_to(user).filter(pk=enterprise_id_of(user)).first()
        )
        _add_block(context, _reports_liaison_block(user))
    return context


def _add_block(context: dict, block: dict) -> None:
    """Merge an area's block into the context, keeping the other areas' blocks."""
    blocks = [*context.get("blocks", []), *block.pop("blocks", [])]
    context.update(block)
    context["blocks"] = blocks


def _reports_block(user) -> dict:
    """The year's figures and charts (reports/dashboard.py)."""
    from reports.dashboard import administrator_block

    return {**administrator_block(user), "needs_charts": True}


def _reports_liaison_block(user) -> dict:
    from reports.dashboard import liaison_block

    return liaison_block(enterprise_id_of(user))


def _partnership_cards(user) -> list[dict]:
    from partnerships.selectors import agreement_visible_to, enterprise_visible_to, reviews_due

    enterprises = enterprise_visible_to(user)
    agreements = agreement_visible_to(user).prefetch_related(None)
    return [
        {
            "label": _("Active partner enterprises"),
            "value": enterprises.active().count(),
            "url": _url("partnerships:enterprise-list", "?status=active"),
        },
        {
            "label": _("Enterprises on record"),
            "value": enterprises.count(),
            "url": _url("partnerships:enterprise-list"),
        },
        {
            "label": _("Active agreements"),
            "value": agreements.active().count(),
            "url": _url("partnerships:agreement-list", "?status=active"),
        },
        {
            "label": _("Agreements expiring within 90 days"),
            "value": agreements.expiring(within_days=90).count(),
            "url": _url("partnerships:agreement-list", "?expiring=90"),
        },
        {
            "label": _("Annual reviews due (30 days)"),
            "value": reviews_due(user).count(),
            "url": _url("partnerships:agreement-list", "?review_due=on"),
        },
    ]


def _internship_cards(user, role) -> list[dict]:
    from internships.selectors import placement_visible_to

    return [
        {
            "label": _("Active placements")
            if role == Role.ADMINISTRATOR
            else _("Placements I supervise"),
            "value": placement_visible_to(user).filter(status="active").count(),
            "url": _url("internships:placement-list", "?status=active"),
        }
    ]


def _councils_block(user) -> dict:
    """Committees overdue for their yearly meeting, and the next meetings."""
    from councils.selectors import (
        committee_list_with_last_meeting,
        committee_visible_to,
        meetings_awaiting_record,
        upcoming_meetings,
    )

    overdue = list(
        committee_list_with_last_meeting(committee_visible_to(user))
        .filter(overdue=True)
        .order_by("name")[:10]
    )
    return {
        "overdue_committees": overdue,
        "next_meetings": upcoming_meetings(user, limit=5),
        "meetings_awaiting_record": meetings_awaiting_record(user, limit=5),
    }
