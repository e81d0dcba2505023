"""The main navigation: one entry per area, shown to the roles that use it."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.access import Role, role_of

A, T, L = Role.ADMINISTRATOR, Role.TEACHER, Role.LIAISON

# (label, url name, path prefix that marks it active, roles)
ENTRIES = [
    (_("Dashboard"), "home", None, {A, T, L, Role.REPORTER}),
    (_("Enterprises"), "partnerships:enterprise-list", "/partnerships/enterprises/", {A, T}),
    (_("Agreements"), "partnerships:agreement-list", "/partnerships/agreements/", {A, T}),
    (_("Majors"), "partnerships:major-list", "/partnerships/majors/", {A, T}),
    (_("Councils"), "councils:committee-list", "/councils/", {A, T}),
    (_("Groups"), "groups:group-list", "/groups/", {A, T}),
    (_("Records"), "records:index", "/records/", {A, T}),
    (_("Internships"), "internships:placement-list", "/internships/", {A, T}),
    (_("Allocation"), "allocation:round-list", "/allocation/", {A, T}),
    (_("Teacher's day"), "practice:teacher-day", "/practice/day/", {A, T}),
    (_("My internship"), "practice:today", "/practice/me/", {Role.STUDENT}),
    (_("My enterprise"), "portal:home", "/portal/", {L}),
    (
        _("Internship agreements"),
        "contracts:agreement-list",
        "/contracts/",
        {A, T, L, Role.STUDENT},
    ),
    (_("Applicants"), "allocation:portal", "/allocation/portal/", {L}),
    (_("Reports"), "reports:index", "/reports/", {A}),
]


def navigation(request):
    role = role_of(getattr(request, "user", None))
    items = []
    if role is not None:
        for label, url_name, prefix, roles in ENTRIES:
            if role not in roles:
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue  # that area is not installed (yet)
            active = request.path == url if prefix is None else request.path.startswith(prefix)
            items.append({"label": label, "url": url, "active": active})
    return {"nav_items": items}
