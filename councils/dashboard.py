"""The councils' part of the home page (registered in apps.py)."""

from __future__ import annotations

from councils.selectors import (
    committee_list_with_last_meeting,
    committee_visible_to,
    meetings_awaiting_record,
    upcoming_meetings,
)


def staff_block(user) -> dict:
    """Committees overdue for their yearly meeting, and the next meetings."""
    overdue = list(
        committee_list_with_last_meeting(committee_visible_to(user))
        .filter(overdue=True)
        .order_by("name")[:10]
    )
    return {
        "blocks": ["councils/dashboard_block.html"],
        "overdue_committees": overdue,
        "next_meetings": upcoming_meetings(user, limit=5),
        "meetings_awaiting_record": meetings_awaiting_record(user, limit=5),
    }
