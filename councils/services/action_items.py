"""Action items from meetings."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from councils.models import ActionItem, Meeting


def _check_owner(owner: User | None) -> None:
    if owner is not None and not owner.is_active:
        raise RuleError("owner_inactive", _("The owner's account is disabled."), field="owner")


@transaction.atomic
def action_item_create(
    *,
    meeting: Meeting,
    description: str,
    due_on: datetime.date,
    owner: User | None = None,
) -> ActionItem:
    """A resolution's follow-up, recorded against the meeting that decided it."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.HELD:
        raise RuleError(
            "meeting_not_held",
            _("Resolutions come from a meeting that was held."),
            field="meeting",
        )
    if not (description or "").strip():
        raise RuleError(
            "description_required", _("Describe what is to be done."), field="description"
        )
    if due_on < meeting.local_date:
        raise RuleError(
            "due_before_meeting",
            _("A follow-up cannot be due before the meeting that decided it."),
            field="due_on",
        )
    _check_owner(owner)
    return ActionItem.objects.create(
        meeting=meeting, description=description, due_on=due_on, owner=owner
    )


@transaction.atomic
def action_item_update(*, action_item: ActionItem, **fields: Any) -> ActionItem:
    item = ActionItem.objects.select_for_update().select_related("meeting").get(pk=action_item.pk)
    if "meeting" in fields and fields["meeting"].pk != item.meeting_id:
        raise RuleError("meeting_fixed", _("A follow-up stays with its meeting."), field="meeting")
    if "description" in fields:
        if not (fields["description"] or "").strip():
            raise RuleError(
                "description_required", _("Describe what is to be done."), field="description"
            )
        item.description = fields["description"]
    if "due_on" in fields:
        if fields["due_on"] < item.meeting.local_date:
            raise RuleError(
                "due_before_meeting",
                _("A follow-up cannot be due before the meeting that decided it."),
                field="due_on",
            )
        item.due_on = fields["due_on"]
    if "owner" in fields:
        _check_owner(fields["owner"])
        item.owner = fields["owner"]
    status = fields.get("status")
    if status == ActionItem.Status.DONE and item.status != ActionItem.Status.DONE:
        item.status = ActionItem.Status.DONE
        item.completed_on = timezone.localdate()
    elif status == ActionItem.Status.OPEN and item.status != ActionItem.Status.OPEN:
        item.status = ActionItem.Status.OPEN
        item.completed_on = None
    item.save()
    return item


@transaction.atomic
def action_item_complete(
    *, action_item: ActionItem, completed_on: datetime.date | None = None
) -> ActionItem:
    item = ActionItem.objects.select_for_update().get(pk=action_item.pk)
    if item.status == ActionItem.Status.DONE:
        raise RuleError("action_item_done", _("This follow-up is already done."))
    item.status = ActionItem.Status.DONE
    item.completed_on = completed_on or timezone.localdate()
    item.save(update_fields=["status", "completed_on", "updated_at"])
    return item
