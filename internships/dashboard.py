"""The internships' part of the home page (registered in apps.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.access import Role, role_of
from common.dashboard import dashboard_url as _url
from internships.selectors import placement_visible_to


def staff_cards(user) -> dict:
    label = (
        _("Active placements")
        if role_of(user) == Role.ADMINISTRATOR
        else _("Placements I supervise")
    )
    card = {
        "label": label,
        "value": placement_visible_to(user).filter(status="active").count(),
        "url": _url("internships:placement-list", "?status=active"),
    }
    return {"cards": [card]}
