"""Reads for councils; every view and report starts from a *_visible_to.

Administrators and teachers read every committee. A liaison reads the
committees their enterprise sits on (and those committees' members by name,
meetings and follow-ups); a reporter reads none of it.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth.models import User
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.access import Role, enterprise_id_of, role_of
from councils.models import (
    MEETING_INTERVAL_DAYS,
    ActionItem,
    CharterVersion,
    Committee,
    Meeting,
    Membership,
)

_STAFF = {Role.ADMINISTRATOR, Role.TEACHER}

ROLE_ORDER = Case(
    When(role=Membership.Role.CHAIR, then=Value(0)),
    When(role=Membership.Role.VICE_CHAIR, then=Value(1)),
    When(role=Membership.Role.SECRETARY, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def committee_visible_to(user) -> QuerySet[Committee]:
    role = role_of(user)
    if role in _STAFF:
        return Committee.objects.select_related("major")
    if role == Role.LIAISON:
        enterprise_id = enterprise_id_of(user)
        seats = Membership.objects.filter(committee=OuterRef("pk"), enterprise_id=enterprise_id)
        return Committee.objects.select_related("major").filter(Exists(seats))
    return Committee.objects.none()


def membership_visible_to(user) -> QuerySet[Membership]:
    role = role_of(user)
    if role in _STAFF:
        return Membership.objects.all()
    if role == Role.LIAISON:
        return Membership.objects.filter(committee__in=committee_visible_to(user).values("pk"))
    return Membership.objects.none()


def meeting_visible_to(user) -> QuerySet[Meeting]:
    role = role_of(user)
    if role in _STAFF:
        base = Meeting.objects.all()
    elif role == Role.LIAISON:
        base = Meeting.objects.filter(committee__in=committee_visible_to(user).values("pk"))
    else:
        return Meeting.objects.none()
    return base.select_related("committee").prefetch_related(
        Prefetch("attendees", queryset=Membership.objects.only("id"))
    )


def action_item_visible_to(user) -> QuerySet[ActionItem]:
    role = role_of(user)
    if role in _STAFF:
        return ActionItem.objects.all()
    if role == Role.LIAISON:
        return ActionItem.objects.filter(
            meeting__committee__in=committee_visible_to(user).values("pk")
        )
    return ActionItem.objects.none()


def charter_visible_to(user) -> QuerySet[CharterVersion]:
    return CharterVersion.objects.filter(
        committee__in=committee_visible_to(user).values("pk")
    ).select_related("adopted_at_meeting")


def _current_members(on: datetime.date):
    return Membership.objects.filter(committee=OuterRef("pk")).current(on)


def committee_list_with_last_meeting(
    queryset: QuerySet[Committee] | None = None, *, now: datetime.datetime | None = None
) -> QuerySet[Committee]:
    """Committees with when they last met, their next meeting, and flags.

    ``last_met_at``: the latest held meeting; ``next_meeting_at``: the next
    planned one; ``overdue``: active, established over a year ago, and no
    meeting held in the last 365 days; ``member_count`` and
    ``composition_ok`` (a steering committee has both school and enterprise
    members) from the members whose term covers today. All correlated
    subqueries, so the list costs one query however long it is.
    """
    if queryset is None:
        queryset = Committee.objects.select_related("major")
    now = now or timezone.now()
    today = timezone.localdate(now)
    cutoff = now - datetime.timedelta(days=MEETING_INTERVAL_DAYS)
    held = Meeting.objects.filter(committee=OuterRef("pk"), status=Meeting.Status.HELD)
    upcoming = Meeting.objects.filter(
        committee=OuterRef("pk"), status=Meeting.Status.PLANNED, scheduled_at__gte=now
    )
    members = _current_members(today)
    count = members.order_by().values("committee").annotate(n=Count("pk")).values("n")
    return queryset.annotate(
        last_met_at=Subquery(held.order_by("-scheduled_at").values("scheduled_at")[:1]),
        next_meeting_at=Subquery(upcoming.order_by("scheduled_at").values("scheduled_at")[:1]),
        member_count=Coalesce(Subquery(count, output_field=IntegerField()), 0),
        has_school=Exists(members.filter(affiliation=Membership.Affiliation.SCHOOL)),
        has_enterprise=Exists(members.filter(affiliation=Membership.Affiliation.ENTERPRISE)),
    ).annotate(
        overdue=Case(
            When(
                Q(status=Committee.Status.ACTIVE, established_on__lte=timezone.localdate(cutoff))
                & (Q(last_met_at__isnull=True) | Q(last_met_at__lt=cutoff)),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
        composition_ok=Case(
            When(kind=Committee.Kind.COUNCIL, then=Value(True)),
            When(has_school=True, has_enterprise=True, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def committee_composition(committee: Committee, *, on: datetime.date | None = None) -> dict:
    """The mix of the members whose term covers ``on`` (today by default).

    ``ok`` is False for a steering committee lacking either school or
    enterprise members (a steering committee needs both).
    """
    on = on or timezone.localdate()
    rows = list(
        Membership.objects.filter(committee=committee)
        .current(on)
        .values_list("affiliation", "category")
    )
    by_affiliation = Counter(a for a, _c in rows)
    by_category = Counter(c for _a, c in rows)
    has_school = by_affiliation[Membership.Affiliation.SCHOOL] > 0
    has_enterprise = by_affiliation[Membership.Affiliation.ENTERPRISE] > 0
    missing = []
    if committee.kind == Committee.Kind.STEERING:
        if not has_school:
            missing.append(Membership.Affiliation.SCHOOL.value)
        if not has_enterprise:
            missing.append(Membership.Affiliation.ENTERPRISE.value)
    return {
        "total": len(rows),
        "by_affiliation": {
            code: by_affiliation[code] for code, _label in Membership.Affiliation.choices
        },
        "by_category": {code: by_category[code] for code, _label in Membership.Category.choices},
        "affiliation_rows": [
            (label, by_affiliation[code]) for code, label in Membership.Affiliation.choices
        ],
        "category_rows": [
            (label, by_category[code]) for code, label in Membership.Category.choices
        ],
        "has_school": has_school,
        "has_enterprise": has_enterprise,
        "missing": missing,
        "ok": not missing,
    }


def meetings_for_calendar(user: User) -> QuerySet[Meeting]:
    """Every meeting of the committees where ``user`` is a current member."""
    committees = Membership.objects.filter(user=user).current().values("committee_id").distinct()
    return (
        Meeting.objects.filter(committee__in=committees)
        .select_related("committee")
        .order_by("scheduled_at", "pk")
    )


def upcoming_meetings(user, *, limit: int = 5) -> list[Meeting]:
    return list(
        meeting_visible_to(user)
        .filter(status=Meeting.Status.PLANNED, scheduled_at__gte=timezone.now())
        .prefetch_related(None)
        .order_by("scheduled_at", "pk")[:limit]
    )


def meetings_awaiting_record(user, *, limit: int = 5) -> list[Meeting]:
    """Planned meetings whose time has passed: hold (record) or cancel them."""
    return list(
        meeting_visible_to(user)
        .filter(status=Meeting.Status.PLANNED, scheduled_at__lt=timezone.now())
        .prefetch_related(None)
        .order_by("scheduled_at", "pk")[:limit]
    )
