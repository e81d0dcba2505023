"""The enterprise liaison portal: the liaison's own enterprise, nothing else.

Every page starts from the role-scoped selectors, so another enterprise's
positions and placements are a 404 here exactly as in the API, and students
appear only as name, student number and major.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import Role, enterprise_id_of
from common.exceptions import RuleError
from common.pages import form_page, paginate, role_required
from internships import selectors, services
from internships.forms import HiredForm, LiaisonPlacementLogForm, PlacementLogForm, PositionForm
from internships.models import Attendance, Evaluation, Placement, PlacementLog
from internships.views import evaluation_page, filtered_positions
from partnerships.models import Enterprise

liaison_only = role_required(Role.LIAISON)


def _enterprise(request) -> Enterprise:
    return get_object_or_404(Enterprise, pk=enterprise_id_of(request.user))


@liaison_only
def home(request):
    enterprise = _enterprise(request)
    placements = selectors.placement_visible_to(request.user)
    counts = placements.aggregate(
        planned=Count("pk", filter=Q(status="planned")),
        active=Count("pk", filter=Q(status="active")),
        completed=Count("pk", filter=Q(status="completed")),
        hired=Count("pk", filter=Q(hired="yes")),
    )
    open_positions = selectors.position_visible_to(request.user).filter(is_open=True).count()
    return render(
        request,
        "internships/portal_home.html",
        {"enterprise": enterprise, "counts": counts, "open_positions": open_positions},
    )


# -- positions ------------------------------------------------------------------


@liaison_only
def position_list(request):
    form, sort, queryset = filtered_positions(request, selectors.position_visible_to(request.user))
    return render(
        request,
        "internships/position_list.html",
        {
            "filter_form": form,
            "page": paginate(request, queryset),
            "sort": sort,
            "portal": True,
            "can_edit": True,
            "create_url": reverse("portal:position-create"),
        },
    )


@liaison_only
def position_edit(request, pk: int | None = None):
    position = get_object_or_404(selectors.position_visible_to(request.user), pk=pk) if pk else None

    # The service puts the position at the liaison's own enterprise and
    # refuses any other one the request names.
    def save(data):
        if position:
            return services.position_update(position=position, actor=request.user, **data)
        return services.position_create(actor=request.user, **data)

    return form_page(
        request,
        PositionForm(request.POST or None, instance=position),
        save,
        template="internships/position_form.html",
        context={
            "position": position,
            "cancel_url": reverse("portal:position-list"),
            "portal_section": "positions",
        },
        success=_("The position was saved."),
        redirect_to=reverse("portal:position-list"),
    )


@require_POST
@liaison_only
def position_close(request, pk: int):
    position = get_object_or_404(selectors.position_visible_to(request.user), pk=pk)
    services.position_close(position=position)
    messages.success(request, _("The position is closed to new placements."))
    return redirect("portal:position-list")


# -- interns --------------------------------------------------------------------


@liaison_only
def intern_list(request):
    status = request.GET.get("status", "current")
    placements = selectors.placement_visible_to(request.user).order_by("student__name", "pk")
    if status == "current":
        placements = placements.current()
    elif status in Placement.Status.values:
        placements = placements.filter(status=status)
    return render(
        request,
        "internships/portal_intern_list.html",
        {
            "page": paginate(request, placements),
            "status": status,
            "statuses": [("current", _("Current")), *Placement.Status.choices, ("all", _("All"))],
        },
    )


def _intern(request, pk: int) -> Placement:
    return get_object_or_404(selectors.placement_visible_to(request.user), pk=pk)


@liaison_only
def intern_detail(request, pk: int):
    placement = _intern(request, pk)
    evaluation = placement.evaluations.filter(side=Evaluation.Side.ENTERPRISE).first()
    return render(
        request,
        "internships/portal_intern_detail.html",
        {
            "placement": placement,
            "logs": placement.logs.all(),
            "log_form": LiaisonPlacementLogForm(
                initial={"kind": PlacementLog.Kind.WEEKLY, "date": timezone.localdate()}
            ),
            "evaluation": evaluation,
            "hired_form": HiredForm(initial={"hired": placement.hired}),
            "attendance": placement.attendance.aggregate(
                present=Count("pk", filter=Q(status="present")),
                absent=Count("pk", filter=Q(status="absent")),
                leave=Count("pk", filter=Q(status="leave")),
            ),
        },
    )


@require_POST
@liaison_only
def intern_log_add(request, pk: int):
    placement = _intern(request, pk)
    # The service refuses a visit even if the form's choices are bypassed.
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
    return redirect("portal:intern-detail", pk=placement.pk)


@liaison_only
def intern_evaluation(request, pk: int):
    placement = _intern(request, pk)
    detail_url = reverse("portal:intern-detail", args=[placement.pk])
    return evaluation_page(
        request, placement, Evaluation.Side.ENTERPRISE, detail_url, portal_section="interns"
    )


@require_POST
@liaison_only
def intern_hired(request, pk: int):
    placement = _intern(request, pk)
    form = HiredForm(request.POST)
    if form.is_valid():
        try:
            services.placement_set_hired(placement=placement, hired=form.cleaned_data["hired"])
            messages.success(request, _("The hiring outcome was saved."))
        except RuleError as error:
            messages.error(request, error.message)
    return redirect("portal:intern-detail", pk=placement.pk)


# -- the weekly attendance sheet -------------------------------------------------


def _monday(request) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(request.GET.get("week") or request.POST.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


# A day's hours worked on the weekly sheet (blank: not recorded).
HOURS = forms.DecimalField(
    min_value=0, max_value=24, max_digits=4, decimal_places=1, required=False
)


def _hours_text(value) -> str:
    return "" if value is None else f"{value.normalize():f}"


@liaison_only
def attendance_sheet(request):
    """A week of days × the interns active in it, entered and saved at once."""
    monday = _monday(request)
    today = timezone.localdate()
    days = [monday + datetime.timedelta(days=i) for i in range(7)]
    placements = list(
        selectors.placement_visible_to(request.user)
        .exclude(status=Placement.Status.PLANNED)
        .overlapping(days[0], days[-1])
        .order_by("student__name", "pk")
    )
    bad_hours: set[str] = set()
    if request.method == "POST":
        entries: dict[int, dict[datetime.date, str]] = {}
        worked: dict[int, dict[datetime.date, Decimal | None]] = {}
        for placement in placements:
            for day in days:
                if not placement.starts_on <= day <= min(placement.ends_on, today):
                    continue
                value = request.POST.get(f"a-{placement.pk}-{day.isoformat()}", "")
                if not value:
                    continue
                entries.setdefault(placement.pk, {})[day] = value
                name = f"h-{placement.pk}-{day.isoformat()}"
                try:
                    worked.setdefault(placement.pk, {})[day] = HOURS.clean(
                        request.POST.get(name, "").strip()
                    )
                except forms.ValidationError:
                    bad_hours.add(name)
        by_pk = {p.pk: p for p in placements}
        if bad_hours:
            messages.error(request, _("Hours are a number from 0 to 24, such as 8 or 7.5."))
        else:
            try:
                # The whole sheet or nothing: one bad cell leaves every day as it was.
                with transaction.atomic():
                    for pk, statuses in entries.items():
                        services.attendance_record_week(
                            placement=by_pk[pk],
                            statuses=statuses,
                            actor=request.user,
                            hours=worked.get(pk),
                        )
                messages.success(request, _("The attendance of the week was saved."))
                return redirect(f"{reverse('portal:attendance')}?week={monday.isoformat()}")
            except RuleError as error:
                messages.error(request, error.message)
    recorded = {
        (row.placement_id, row.date): (row.status, row.hours)
        for row in Attendance.objects.filter(
            placement__in=[p.pk for p in placements], date__range=(days[0], days[-1])
        )
    }

    def typed(name: str, stored):
        return request.POST.get(name, "") if request.method == "POST" else stored

    rows = [
        {
            "placement": placement,
            "cells": [
                {
                    "day": day,
                    "name": f"a-{placement.pk}-{day.isoformat()}",
                    "hours_name": f"h-{placement.pk}-{day.isoformat()}",
                    "hours_invalid": f"h-{placement.pk}-{day.isoformat()}" in bad_hours,
                    # Days outside the placement, or still to come, take no entry.
                    "inside": placement.starts_on <= day <= min(placement.ends_on, today),
                    "value": typed(
                        f"a-{placement.pk}-{day.isoformat()}",
                        recorded.get((placement.pk, day), ("", None))[0],
                    ),
                    "hours": typed(
                        f"h-{placement.pk}-{day.isoformat()}",
                        _hours_text(recorded.get((placement.pk, day), ("", None))[1]),
                    ),
                }
                for day in days
            ],
        }
        for placement in placements
    ]
    return render(
        request,
        "internships/portal_attendance.html",
        {
            "days": days,
            "rows": rows,
            "week": monday,
            "previous_week": monday - datetime.timedelta(days=7),
            "next_week": monday + datetime.timedelta(days=7),
            "choices": Attendance.Status.choices,
        },
    )
