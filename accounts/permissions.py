from __future__ import annotations

from rest_framework import permissions

from accounts import access

_VERBS = {
    "list": access.READ,
    "retrieve": access.READ,
    "metadata": access.READ,
    "create": access.CREATE,
    "update": access.UPDATE,
    "partial_update": access.UPDATE,
    "destroy": access.DELETE,
}


class RolePolicy(permissions.BasePermission):
    """Grants what accounts.access.POLICY says for the view's ``policy_resource``.

    Views without a resource are open to any signed-in user (e.g. /me/).
    """

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        resource = getattr(view, "policy_resource", None)
        if resource is None:
            return True
        action = getattr(view, "action", None)
        if action is None:
            verb = access.READ if request.method in permissions.SAFE_METHODS else access.UPDATE
        else:
            verb = _VERBS.get(action, action)
        if access.allows(request.user, resource, verb):
            return True
        # A GET custom action (an export, a calendar file) is a read.
        return (
            request.method in permissions.SAFE_METHODS
            and verb not in _VERBS.values()
            and access.allows(request.user, resource, access.READ)
        )
