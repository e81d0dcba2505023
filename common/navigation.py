"""The main navigation: one entry per area, shown to the roles that use it."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.access import Role, role_of

A, T, L = Role.ADMINISTRATOR, Role.TEACHER, Role.LIAISON

# Areas that share a menu: on a laptop's width a row of a dozen links would
# scroll sideways, so each of these opens as one dropdown (a plain link when a
# role sees only one of its entries).
COOPERATION = _("Cooperation")
INTERNSHIPS = _("Internships")

# (label, url name, path prefix that marks it active, roles, menu)
ENTRIES = [
    (_("Dashboard"), "home", None, {A, T, L, Role.REPORTER}, None),
    (
        _("Enterprises"),
        "partnerships:enterprise-list",
        "/partnerships/enterprises/",
        {A, T},
        COOPERATION,
    ),
    (
        _("Agreements"),
        "partnerships:agreement-list",
        "/partnerships/agreements/",
        {A, T},
        COOPERATION,
    ),
    (_("Majors"), "partnerships:major-list", "/partnerships/majors/", {A, T}, COOPERATION),
    (_("Records"), "records:index", "/records/", {A, T}, COOPERATION),
    (_("Councils"), "councils:committee-list", "/councils/", {A, T}, None),
    (_("Groups"), "groups:group-list", "/groups/", {A, T}, None),
    (
        _("Placements and students"),
        "internships:placement-list",
        "/internships/",
        {A, T},
        INTERNSHIPS,
    ),
    (_("Allocation"), "allocation:round-list", "/allocation/", {A, T}, INTERNSHIPS),
    (_("Teacher's day"), "practice:teacher-day", "/practice/day/", {A, T}, INTERNSHIPS),
    (_("My internship"), "practice:today", "/practice/me/", {Role.STUDENT}, None),
    (_("My enterprise"), "portal:home", "/portal/", {L}, None),
    (
        _("Internship agreements"),
        "contracts:agreement-list",
        "/contracts/",
        {A, T, L, Role.STUDENT},
        INTERNSHIPS,
    ),
    (_("Applicants"), "allocation:portal", "/allocation/portal/", {L}, None),
    (_("Reports"), "reports:index", "/reports/", {A}, None),
]


def navigation(request):
    """``nav_items``: links, and menus (``children``) in the place of their first entry."""
    role = role_of(getattr(request, "user", None))
    items, menus = [], {}
    if role is None:
        return {"nav_items": items}
    for label, url_name, prefix, roles, menu in ENTRIES:
        if role not in roles:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # that area is not installed (yet)
        active = request.path == url if prefix is None else request.path.startswith(prefix)
        link = {"label": label, "url": url, "active": active}
        if menu is None:
            items.append(link)
        elif menu in menus:
            menus[menu]["children"].append(link)
        else:
            menus[menu] = {"label": menu, "children": [link]}
            items.append(menus[menu])
    for position, item in enumerate(items):
        children = item.get("children")
        if children is None:
            continue
        if len(children) == 1:
            items[position] = children[0]
        else:
            item["active"] = any(child["active"] for child in children)
    return {"nav_items": items}
