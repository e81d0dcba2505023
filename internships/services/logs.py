"""Placement logs: reports, supervision visits, incidents."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import Role, role_of
from accounts.selectors import administrators
from common.exceptions import RuleError
from internships.models import Placement, PlacementLog
from notifications.services import notification_send

from ._shared import _check_log_author, _lock_log


def _notify_incident(log: PlacementLog) -> None:
    placement = Placement.objects.select_related("student", "supervisor", "enterprise").get(
        pk=log.placement_id
    )
    recipients = [placement.supervisor, *administrators()]
    notification_send(
        recipients=[u for u in recipients if u is not None and u.pk != log.author_id],
        kind="placement_incident",
        subject=_("Incident at %(enterprise)s: %(student)s")
        % {"enterprise": placement.enterprise.name, "student": placement.student.name},
        body=log.text,
        obj=placement,
        url=reverse("internships:placement-detail", args=[placement.pk]),
    )


def _check_log_kind(kind: str, author: User | None) -> None:
    if kind not in PlacementLog.Kind.values:
        raise RuleError("log_kind_invalid", _("Unknown kind of log."), field="kind")
    # A supervision visit is the school's record of its own visit.
    if (
        kind == PlacementLog.Kind.VISIT
        and author is not None
        and role_of(author) not in (Role.TEACHER, Role.ADMINISTRATOR)
    ):
        raise RuleError(
            "visit_not_allowed",
            _("Only teachers and administrators record supervision visits."),
            field="kind",
        )


@transaction.atomic
def placement_log_create(
    *,
    placement: Placement,
    kind: str,
    date: datetime.date,
    text: str,
    author: User | None = None,
) -> PlacementLog:
    """A weekly report, a supervision visit or an incident.

    An incident notifies the supervisor and the administrators at once, after
    the commit, so a rolled-back log notifies nobody.
    """
    text = (text or "").strip()
    if not text:
        raise RuleError("text_required", _("Write what happened."), field="text")
    _check_log_kind(kind, author)
    log = PlacementLog.objects.create(
        placement=placement, kind=kind, date=date, text=text, author=author
    )
    if kind == PlacementLog.Kind.INCIDENT:
        transaction.on_commit(lambda: _notify_incident(log))
    return log


@transaction.atomic
def placement_log_update(
    *, log: PlacementLog, actor: User | None = None, **fields: Any
) -> PlacementLog:
    log = _lock_log(log)
    _check_log_author(log, actor)
    for key in ("kind", "date", "text"):
        if key in fields:
            setattr(log, key, fields[key])
    log.text = (log.text or "").strip()
    if not log.text:
        raise RuleError("text_required", _("Write what happened."), field="text")
    if "kind" in fields:
        _check_log_kind(log.kind, actor)
    log.save()
    return log
