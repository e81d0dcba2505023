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
    from partnerships.selectors import enterprise_visible_to

    role = role_of(user)
    context: dict = {"cards": []}
    if role in (Role.ADMINISTRATOR, Role.TEACHER):
        enterprises = enterprise_visible_to(user)
        context["cards"].append(
            {
                "label": _("Active partner enterprises"),
                "value": enterprises.active().count(),
                "url": _url("partnerships:enterprise-list", "?status=active"),
            }
        )
        context["cards"].append(
            {
                "label": _("Enterprises on record"),
                "value": enterprises.count(),
                "url": _url("partnerships:enterprise-list"),
            }
        )
    if role in (Role.ADMINISTRATOR, Role.TEACHER):
        from internships.selectors import placement_visible_to

        placements = placement_visible_to(user)
        context["cards"].append(
            {
                "label": _("Active placements")
                if role == Role.ADMINISTRATOR
                else _("Placements I supervise"),
                "value": placements.filter(status="active").count(),
                "url": _url("internships:placement-list", "?status=active"),
            }
        )
    if role in (Role.ADMINISTRATOR, Role.TEACHER):
        from partnerships.selectors import agreement_visible_to, reviews_due

        agreements = agreement_visible_to(user).prefetch_related(None)
        context["cards"].append(
            {
                "label": _("Active agreements"),
                "value": agreements.active().count(),
                "url": _url("partnerships:agreement-list", "?status=active"),
            }
        )
        context["cards"].append(
            {
                "label": _("Agreements expiring within 90 days"),
                "value": agreements.expiring(within_days=90).count(),
                "url": _url("partnerships:agreement-list", "?expiring=90"),
            }
        )
        context["cards"].append(
            {
                "label": _("Annual reviews due (30 days)"),
                "value": reviews_due(user).count(),
                "url": _url("partnerships:agreement-list", "?review_due=on"),
            }
        )
        # Each area may add a block template to the home page.
        context.setdefault("blocks", []).append("councils/dashboard_block.html")
        context.update(_councils_block(user))
    if role in (Role.ADMINISTRATOR, Role.TEACHER):
        from groups.selectors import group_dashboard_cards

        # This year's progress of the vocational education groups.
        context["cards"] += group_dashboard_cards(user, year=timezone.localdate().year)
    if role == Role.ADMINISTRATOR:
        _add_block(context, _reports_block(user))
    if role == Role.LIAISON:
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
