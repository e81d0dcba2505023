"""Browser pages: the student's phone pages, the teacher's day, cohort accounts.

The student pages are mobile first (usable at 360 px) and installable on a
phone's home screen (``manifest`` below, linked from practice/student_base.html).
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import Role, student_id_of
from common.exceptions import RuleError
from common.pages import apply_rule_error, role_required
from internships.models import InternshipPlan, Placement, Student
from internships.selectors import placement_visible_to, student_visible_to
from internships.services import plan_default
from practice import selectors, services
from practice.forms import CheckInForm, CohortAccountsForm, IncidentForm, JournalForm, ReportForm
from practice.grading import compute_grade
from practice.middleware import SESSION_KEY
from practice.models import CheckIn, Grade, InternshipReport
from practice.teacher_day import teacher_day

student_only = role_required(Role.STUDENT)
staff_only = role_required(Role.ADMINISTRATOR, Role.TEACHER)


def _current_placement(user) -> Placement | None:
    """The student's active placement, else their latest one."""
    placements = placement_visible_to(user).select_related("plan").order_by("-starts_on", "-id")
    return placements.filter(status=Placement.Status.ACTIVE).first() or placements.first()


def _plan(placement: Placement | None) -> InternshipPlan:
    return (placement.plan if placement and placement.plan_id else None) or plan_default()


# --- the student's pages -----------------------------------------------------


@student_only
def today(request):
    placement = _current_placement(request.user)
    checkin = None
    if placement is not None:
        checkin = CheckIn.objects.filter(placement=placement, date=timezone.localdate()).first()
    form = CheckInForm()
    if request.method == "POST" and placement is not None:
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                services.checkin_create(
                    actor=request.user, placement=placement, **form.cleaned_data
                )
            except RuleError as error:
                apply_rule_error(form, error)
            else:
                messages.success(request, _("Checked in."))
                return redirect("practice:today")
        else:
            form.add_error(
                None, _("Your location could not be read. Allow location access and try again.")
            )
    return render(
        request,
        "practice/today.html",
        {
            "placement": placement,
            "checkin": checkin,
            "form": form,
            "plan": _plan(placement),
            "workday": _is_workday(),
        },
    )


def _is_workday() -> bool:
    from common.workdays import is_workday

    return is_workday(timezone.localdate())


@student_only
@require_POST
def check_out(request, pk):
    checkin = get_object_or_404(selectors.checkin_visible_to(request.user), pk=pk)
    try:
        services.checkin_check_out(checkin=checkin, actor=request.user)
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Checked out."))
    return redirect("practice:today")


@student_only
def journal_list(request):
    placement = _current_placement(request.user)
    journals = selectors.journal_visible_to(request.user).order_by("-period_start", "-id")
    return render(
        request,
        "practice/journal_list.html",
        {"placement": placement, "journals": journals, "plan": _plan(placement)},
    )


@student_only
def journal_edit(request, pk=None):
    journal = None
    if pk is not None:
        journal = get_object_or_404(selectors.journal_visible_to(request.user), pk=pk)
    placement = journal.placement if journal else _current_placement(request.user)
    if placement is None:
        raise Http404
    initial = {}
    if journal:
        initial = {k: getattr(journal, k) for k in ("kind", "period_start", "period_end", "text")}
    else:
        monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
        initial = {
            "kind": "weekly",
            "period_start": monday,
            "period_end": monday + datetime.timedelta(days=6),
        }
    form = JournalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if journal is None:
                journal = services.journal_create(
                    actor=request.user, placement=placement, **form.cleaned_data
                )
            else:
                journal = services.journal_update(
                    journal=journal, actor=request.user, **form.cleaned_data
                )
            if "submit" in request.POST:
                services.journal_submit(journal=journal, actor=request.user)
                messages.success(request, _("Journal handed in."))
            else:
                messages.success(request, _("Draft saved."))
        except RuleError as error:
            apply_rule_error(form, error)
        else:
            return redirect("practice:journal-list")
    return render(
        request,
        "practice/journal_form.html",
        {"form": form, "journal": journal, "plan": _plan(placement)},
    )


@student_only
def report(request):
    placement = _current_placement(request.user)
    existing = InternshipReport.objects.filter(placement=placement).first() if placement else None
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and placement is not None and form.is_valid():
        try:
            if existing is None:
                services.report_create(actor=request.user, placement=placement, **form.cleaned_data)
            else:
                services.report_update(report=existing, actor=request.user, **form.cleaned_data)
                services.report_submit(report=existing, actor=request.user)
        except RuleError as error:
            apply_rule_error(form, error)
        else:
            messages.success(request, _("Report handed in."))
            return redirect("practice:report")
    return render(
        request,
        "practice/report.html",
        {"placement": placement, "report": existing, "form": form},
    )


@student_only
def grade(request):
    placements = placement_visible_to(request.user).order_by("-starts_on")
    grades = {g.placement_id: g for g in Grade.objects.filter(placement__in=placements)}
    rows = [(p, grades.get(p.pk)) for p in placements]
    return render(request, "practice/grade.html", {"rows": rows})


@student_only
def my_data(request):
    """Everything stored about the student: their record, placements, check-ins
    with the coordinates, journals, report and incidents."""
    student = Student.objects.select_related("major").get(pk=student_id_of(request.user))
    placements = placement_visible_to(request.user).order_by("-starts_on")
    return render(
        request,
        "practice/my_data.html",
        {
            "student": student,
            "placements": placements,
            "checkins": selectors.checkin_visible_to(request.user).order_by("-date"),
            "journals": selectors.journal_visible_to(request.user),
            "reports": selectors.report_visible_to(request.user),
            "incidents": selectors.incident_visible_to(request.user),
            "retention_days": _retention_days(),
        },
    )


def _retention_days() -> int:
    from django.conf import settings

    return settings.PRACTICE_LOCATION_RETENTION_DAYS


@student_only
def incident(request):
    placement = _current_placement(request.user)
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_report(actor=request.user, placement=placement, **form.cleaned_data)
        except RuleError as error:
            apply_rule_error(form, error)
        else:
            messages.success(request, _("Reported. Your supervisor has been notified."))
            return redirect("practice:today")
    return render(request, "practice/incident_form.html", {"form": form, "placement": placement})


def manifest(request):
    """The web app manifest: the student pages installed on a phone's home screen."""
    data = {
        "name": _("My internship"),
        "short_name": _("Internship"),
        "start_url": reverse("practice:today"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0d6efd",
        "icons": [
            {"src": static("icons/app-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/app-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/app-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


# --- forced password change ---------------------------------------------------


@login_required
def password_change(request):
    """The first sign-in of an account made with an initial password."""
    form = PasswordChangeForm(request.user, request.POST or None)
    for field in form.fields.values():
        field.widget.attrs["class"] = "form-control"
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        services.password_changed(user=user)
        request.session.pop(SESSION_KEY, None)
        messages.success(request, _("Your password is set."))
        return redirect("home")
    return render(request, "practice/password_change.html", {"form": form})


# --- the teacher's day and the grades -----------------------------------------


@staff_only
def teacher_day_page(request):
    return render(request, "practice/teacher_day.html", teacher_day(request.user))


@staff_only
def grade_export(request, fmt):
    from practice.exports import grades_response

    if fmt not in ("csv", "xlsx"):
        raise Http404
    return grades_response(placement_visible_to(request.user), fmt)


@staff_only
def placement_grade(request, pk):
    placement = get_object_or_404(placement_visible_to(request.user).select_related("plan"), pk=pk)
    stored = Grade.objects.filter(placement=placement).first()
    if request.method == "POST":
        try:
            services.grade_approve(placement=placement, actor=request.user)
        except RuleError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Grade approved and locked."))
        return redirect("practice:placement-grade", pk=placement.pk)
    figures = stored or compute_grade(placement)
    return render(
        request,
        "practice/placement_grade.html",
        {
            "placement": placement,
            "grade": figures,
            "approved": stored is not None,
            "plan": _plan(placement),
        },
    )


# --- the liaison's view of today -----------------------------------------------


@role_required(Role.LIAISON, Role.ADMINISTRATOR, Role.TEACHER)
def checkins_today(request):
    today_ = timezone.localdate()
    placements = (
        placement_visible_to(request.user)
        .filter(status=Placement.Status.ACTIVE, starts_on__lte=today_, ends_on__gte=today_)
        .order_by("student__name")
    )
    checkins = {
        c.placement_id: c for c in CheckIn.objects.filter(placement__in=placements, date=today_)
    }
    rows = [(p, checkins.get(p.pk)) for p in placements]
    return render(request, "practice/checkins_today.html", {"rows": rows, "today": today_})


# --- cohort accounts ----------------------------------------------------------


@role_required(Role.ADMINISTRATOR)
def cohort_accounts(request):
    """Accounts for a cohort's students at once; the initial passwords are shown once."""
    form = CohortAccountsForm(request.POST or request.GET or None)
    made = None
    waiting = None
    if form.is_bound and form.is_valid():
        students = student_visible_to(request.user).filter(cohort=form.cleaned_data["cohort"])
        if form.cleaned_data["major"]:
            students = students.filter(major=form.cleaned_data["major"])
        if request.method == "POST":
            try:
                made = services.student_accounts_create(students=list(students))
            except RuleError as error:
                apply_rule_error(form, error)
        waiting = students.filter(user__isnull=True).count()
    response = render(
        request,
        "practice/cohort_accounts.html",
        {"form": form, "made": made, "waiting": waiting},
    )
    # The one page with the initial passwords: never kept by a browser or proxy.
    response["Cache-Control"] = "no-store"
    return response
