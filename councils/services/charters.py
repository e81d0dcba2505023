"""A committee's charter and its versions."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from councils.models import CharterVersion, Committee, Meeting

from ._shared import _lock_committee


@transaction.atomic
def charter_adopt(
    *,
    committee: Committee,
    text: str,
    meeting: Meeting,
    adopted_on: datetime.date | None = None,
) -> CharterVersion:
    """A new charter version, numbered after the last, adopted at a held meeting."""
    committee = _lock_committee(committee)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not (text or "").strip():
        raise RuleError("text_required", _("The charter needs its text."), field="text")
    if meeting.committee_id != committee.pk:
        raise RuleError(
            "meeting_other_committee",
            _("The charter is adopted at a meeting of the same committee."),
            field="adopted_at_meeting",
        )
    if meeting.status != Meeting.Status.HELD:
        raise RuleError(
            "meeting_not_held",
            _("A charter is adopted at a meeting that was held."),
            field="adopted_at_meeting",
        )
    adopted_on = adopted_on or meeting.local_date
    if adopted_on < meeting.local_date:
        raise RuleError(
            "adopted_before_meeting",
            _("A charter cannot be adopted before the meeting took place."),
            field="adopted_on",
        )
    last = CharterVersion.objects.filter(committee=committee).aggregate(n=Max("version"))["n"]
    return CharterVersion.objects.create(
        committee=committee,
        version=(last or 0) + 1,
        text=text,
        adopted_at_meeting=meeting,
        adopted_on=adopted_on,
    )
