"""Helpers more than one section uses: locking a log and checking its author."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from accounts.access import Role, role_of
from common.exceptions import RuleError
from internships.models import PlacementLog


def _check_log_author(log: PlacementLog, actor: User | None) -> None:
    """A log is its author's word: only they, or an administrator, change it."""
    if actor is None or role_of(actor) == Role.ADMINISTRATOR:
        return
    if log.author_id is None or log.author_id != actor.pk:
        raise RuleError(
            "log_not_author",
            _("Only the author of a log or an administrator may change it."),
            status=403,
        )


def _lock_log(log: PlacementLog) -> PlacementLog:
    return PlacementLog.objects.select_for_update().get(pk=log.pk)
