from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from accounts.access import Role
from common.exports import export_rows
from common.pages import filter_list, form_page, paginate, role_required, sort_by
from groups import selectors, services
from groups.api.filters import EducationGroupFilter, ResearchProjectFilter, SharedResourceFilter
from groups.forms import (
    EducationGroupForm,
    GroupFilterForm,
    GroupMemberForm,
    GroupMemberLeaveForm,
    GroupTargetForm,
    ResearchProjectFilterForm,
    ResearchProjectForm,
    SharedResourceFilterForm,
    SharedResourceForm,
)
from groups.models import GroupMember

READERS = (Role.ADMINISTRATOR, Role.TEACHER, Role.LIAISON)
ADMIN = Role.ADMINISTRATOR
PROGRESS_YEARS = 4


def _group(request, pk: int):
    return get_object_or_404(selectors.group_visible_to(request.user), pk=pk)


# Groups -------------------------------------------------------------------


@role_required(*READERS)
def group_list(request):
    form, queryset = filter_list(
        request,
        EducationGroupFilter,
        selectors.group_list_for_page(request.user),
        GroupFilterForm,
    )
    queryset, sort = sort_by(request, queryset, EducationGroupFilter.ordering_fields, "name")
    export = export_rows(
        request,
        queryset,
        [
            (_l("Name"), lambda g: g.name),
            (_l("Level"), lambda g: g.get_level_display()),
            (_l("Founded on"), lambda g: g.founded_on),
            (_l("Lead institutions"), lambda g: g.lead_institutions),
            (_l("Current members"), lambda g: g.current_members),
            (_l("Member enterprises"), lambda g: g.member_enterprises),
            (_l("Internship target"), lambda g: g.internship_target),
            (_l("Employment target"), lambda g: g.employment_target),
        ],
        "groups",
    )
    if export:
        return export
    return render(
        request,
        "groups/group_list.html",
        {
            "filter_form": form,
            "page": paginate(request, queryset),
            "sort": sort,
            "exportable": True,
        },
    )


def _chart_spec(label: str, rows: list[dict], actual: str, target: str) -> dict:
    """A Chart.js bar chart of one figure against its target, year by year."""
    return {
        "type": "bar",
        "data": {
            "labels": [str(row["year"]) for row in rows],
            "datasets": [
                {
                    "label": _("Achieved"),
                    "data": [row[actual] for row in rows],
                    "backgroundColor": "#1f4e79",
                },
                {
                    "label": _("Target"),
                    "data": [row[target] for row in rows],
                    "backgroundColor": "#adb5bd",
                },
            ],
        },
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {"title": {"display": True, "text": label}},
            "scales": {"y": {"beginAtZero": True, "ticks": {"precision": 0}}},
        },
    }


PROGRESS_FIGURES = [
    ("internships", "internships", "internship_target"),
    ("hires", "hires", "employment_target"),
    ("resources", "resources", "resource_target"),
    ("patents", "patents", "patent_target"),
]


def _progress(group, this_year: int) -> tuple[list[dict], list[dict]]:
    rows = selectors.group_progress(group=group, this_year=this_year, span=PROGRESS_YEARS)
    labels = {
        "internships": _("Internship placements"),
        "hires": _("Hires"),
        "resources": _("Shared resources"),
        "patents": _("Patents"),
    }
    charts = []
    for key, actual, target in PROGRESS_FIGURES:
        charts.append(
            {
                "id": f"chart-{key}",
                "label": labels[key],
                "spec": _chart_spec(labels[key], rows, actual, target),
            }
        )
    for row in rows:
        row["figures"] = [
            {
                "key": key,
                "label": labels[key],
                "actual": row[actual],
                "target": row[target],
                "percent": round(100 * row[actual] / row[target]) if row[target] else None,
            }
            for key, actual, target in PROGRESS_FIGURES
        ]
    return rows, charts


@role_required(*READERS)
def group_detail(request, pk: int):
    group = _group(request, pk)
    this_year = timezone.localdate().year
    members_by_kind: dict[str, dict] = {
        kind: {"label": label, "current": [], "former": []}
        for kind, label in GroupMember.Kind.choices
    }
    for member in group.members.order_by("name", "pk"):
        bucket = "current" if member.left_on is None else "former"
        members_by_kind[member.kind][bucket].append(member)
    progress, charts = _progress(group, this_year)
    resources = selectors.shared_resource_visible_to(request.user).filter(group=group)
    projects = selectors.research_project_visible_to(request.user).filter(group=group)
    counts = group.members.aggregate(
        current=Count("pk", filter=Q(left_on__isnull=True)),
        enterprises=Count("pk", filter=Q(left_on__isnull=True, kind=GroupMember.Kind.ENTERPRISE)),
    )
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            "this_year": this_year,
            "members_by_kind": [v for v in members_by_kind.values() if v["current"] or v["former"]],
            "member_counts": counts,
            "progress": progress,
            "this_year_progress": progress[-1],
            "charts": charts,
            "targets": group.targets.order_by("-year"),
            "resources": resources.order_by("-year", "title", "pk")[:10],
            "projects": projects.order_by("-started_on", "title", "pk")[:10],
        },
    )


@role_required(ADMIN)
def group_edit(request, pk: int | None = None):
    group = _group(request, pk) if pk else None

    def save(data):
        if group:
            return services.group_update(group=group, **data)
        return services.group_create(**data)

    return form_page(
        request,
        EducationGroupForm(request.POST or None, instance=group),
        save,
        template="groups/group_form.html",
        context={
            "group": group,
            "heading": _("Edit the group") if group else _("New vocational education group"),
            "cancel_url": reverse("groups:group-detail", args=[group.pk])
            if group
            else reverse("groups:group-list"),
        },
        success=_("The group was saved.") if group else _("The group was created."),
        redirect_to=lambda saved: reverse("groups:group-detail", args=[saved.pk]),
    )


@role_required(ADMIN)
def group_target_set(request, pk: int):
    group = _group(request, pk)
    initial = {"year": timezone.localdate().year}
    return form_page(
        request,
        GroupTargetForm(request.POST or None, initial=initial),
        lambda data: services.group_target_set(group=group, **data),
        template="groups/target_form.html",
        context={
            "group": group,
            "targets": group.targets.order_by("-year"),
            "heading": _("Set a year's targets"),
            "cancel_url": reverse("groups:group-detail", args=[group.pk]),
        },
        success=lambda target: _("The targets for %(year)s were saved.") % {"year": target.year},
        redirect_to=reverse("groups:group-detail", args=[group.pk]),
    )


# Members ------------------------------------------------------------------


@role_required(ADMIN)
def member_edit(request, pk: int | None = None, member_pk: int | None = None):
    member = None
    if member_pk:
        member = get_object_or_404(
            selectors.group_member_visible_to(request.user).select_related("group"), pk=member_pk
        )
        group = member.group
    else:
        group = _group(request, pk)

    def save(data):
        if member:
            return services.group_member_update(member=member, **data)
        return services.group_member_add(group=group, **data)

    return form_page(
        request,
        GroupMemberForm(request.POST or None, instance=member),
        save,
        template="groups/member_form.html",
        context={
            "group": group,
            "member": member,
            "heading": _("Edit %(name)s") % {"name": member.name} if member else _("Add a member"),
            "cancel_url": reverse("groups:group-detail", args=[group.pk]),
        },
        success=_("The member was saved.") if member else _("The member was added."),
        redirect_to=reverse("groups:group-detail", args=[group.pk]),
    )


@role_required(ADMIN)
def member_leave(request, member_pk: int):
    member = get_object_or_404(
        selectors.group_member_visible_to(request.user).select_related("group"), pk=member_pk
    )
    detail_url = reverse("groups:group-detail", args=[member.group_id])
    return form_page(
        request,
        GroupMemberLeaveForm(request.POST or None, initial={"left_on": timezone.localdate()}),
        lambda data: services.group_member_leave(member=member, **data),
        template="groups/member_leave.html",
        context={
            "group": member.group,
            "member": member,
            "heading": _("%(name)s leaves the group") % {"name": member.name},
            "cancel_url": detail_url,
        },
        success=_("%(name)s has left the group.") % {"name": member.name},
        redirect_to=detail_url,
    )


# Shared resources ---------------------------------------------------------


@role_required(*READERS)
def resource_list(request, pk: int):
    group = _group(request, pk)
    form, queryset = filter_list(
        request,
        SharedResourceFilter,
        selectors.shared_resource_visible_to(request.user).filter(group=group),
        SharedResourceFilterForm,
    )
    queryset, sort = sort_by(request, queryset, SharedResourceFilter.ordering_fields, "-year")
    return render(
        request,
        "groups/resource_list.html",
        {"group": group, "filter_form": form, "page": paginate(request, queryset), "sort": sort},
    )


@role_required(ADMIN)
def resource_edit(request, pk: int | None = None, resource_pk: int | None = None):
    resource = None
    if resource_pk:
        resource = get_object_or_404(
            selectors.shared_resource_visible_to(request.user).select_related("group"),
            pk=resource_pk,
        )
        group = resource.group
    else:
        group = _group(request, pk)
    initial = None if resource else {"year": timezone.localdate().year}

    def save(data):
        if resource:
            return services.shared_resource_update(resource=resource, **data)
        return services.shared_resource_create(group=group, **data)

    return form_page(
        request,
        SharedResourceForm(request.POST or None, instance=resource, group=group, initial=initial),
        save,
        template="groups/resource_form.html",
        context={
            "group": group,
            "resource": resource,
            "heading": _("Edit a shared resource") if resource else _("Add a shared resource"),
            "cancel_url": reverse("groups:resource-list", args=[group.pk]),
        },
        success=_("The resource was saved.") if resource else _("The resource was added."),
        redirect_to=reverse("groups:resource-list", args=[group.pk]),
    )


# Research projects --------------------------------------------------------


@role_required(*READERS)
def project_list(request, pk: int):
    group = _group(request, pk)
    form, queryset = filter_list(
        request,
        ResearchProjectFilter,
        selectors.research_project_visible_to(request.user).filter(group=group),
        ResearchProjectFilterForm,
    )
    queryset, sort = sort_by(
        request, queryset, ResearchProjectFilter.ordering_fields, "-started_on"
    )
    return render(
        request,
        "groups/project_list.html",
        {"group": group, "filter_form": form, "page": paginate(request, queryset), "sort": sort},
    )


@role_required(ADMIN)
def project_edit(request, pk: int | None = None, project_pk: int | None = None):
    project = None
    if project_pk:
        project = get_object_or_404(
            selectors.research_project_visible_to(request.user).select_related("group"),
            pk=project_pk,
        )
        group = project.group
    else:
        group = _group(request, pk)

    def save(data):
        if project:
            return services.research_project_update(project=project, **data)
        return services.research_project_create(group=group, **data)

    return form_page(
        request,
        ResearchProjectForm(request.POST or None, instance=project, group=group),
        save,
        template="groups/project_form.html",
        context={
            "group": group,
            "project": project,
            "heading": _("Edit a research project") if project else _("Add a research project"),
            "cancel_url": reverse("groups:project-list", args=[group.pk]),
        },
        success=(
            _("The research project was saved.")
            if project
            else _("The research project was added.")
        ),
        redirect_to=reverse("groups:project-list", args=[group.pk]),
    )
