"""Browser pages for administrators and supervising teachers."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from accounts.access import Role, role_of
from common.exceptions import RuleError
from common.exports import export_rows
from common.pages import filter_list, form_page, paginate, role_required, sort_by
from internships import selectors, services
from internships.api.filters import PlacementFilter, PositionFilter, StudentFilter
from internships.forms import (
    AdminPositionForm,
    EvaluationForm,
    HiredForm,
    PlacementFilterForm,
    PlacementForm,
    PlacementLogForm,
    PositionFilterForm,
    StudentFilterForm,
    StudentForm,
    StudentImportForm,
    TerminateForm,
)
from internships.imports import student_import
from internships.models import Evaluation, Placement, PlacementLog
from internships.policy import current_policy, warning_message

A, T = Role.ADMINISTRATOR, Role.TEACHER
STAFF = (A, T)


PLACEMENT_COLUMNS = [
    (_l("Student number"), lambda p: p.student.student_number),
    (_l("Student"), lambda p: p.student.name),
    (_l("Major"), lambda p: p.student.major.name),
    (_l("Enterprise"), lambda p: p.enterprise.name),
    (_l("Position"), lambda p: p.position.title),
    (_l("Kind"), lambda p: p.position.get_kind_display()),
    (_l("Starts on"), lambda p: p.starts_on),
    (_l("Ends on"), lambda p: p.ends_on),
    (_l("Status"), lambda p: p.get_status_display()),
    (_l("Supervisor"), lambda p: p.supervisor.get_full_name() if p.supervisor else ""),
    (_l("Hired"), lambda p: p.get_hired_display()),
]


# Only the columns the list shows, of the placement and its joined rows.
PLACEMENT_PAGE_FIELDS = (
    "starts_on",
    "ends_on",
    "status",
    "warnings",
    "enterprise__name",
    "position__title",
    "position__kind",
    "student__name",
    "student__student_number",
    "student__major__name",
    "supervisor__username",
    "supervisor__first_name",
    "supervisor__last_name",
)


@role_required(*STAFF)
def placement_list(request):
    form, queryset = filter_list(
        request, PlacementFilter, selectors.placement_visible_to(request.user), PlacementFilterForm
    )
    queryset, sort = sort_by(request, queryset, PlacementFilter.ordering_fields, "-starts_on")
    export = export_rows(request, queryset, PLACEMENT_COLUMNS, "placements")
    if export:
        return export
    return render(
        request,
        "internships/placement_list.html",
        {
            "filter_form": form,
            "page": paginate(request, queryset.only(*PLACEMENT_PAGE_FIELDS)),
            "sort": sort,
            "exportable": True,
        },
    )


def _placement_context(request, placement: Placement) -> dict:
    evaluations = {e.side: e for e in placement.evaluations.all()}
    role = role_of(request.user)
    return {
        "placement": placement,
        "warnings": [warning_message(code) for code in placement.warnings],
        "logs": placement.logs.select_related("author").all(),
        "evaluations": evaluations,
        "grade": selectors.weighted_grade(evaluations.values()),
        "attendance": placement.attendance.aggregate(
            present=Count("pk", filter=Q(status="present")),
            absent=Count("pk", filter=Q(status="absent")),
            leave=Count("pk", filter=Q(status="leave")),
        ),
        "log_form": PlacementLogForm(
            initial={
                "kind": PlacementLog.Kind.VISIT if role == T else PlacementLog.Kind.WEEKLY,
                "date": timezone.localdate(),
            }
        ),
        "terminate_form": TerminateForm(),
        "hired_form": HiredForm(initial={"hired": placement.hired}),
        "school_side": Evaluation.Side.SCHOOL,
        "enterprise_side": Evaluation.Side.ENTERPRISE,
        **_compliance_context(placement),
    }


def _compliance_context(placement: Placement) -> dict:
    """What the 2021 regulation asks to watch during a placement: hours flagged
    from the recorded hours, insurance policies, monthly pay, overrides."""
    from internships.hours import flags_for

    return {
        "hour_flags": flags_for([placement.pk]),
        "insurance_policies": list(placement.insurance_policies.all()),
        "pay_records": list(placement.pay_records.all()),
        "overrides": list(placement.overrides.select_related("decided_by")),
        "pay_minimum": current_policy().pay_minimum(placement.position)
        if placement.position.kind == "post"
        else None,
    }


@role_required(*STAFF)
def placement_detail(request, pk: int):
    placement = get_object_or_404(selectors.placement_visible_to(request.user), pk=pk)
    return render(
        request, "internships/placement_detail.html", _placement_context(request, placement)
    )


@role_required(A)
def placement_edit(request, pk: int | None = None):
    placement = (
        get_object_or_404(selectors.placement_visible_to(request.user), pk=pk) if pk else None
    )

    def save(data):
        if placement:
            return services.placement_update(placement=placement, actor=request.user, **data)
        return services.placement_create(**data)

    return form_page(
        request,
        PlacementForm(request.POST or None, instance=placement),
        save,
        template="internships/placement_form.html",
        context={"placement": placement},
        success=_("The placement was saved.") if placement else _("The placement was created."),
        redirect_to=lambda saved: reverse("internships:placement-detail", args=[saved.pk]),
    )


ACTIONS = {
    "activate": (services.placement_activate, _("The placement is active.")),
    "complete": (services.placement_complete, _("The placement is completed.")),
}


@require_POST
@role_required(A)
def placement_action(request, pk: int, action: str):
    placement = get_object_or_404(selectors.placement_visible_to(request.user), pk=pk)
    try:
        if action == "terminate":
            form = TerminateForm(request.POST)
            reason = form.data.get("reason", "")
            services.placement_terminate(placement=placement, reason=reason)
            messages.success(request, _("The placement was terminated."))
        elif action in ACTIONS:
            service, done = ACTIONS[action]
            service(placement=placement)
            messages.success(request, done)
    except RuleError as error:
        messages.error(request, error.message)
    return redirect("internships:placement-detail", pk=placement.pk)


@require_POST
@role_required(*STAFF)
def placement_hired(request, pk: int):
    placement = get_object_or_404(selectors.placement_visible_to(request.user), pk=pk)
    form = HiredForm(request.POST)
    if form.is_valid():
        try:
            services.placement_set_hired(placement=placement, hired=form.cleaned_data["hired"])
            messages.success(request, _("The hiring outcome was saved."))
        except RuleError as error:
            messages.error(request, error.message)
    return redirect("internships:placement-detail", pk=placement.pk)


@require_POST
@role_required(*STAFF)
def placement_log_add(request, pk: int):
    placement = get_object_or_404(selectors.placement_visible_to(request.user), pk=pk)
    form = PlacementLogForm(request.POST)
    if form.is_valid():
        try:
            services.placement_log_create(
                placement=placement, author=request.user, **form.cleaned_data
            )
            messages.success(request, _("The log was added."))
        except RuleError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("The log was not saved: fill in the kind, date and text."))
    return redirect("internships:placement-detail", pk=placement.pk)


@role_required(*STAFF)
def evaluation_edit(request, pk: int, side: str):
    placement = get_object_or_404(selectors.placement_visible_to(request.user), pk=pk)
    if side not in Evaluation.Side.values:
        return redirect("internships:placement-detail", pk=placement.pk)
    detail_url = reverse("internships:placement-detail", args=[placement.pk])
    return evaluation_page(request, placement, side, detail_url)


def evaluation_page(request, placement: Placement, side: str, detail_url: str, **context):
    """One side's evaluation of a placement, for a supervisor or (in the portal) a liaison."""
    current = placement.evaluations.filter(side=side).first()
    form = EvaluationForm(request.POST or None, instance=current)
    return form_page(
        request,
        form,
        lambda data: services.evaluation_save(
            placement=placement,
            side=side,
            scores=form.scores,
            comment=data["comment"],
            author=request.user,
            evaluation=current,
        ),
        template="internships/evaluation_form.html",
        context={
            "placement": placement,
            "side_label": Evaluation.Side(side).label,
            "cancel_url": detail_url,
            **context,
        },
        success=_("The evaluation was saved."),
        redirect_to=detail_url,
    )


@role_required(*STAFF)
def visit_list(request):
    """Supervision visits of the placements the user may see (a teacher's own)."""
    logs = (
        selectors.placement_log_visible_to(request.user)
        .filter(kind=PlacementLog.Kind.VISIT)
        .select_related("placement__student", "placement__enterprise")
        .order_by("-date", "-id")
    )
    return render(request, "internships/visit_list.html", {"page": paginate(request, logs)})


# -- students -------------------------------------------------------------------


@role_required(*STAFF)
def student_list(request):
    form, queryset = filter_list(
        request, StudentFilter, selectors.student_visible_to(request.user), StudentFilterForm
    )
    queryset, sort = sort_by(request, queryset, StudentFilter.ordering_fields, "student_number")
    # No dates of birth in exports: files travel further than pages.
    export = export_rows(
        request,
        queryset,
        [
            (_l("Student number"), lambda s: s.student_number),
            (_l("Name"), lambda s: s.name),
            (_l("Major"), lambda s: s.major.name),
            (_l("Cohort"), lambda s: s.cohort),
        ],
        "students",
    )
    if export:
        return export
    return render(
        request,
        "internships/student_list.html",
        {
            "filter_form": form,
            "page": paginate(request, queryset),
            "sort": sort,
            "exportable": True,
        },
    )


@role_required(A)
def student_edit(request, pk: int | None = None):
    student = get_object_or_404(selectors.student_visible_to(request.user), pk=pk) if pk else None

    def save(data):
        if student:
            return services.student_update(student=student, **data)
        return services.student_create(**data)

    return form_page(
        request,
        StudentForm(request.POST or None, instance=student),
        save,
        template="internships/student_form.html",
        context={"student": student},
        success=_("The student was saved."),
        redirect_to=reverse("internships:student-list"),
    )


@role_required(A)
def student_import_view(request):
    form = StudentImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            report = student_import(form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"])
            if report.ok and not report.dry_run:
                messages.success(
                    request, _("%(n)d students were imported.") % {"n": report.created}
                )
                return redirect("internships:student-list")
        else:
            status = 400  # no file, or one beyond the import limits
    return render(
        request,
        "internships/student_import.html",
        {"form": form, "report": report},
        status=status,
    )


# -- positions ------------------------------------------------------------------


def filtered_positions(request, queryset):
    form, queryset = filter_list(request, PositionFilter, queryset, PositionFilterForm)
    queryset = queryset.annotate(
        placed=Count("placements", filter=Q(placements__status__in=["planned", "active"]))
    )
    queryset, sort = sort_by(request, queryset, PositionFilter.ordering_fields, "-starts_on")
    return form, sort, queryset


@role_required(*STAFF)
def position_list(request):
    form, sort, queryset = filtered_positions(request, selectors.position_visible_to(request.user))
    export = export_rows(
        request,
        queryset,
        [
            (_l("Enterprise"), lambda p: p.enterprise.name),
            (_l("Title"), lambda p: p.title),
            (_l("Kind"), lambda p: p.get_kind_display()),
            (_l("Capacity"), lambda p: p.capacity),
            (_l("Placed"), lambda p: p.placed),
            (_l("Starts on"), lambda p: p.starts_on),
            (_l("Ends on"), lambda p: p.ends_on),
            (_l("Daily hours"), lambda p: p.daily_hours),
            (_l("Monthly pay (CNY)"), lambda p: p.monthly_pay),
            (_l("Open"), lambda p: p.is_open),
        ],
        "positions",
    )
    if export:
        return export
    return render(
        request,
        "internships/position_list.html",
        {
            "exportable": True,
            "filter_form": form,
            "page": paginate(request, queryset),
            "sort": sort,
            "can_edit": role_of(request.user) == A,
            "create_url": "/internships/positions/new/",
        },
    )


@role_required(A)
def position_edit(request, pk: int | None = None):
    position = get_object_or_404(selectors.position_visible_to(request.user), pk=pk) if pk else None

    def save(data):
        if position:
            return services.position_update(position=position, actor=request.user, **data)
        return services.position_create(actor=request.user, **data)

    return form_page(
        request,
        AdminPositionForm(request.POST or None, instance=position),
        save,
        template="internships/position_form.html",
        context={"position": position, "cancel_url": reverse("internships:position-list")},
        success=_("The position was saved."),
        redirect_to=reverse("internships:position-list"),
    )


@require_POST
@role_required(A)
def position_close(request, pk: int):
    position = get_object_or_404(selectors.position_visible_to(request.user), pk=pk)
    services.position_close(position=position)
    messages.success(request, _("The position is closed to new placements."))
    return redirect("internships:position-list")
