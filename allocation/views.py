"""Browser pages of allocation rounds: the school's round pages with the
preview, the student's ranking on the phone, the liaison's applicants.

Every page starts from the role-scoped selectors and calls the services; a
refusal shows its message, nothing is written around them.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access import Role, role_of
from allocation import selectors, services
from allocation.api.filters import AllocationRoundFilter
from allocation.forms import RoundForm, SecondRoundForm, SelfFoundForm
from allocation.models import AllocationRound, Application, SelfFoundInternship
from common.exceptions import RuleError
from common.pages import filter_list, form_page, paginate, role_required, sort_by
from internships.models import Placement, Position, Student

admin_only = role_required(Role.ADMINISTRATOR)
school_only = role_required(Role.ADMINISTRATOR, Role.TEACHER)
student_only = role_required(Role.STUDENT)
liaison_only = role_required(Role.LIAISON)

STEPS = {
    "open": services.round_open,
    "close": services.round_close,
    "run": services.round_run,
    "publish": services.round_publish,
}
STEP_DONE = {
    "open": gettext_lazy("The round is open for ranking."),
    "close": gettext_lazy("The round is closed."),
    "run": gettext_lazy("The allocation has run; check the preview."),
    "publish": gettext_lazy("Published: the placements are made and everyone is notified."),
}


def _id(value) -> int:
    """A posted id; anything else (or a number no row can have) is 0, found nowhere."""
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 18 else 0


def _refused(request, error: RuleError) -> None:
    messages.error(request, error.message)


# -- the school ------------------------------------------------------------------


@school_only
def round_list(request):
    rows = selectors.round_visible_to(request.user)
    bar, rows = filter_list(request, AllocationRoundFilter, rows)
    rows, sort = sort_by(request, rows, AllocationRoundFilter.ordering_fields, "-opens_at")
    return render(
        request,
        "allocation/round_list.html",
        {"page": paginate(request, rows), "filter_form": bar, "sort": sort},
    )


@admin_only
def round_create(request):
    form = RoundForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.round_create(actor=request.user, **data),
        template="allocation/round_form.html",
        redirect_to=lambda r: reverse("allocation:round-detail", args=[r.pk]),
        success=_("Round saved."),
        context={"cancel_url": "/allocation/"},
    )


def _round(request, pk) -> AllocationRound:
    return get_object_or_404(selectors.round_visible_to(request.user), pk=pk)


@admin_only
def round_edit(request, pk):
    round_ = _round(request, pk)
    initial = {
        "plan": round_.plan,
        "name": round_.name,
        "opens_at": round_.opens_at,
        "closes_at": round_.closes_at,
        "max_choices": round_.max_choices,
        "positions": list(round_.positions.all()),
    }
    form = RoundForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.round_update(round_=round_, **data),
        template="allocation/round_form.html",
        redirect_to=lambda r: reverse("allocation:round-detail", args=[r.pk]),
        success=_("Round saved."),
        context={"round": round_, "cancel_url": f"/allocation/{round_.pk}/"},
    )


def _preview_rows(round_: AllocationRound) -> tuple[list, list]:
    """The preview with names (the stored preview holds ids only)."""
    preview = round_.preview or {}
    ids = {a["student"] for a in preview.get("assigned", [])} | {
        u["student"] for u in preview.get("unplaced", [])
    }
    students = Student.objects.in_bulk(ids)
    positions = {p.pk: p for p in round_.positions.select_related("enterprise")}
    assigned = [
        {
            "student": students.get(a["student"]),
            "position": positions.get(a["position"]),
            "rank": a["rank"],
        }
        for a in preview.get("assigned", [])
    ]
    choices: dict[int, list] = {}
    for application in round_.applications.filter(student_id__in=ids).order_by("rank"):
        choices.setdefault(application.student_id, []).append(application.position_id)
    unplaced = [
        {
            "student": students.get(u["student"]),
            "reasons": [
                {"position": positions.get(r["position"]), "code": r["code"]} for r in u["reasons"]
            ],
            "choices": [positions[p] for p in choices.get(u["student"], []) if p in positions],
        }
        for u in preview.get("unplaced", [])
    ]
    return assigned, unplaced


@school_only
def round_detail(request, pk):
    round_ = _round(request, pk)
    assigned, unplaced = _preview_rows(round_)
    preview = round_.preview or {}
    figures = sorted((int(rank), n) for rank, n in preview.get("rank_counts", {}).items())
    return render(
        request,
        "allocation/round_detail.html",
        {
            "round": round_,
            "positions": round_.positions.select_related("enterprise").order_by("pk"),
            "applications": round_.applications.count(),
            "preview": preview,
            "figures": figures,
            "assigned": assigned,
            "unplaced": unplaced,
            "adjustments": round_.adjustments.select_related("student", "position"),
            "second_form": SecondRoundForm(),
            "can_manage": role_of(request.user) == Role.ADMINISTRATOR,
        },
    )


@admin_only
@require_POST
def round_step(request, pk, step):
    service = STEPS.get(step)
    if service is None:
        raise Http404
    round_ = _round(request, pk)
    kwargs = {"actor": request.user} if step == "publish" else {}
    try:
        service(round_=round_, **kwargs)
    except RuleError as error:
        _refused(request, error)
    else:
        messages.success(request, STEP_DONE[step])
    return redirect("allocation:round-detail", round_.pk)


@admin_only
@require_POST
def round_adjust(request, pk):
    """Pin, exclude, or remove the adjustment of one (student, position) pair."""
    round_ = _round(request, pk)
    student = get_object_or_404(Student, pk=_id(request.POST.get("student")))
    position = get_object_or_404(round_.positions, pk=_id(request.POST.get("position")))
    kind = request.POST.get("kind", "")
    try:
        if kind == "remove":
            adjustment = get_object_or_404(round_.adjustments, student=student, position=position)
            services.adjustment_remove(adjustment=adjustment)
        else:
            services.adjustment_set(round_=round_, student=student, position=position, kind=kind)
    except RuleError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Saved; run the allocation again to see its effect."))
    return redirect("allocation:round-detail", round_.pk)


@admin_only
@require_POST
def round_second(request, pk):
    round_ = _round(request, pk)
    form = SecondRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the opening and closing times."))
        return redirect("allocation:round-detail", round_.pk)
    try:
        created = services.round_second(round_=round_, actor=request.user, **form.cleaned_data)
    except RuleError as error:
        _refused(request, error)
        return redirect("allocation:round-detail", round_.pk)
    messages.success(request, _("The second round is drafted."))
    return redirect("allocation:round-detail", created.pk)


@school_only
def self_found_list(request):
    rows = selectors.self_found_visible_to(request.user).order_by("status", "-created_at")
    return render(request, "allocation/self_found_list.html", {"declarations": rows[:200]})


@school_only
@require_POST
def self_found_decide(request, pk):
    declaration = get_object_or_404(selectors.self_found_visible_to(request.user), pk=pk)
    try:
        services.self_found_decide(
            declaration=declaration,
            actor=request.user,
            approve=request.POST.get("decision") == "approve",
        )
    except RuleError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Decision saved."))
    return redirect("allocation:self-found-list")


# -- the student -------------------------------------------------------------------


@student_only
def my_rounds(request):
    """The rounds the student takes part in: rank while open, the outcome after."""
    student = services.own_student(request.user)
    if student is None:
        raise Http404
    if request.method == "POST":
        round_ = get_object_or_404(
            selectors.round_visible_to(request.user), pk=_id(request.POST.get("round"))
        )
        chosen = []
        for value in request.POST.getlist("choice"):
            if value:
                position = Position.objects.filter(pk=_id(value)).first()
                if position is None:
                    raise Http404
                chosen.append(position)
        try:
            services.applications_rank(round_=round_, student=student, positions=chosen)
        except RuleError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Your choices are saved."))
        return redirect("allocation:me")
    rounds = []
    for round_ in selectors.round_visible_to(request.user).order_by("-opens_at"):
        mine = list(
            round_.applications.filter(student=student).select_related("position").order_by("rank")
        )
        outcome = None
        if round_.status == AllocationRound.Status.PUBLISHED:
            outcome = (
                Placement.objects.filter(student=student, plan=round_.plan)
                .select_related("position", "enterprise")
                .order_by("-created_at")
                .first()
            )
        rounds.append(
            {
                "round": round_,
                "mine": {a.rank: a.position_id for a in mine},
                "applications": mine,
                "positions": round_.positions.select_related("enterprise").order_by("pk"),
                "slots": range(1, round_.max_choices + 1),
                "outcome": outcome,
                "can_rank": round_.status == AllocationRound.Status.OPEN,
            }
        )
    declarations = SelfFoundInternship.objects.filter(student=student)
    return render(
        request,
        "allocation/my_rounds.html",
        {"rounds": rounds, "declarations": declarations},
    )


@student_only
def self_found_declare(request):
    student = services.own_student(request.user)
    if student is None:
        raise Http404
    form = SelfFoundForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.self_found_declare(student=student, **data),
        template="allocation/self_found_form.html",
        redirect_to="allocation:me",
        success=_("Declared; your teacher will review it."),
        context={"cancel_url": "/allocation/me/"},
    )


# -- the enterprise's liaison -------------------------------------------------------


@liaison_only
def portal(request):
    applications = (
        selectors.application_visible_to(request.user)
        .select_related("student__major", "position", "round")
        .order_by("-round__opens_at", "position_id", "enterprise_rank", "rank", "id")
    )
    return render(
        request,
        "allocation/portal.html",
        {"applications": applications[:500], "decisions": Application.Decision},
    )


@liaison_only
@require_POST
def portal_decide(request, pk):
    application = get_object_or_404(selectors.application_visible_to(request.user), pk=pk)
    decision = request.POST.get("decision", "")
    raw_rank = request.POST.get("enterprise_rank", "")
    try:
        if decision not in Application.Decision.values:
            raise RuleError("decision_invalid", _("Accept or reject."))
        rank = _id(raw_rank) if raw_rank.strip() else None
        if rank is not None and not 1 <= rank <= 10_000:
            raise RuleError("rank_invalid", _("A rank is a whole number from 1."))
        services.application_decide(
            application=application, actor=request.user, decision=decision, enterprise_rank=rank
        )
    except RuleError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Decision saved."))
    return redirect("allocation:portal")
