"""Helpers shared by the browser pages of every area."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render

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
    """Show a service's refusal next to the field it concerns (atop the form
    when that field is hidden or not on it)."""
    shown = error.field in form.fields and not form.fields[error.field].widget.is_hidden
    field = error.field if shown else None
    form.add_error(field, error.message)


def filter_list(
    request, filterset_class, queryset: QuerySet, form_class=None
) -> tuple[Form | None, QuerySet]:
    """The list's rows filtered by its FilterSet (the one the API uses), and the filter bar.

    The parameters, their meaning and the search are the FilterSet's, so a
    page and its API endpoint answer the same. ``form_class`` only draws the
    bar (labels, "any" choices, a select of majors); its fields carry the
    FilterSet's parameter names and show the FilterSet's errors, so nothing
    is validated twice. An invalid parameter filters nothing, and the bar
    says so next to it.
    """
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    if filterset.is_valid():
        queryset = filterset.filter_queryset(queryset)
    form = None
    if form_class is not None:
        form = form_class(request.GET or None)
        if form.is_bound:
            form._errors = filterset.errors  # the FilterSet's verdict, not a second one
    return form, queryset


def sort_by(
    request,
    queryset: QuerySet,
    allowed: Iterable[str],
    default: str,
    *,
    then: tuple[str, ...] = ("pk",),
) -> tuple[QuerySet, str]:
    """Order a list page by ``?sort=`` if it names an allowed field, else by ``default``.

    ``allowed`` is the list's FilterSet ``ordering_fields``, the same fields
    the API's ``?ordering=`` takes; a leading ``-`` reverses. ``then`` keeps
    the order stable, so pages do not overlap. Returns the ordered rows and
    the sort in effect, which the column links mark.
    """
    sort = request.GET.get("sort") or default
    if sort.removeprefix("-") not in allowed:
        sort = default
    return queryset.order_by(sort, *then), sort


def form_page(
    request,
    form: Form,
    save: Callable[[dict], Any],
    *,
    template: str,
    redirect_to: Callable[[Any], Any] | str,
    success: str | Callable[[Any], str] | None = None,
    context: dict | None = None,
) -> HttpResponse:
    """A create or edit page: the form, then the service, then a redirect.

    On a valid POST, ``save(cleaned_data)`` calls the service and returns what
    it wrote; the user sees ``success`` and goes to ``redirect_to`` (a URL, or
    a function of the saved object giving anything ``redirect()`` takes). A
    rule the service refuses is shown next to the field it concerns, and the
    form is drawn again with what the user typed.
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except RuleError as error:
            apply_rule_error(form, error)
        else:
            if success:
                messages.success(request, success(saved) if callable(success) else success)
            target = redirect_to(saved) if callable(redirect_to) else redirect_to
            return target if isinstance(target, HttpResponse) else redirect(target)
    return render(request, template, {"form": form, **(context or {})})
