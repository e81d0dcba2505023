"""Every write to councils goes through a function here.

One module per area: committees, memberships, meetings, charters, action
items and the calendar feed; every service is re-exported here, so callers
import from ``councils.services`` as before.
"""

from .action_items import (
    action_item_complete,
    action_item_create,
    action_item_update,
)
from .calendar_feed import (
    profile_rotate_calendar_token,
)
from .charters import (
    charter_adopt,
)
from .committees import (
    COMMITTEE_FIELDS,
    committee_create,
    committee_dissolve,
    committee_update,
)
from .meetings import (
    INVITE_FIELDS,
    MEETING_FIELDS,
    meeting_cancel,
    meeting_hold,
    meeting_schedule,
    meeting_update,
)
from .memberships import (
    MEMBERSHIP_FIELDS,
    membership_add,
    membership_end,
    membership_update,
)

__all__ = [
    "COMMITTEE_FIELDS",
    "INVITE_FIELDS",
    "MEETING_FIELDS",
    "MEMBERSHIP_FIELDS",
    "action_item_complete",
    "action_item_create",
    "action_item_update",
    "charter_adopt",
    "committee_create",
    "committee_dissolve",
    "committee_update",
    "meeting_cancel",
    "meeting_hold",
    "meeting_schedule",
    "meeting_update",
    "membership_add",
    "membership_end",
    "membership_update",
    "profile_rotate_calendar_token",
]
