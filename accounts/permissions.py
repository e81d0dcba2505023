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
        if resource is None or _method_not_allowed(request, view):
            # A method the endpoint does not have is a 405 for everyone; the
            # role decides only among the methods that exist.
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


def _method_not_allowed(request, view) -> bool:
    method = request.method.lower()
    action_map = getattr(view, "action_map", None)
    if action_map is not None:  # a viewset route: the methods it maps
        return method not in action_map and method != "options"
    return not hasattr(view, method)
