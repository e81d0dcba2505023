"""The partnerships' part of the home page (registered in apps.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.access import enterprise_id_of
from common.dashboard import dashboard_url as _url
from partnerships.selectors import agreement_visible_to, enterprise_visible_to, reviews_due


def staff_cards(user) -> dict:
    enterprises = enterprise_visible_to(user)
    agreements = agreement_visible_to(user).prefetch_related(None)
    cards = [
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
            "url": _url("partnerships:agreement-list", "?expiring_within_days=90"),
        },
        {
            "label": _("Annual reviews due (30 days)"),
            "value": reviews_due(user).count(),
            "url": _url("partnerships:agreement-list", "?review_due=true"),
        },
    ]
    return {"cards": cards}


def liaison_enterprise(user) -> dict:
    """The liaison's own enterprise, named at the top of their home page."""
    enterprise = enterprise_visible_to(user).filter(pk=enterprise_id_of(user)).first()
    return {"enterprise": enterprise}
