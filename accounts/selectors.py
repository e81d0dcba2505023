"""Reads about people: the users of a role, the users list.

"Users with role X" is defined here once and means what ``role_of`` says for
one user: a superuser is an administrator whatever their groups; otherwise a
user's role is the first of ``ROLE_PRIORITY`` among their groups (so a teacher
also in the liaison group is a teacher, not a liaison). An inactive user has
no role here: they are never offered, reminded or notified.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.access import ROLE_PRIORITY, Role, is_administrator


def _in_groups(roles) -> Exists:
    return Exists(
        User.groups.through.objects.filter(
            user_id=OuterRef("pk"), group__name__in=[Role(r).value for r in roles]
        )
    )


def role_q(*roles: Role | str) -> Q:
    """A filter on User: the user's role (as ``role_of`` computes it) is one of ``roles``."""
    condition = Q(pk__in=[])
    for role in {Role(r) for r in roles}:
        higher = ROLE_PRIORITY[: ROLE_PRIORITY.index(role)]
        in_role = Q(_in_groups([role]), is_superuser=False)
        if higher:
            in_role &= ~Q(_in_groups(higher))
        if role == Role.ADMINISTRATOR:
            in_role |= Q(is_superuser=True)
        condition |= in_role
    return condition


def users_with_role(*roles: Role | str) -> QuerySet[User]:
    """Active users whose role is one of ``roles``, by username (see the module doc)."""
    return User.objects.filter(role_q(*roles), is_active=True).order_by("username", "pk")


def administrators() -> QuerySet[User]:
    return users_with_role(Role.ADMINISTRATOR)


def staff_users() -> QuerySet[User]:
    """Administrators and teachers: who may own an agreement or supervise a placement."""
    return users_with_role(Role.ADMINISTRATOR, Role.TEACHER)


def user_visible_to(user) -> QuerySet[User]:
    if not is_administrator(user):
        return User.objects.none()
    # The student record through the user's link: accounts names no area model.
    return (
        User.objects.select_related("profile", "student_record")
        .prefetch_related("groups")
        .order_by("username")
    )


def user_role_from_prefetch(user: User) -> str | None:
    """The role of a listed user, read from prefetched groups (no query)."""
    if user.is_superuser:
        return Role.ADMINISTRATOR
    names = {g.name for g in user.groups.all()}
    return next((r.value for r in ROLE_PRIORITY if r.value in names), None)
