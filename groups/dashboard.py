"""The groups' part of the home page (registered in apps.py)."""

from __future__ import annotations

from django.utils import timezone

from groups.selectors import group_dashboard_cards


def staff_cards(user) -> dict:
    # This year's progress of the vocational education groups.
    return {"cards": group_dashboard_cards(user, year=timezone.localdate().year)}
