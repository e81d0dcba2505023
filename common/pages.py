"""Helpers shared by the browser pages of every area."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form

from accounts.access import Role, role_of
from common.exceptions import RuleError

PAGE_SIZES = (25, 50, 100, 200)


def role_required(*roles: Role) -> Callable:
    """Signed-in users of the given roles only; others get the 403 page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if role_of(request.user) not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def paginate(request, queryset, *, default_size: int = 25):
    """A page of ``queryset`` from ?page= and ?page_size=; bad values fall back."""
    try:
        size = int(request.GET.get("page_size", default_size))
    except ValueError:
        size = default_size
    size = size if size in PAGE_SIZES else default_size
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def apply_rule_error(form: Form, error: RuleError) -> None:
    """Show a service's refusal next to the field it concerns."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
