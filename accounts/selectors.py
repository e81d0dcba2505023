from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet

from accounts.access import is_administrator


def user_visible_to(user) -> QuerySet[User]:
    if not is_administrator(user):
        return User.objects.none()
    return User.objects.select_related("profile").prefetch_related("groups").order_by("username")


def user_role_from_prefetch(user: User) -> str | None:
    """The role of a listed user, read from prefetched groups (no query)."""
    from accounts.access import ROLE_PRIORITY, Role

    if user.is_superuser:
        return Role.ADMINISTRATOR
    names = {g.name for g in user.groups.all()}
    return next((r.value for r in ROLE_PRIORITY if r.value in names), None)
