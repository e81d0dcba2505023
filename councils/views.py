from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.access import Role
from accounts.models import CALENDAR_TOKEN_RE, Profile
from common.exceptions import RuleError
from common.exports import export_rows
from common.pages import apply_rule_error, filter_list, form_page, paginate, role_required, sort_by
from councils import selectors, services
from councils.api.filters import CommitteeFilter
from councils.forms import (
    ActionItemForm,
    CharterForm,
    CommitteeFilterForm,
    CommitteeForm,
    MeetingCancelForm,
    MeetingForm,
    MeetingHoldForm,
    MembershipEndForm,
    MembershipForm,
)
from councils.ics import calendar_ics, meeting_ics, meeting_ics_filename
from councils.models import ActionItem, Committee, Meeting, Membership

STAFF = (Role.ADMINISTRATOR, Role.TEACHER)
A = Role.ADMINISTRATOR


# -- committees ---------------------------------------------------------------


@role_required(*STAFF)
def committee_list(request):
    form, queryset = filter_list(
        request,
        CommitteeFilter,
        selectors.committee_list_with_last_meeting(selectors.committee_visible_to(request.user)),
        CommitteeFilterForm,
    )
    queryset, sort = sort_by(
        request, queryset, CommitteeFilter.ordering_fields, "kind", then=("name", "pk")
    )
    export = export_rows(
        request,
        queryset,
        [
            (_l("Name"), lambda c: c.name),
            (_l("Kind"), lambda c: c.get_kind_display()),
            (_l("Major"), lambda c: c.major.name if c.major_id else ""),
            (_l("Established on"), lambda c: c.established_on),
            (_l("Members"), lambda c: c.member_count),
            (_l("Last met"), lambda c: c.last_met_at),
            (_l("Yearly meeting overdue"), lambda c: c.overdue),
            (_l("Status"), lambda c: c.get_status_display()),
        ],
        "committees",
    )
    if export:
        return export
    page = paginate(request, queryset)
    return render(
        request,
        "councils/committee_list.html",
        {"filter_form": form, "page": page, "sort": sort, "exportable": True},
    )


def _committee(request, pk: int) -> Committee:
    return get_object_or_404(selectors.committee_visible_to(request.user), pk=pk)


@role_required(*STAFF)
def committee_detail(request, pk: int):
    committee = get_object_or_404(
        selectors.committee_list_with_last_meeting(selectors.committee_visible_to(request.user)),
        pk=pk,
    )
    today = timezone.localdate()
    members = list(
        selectors.membership_visible_to(request.user)
        .filter(committee=committee)
        .select_related("enterprise", "user")
        .order_by(selectors.ROLE_ORDER, "name", "pk")
    )
    current = [m for m in members if m.is_current(today)]
    former = [m for m in members if not m.is_current(today)]
    meetings = (
        selectors.meeting_visible_to(request.user)
        .filter(committee=committee)
        .prefetch_related(None)
        .annotate(attendee_count=Count("attendees"))
        .order_by("-scheduled_at", "-pk")
    )
    open_items = (
        selectors.action_item_visible_to(request.user)
        .filter(meeting__committee=committee, status=ActionItem.Status.OPEN)
        .select_related("owner", "meeting")
        .order_by("due_on", "pk")
    )
    composition = selectors.committee_composition(committee, on=today)
    return render(
        request,
        "councils/committee_detail.html",
        {
            "committee": committee,
            "mix_chart": _mix_chart(composition),
            "current_members": current,
            "former_members": former,
            "composition": composition,
            "charters": selectors.charter_visible_to(request.user).filter(committee=committee),
            "meetings": meetings,
            "open_items": open_items,
            "today": today,
        },
    )


def _mix_chart(composition: dict) -> dict:
    """A Chart.js bar chart of the current members by category."""
    labels = [str(label) for label, _count in composition["category_rows"]]
    return {
        "type": "bar",
        "data": {
            "labels": labels,
            "datasets": [
                {
                    "label": str(_("Members")),
                    "data": [count for _label, count in composition["category_rows"]],
                    "backgroundColor": "#1f4e79",
                }
            ],
        },
        "options": {
            "indexAxis": "y",
            "plugins": {"legend": {"display": False}},
            "scales": {"x": {"beginAtZero": True, "ticks": {"precision": 0}}},
        },
    }


@role_required(A)
def committee_edit(request, pk: int | None = None):
    committee = _committee(request, pk) if pk else None

    def save(data):
        if committee:
            return services.committee_update(committee=committee, **data)
        return services.committee_create(**data)

    return form_page(
        request,
        CommitteeForm(request.POST or None, instance=committee),
        save,
        template="councils/committee_form.html",
        context={"committee": committee},
        success=_("The committee was saved.") if committee else _("The committee was established."),
        redirect_to=lambda saved: reverse("councils:committee-detail", args=[saved.pk]),
    )


@role_required(A)
@require_POST
def committee_dissolve(request, pk: int):
    committee = _committee(request, pk)
    try:
        services.committee_dissolve(committee=committee)
        messages.success(request, _("The committee was dissolved."))
    except RuleError as error:
        messages.error(request, error.message)
    return redirect("councils:committee-detail", pk=committee.pk)


# -- members --------------------------------------------------------------------


@role_required(A)
def membership_edit(request, pk: int | None = None, member_pk: int | None = None):
    membership = None
    if member_pk:
        membership = get_object_or_404(
            selectors.membership_visible_to(request.user).select_related("committee"),
            pk=member_pk,
        )
        committee = membership.committee
    else:
        committee = _committee(request, pk)
    form = MembershipForm(
        request.POST or None,
        instance=membership,
        initial=None if membership else {"term_start": timezone.localdate()},
    )

    def save(data):
        if membership:
            return services.membership_update(membership=membership, **data)
        return services.membership_add(committee=committee, **data)

    return form_page(
        request,
        form,
        save,
        template="councils/membership_form.html",
        context={"committee": committee, "membership": membership},
        success=_("The member was saved.") if membership else _("The member was added."),
        redirect_to=reverse("councils:committee-detail", args=[committee.pk]),
    )


@role_required(A)
@require_POST
def membership_end(request, member_pk: int):
    membership = get_object_or_404(selectors.membership_visible_to(request.user), pk=member_pk)
    form = MembershipEndForm(request.POST)
    if form.is_valid():
        try:
            services.membership_end(membership=membership, term_end=form.cleaned_data["term_end"])
            messages.success(request, _("The term of %(name)s was ended.") % {"name": membership})
        except RuleError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Give the date the term ends."))
    return redirect("councils:committee-detail", pk=membership.committee_id)


# -- charters -------------------------------------------------------------------


@role_required(A)
def charter_adopt(request, pk: int):
    committee = _committee(request, pk)
    return form_page(
        request,
        CharterForm(request.POST or None, committee=committee),
        lambda data: services.charter_adopt(
            committee=committee,
            text=data["text"],
            meeting=data["adopted_at_meeting"],
            adopted_on=data["adopted_on"],
        ),
        template="councils/charter_form.html",
        context={"committee": committee},
        success=lambda charter: _("Charter version %(n)s was adopted.") % {"n": charter.version},
        redirect_to=reverse("councils:committee-detail", args=[committee.pk]),
    )


# -- meetings -------------------------------------------------------------------


def _meeting(request, pk: int) -> Meeting:
    return get_object_or_404(
        selectors.meeting_visible_to(request.user).prefetch_related(None), pk=pk
    )


def _current_members(meeting: Meeting):
    return (
        Membership.objects.filter(committee=meeting.committee_id)
        .current(meeting.local_date)
        .order_by(selectors.ROLE_ORDER, "name", "pk")
    )


@role_required(*STAFF)
def meeting_detail(request, pk: int, hold_form: MeetingHoldForm | None = None):
    meeting = _meeting(request, pk)
    members = _current_members(meeting)
    member_count = members.count()
    attendees = list(meeting.attendees.order_by(selectors.ROLE_ORDER, "name", "pk"))
    if hold_form is None:
        hold_form = MeetingHoldForm(
            members=members,
            initial={
                "attendees": [m.pk for m in attendees],
                "minutes": meeting.minutes,
                "work_plan": meeting.work_plan,
            },
        )
    items = (
        selectors.action_item_visible_to(request.user)
        .filter(meeting=meeting)
        .select_related("owner")
        .order_by("due_on", "pk")
    )
    return render(
        request,
        "councils/meeting_detail.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "attendees": attendees,
            "member_count": member_count,
            "hold_form": hold_form,
            "cancel_form": MeetingCancelForm(),
            "action_items": items,
            "charters": meeting.charters_adopted.all(),
            "can_hold": meeting.status != Meeting.Status.CANCELLED
            and meeting.local_date <= timezone.localdate(),
            "needs_work_plan": meeting.kind == Meeting.Kind.ANNUAL
            and meeting.committee.kind == Committee.Kind.COUNCIL,
        },
    )


@role_required(A)
def meeting_edit(request, pk: int | None = None, meeting_pk: int | None = None):
    meeting = _meeting(request, meeting_pk) if meeting_pk else None
    committee = meeting.committee if meeting else _committee(request, pk)

    def save(data):
        if meeting:
            return services.meeting_update(meeting=meeting, **data)
        return services.meeting_schedule(committee=committee, **data)

    return form_page(
        request,
        MeetingForm(request.POST or None, instance=meeting),
        save,
        template="councils/meeting_form.html",
        context={"committee": committee, "meeting": meeting},
        success=_("The meeting was saved.") if meeting else _("The meeting was scheduled."),
        redirect_to=lambda saved: reverse("councils:meeting-detail", args=[saved.pk]),
    )


@role_required(A)
@require_POST
def meeting_hold(request, pk: int):
    meeting = _meeting(request, pk)
    form = MeetingHoldForm(request.POST, members=_current_members(meeting))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_hold(
                meeting=meeting,
                minutes=data["minutes"],
                attendees=data["attendees"],
                work_plan=data["work_plan"],
            )
            messages.success(request, _("The meeting was recorded as held."))
            return redirect("councils:meeting-detail", pk=meeting.pk)
        except RuleError as error:
            apply_rule_error(form, error)
    return meeting_detail(request, pk, hold_form=form)


@role_required(A)
@require_POST
def meeting_cancel(request, pk: int):
    meeting = _meeting(request, pk)
    form = MeetingCancelForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"])
            messages.success(request, _("The meeting was cancelled."))
        except RuleError as error:
            messages.error(request, error.message)
    return redirect("councils:meeting-detail", pk=meeting.pk)


@role_required(*STAFF)
@require_safe
def meeting_ics_download(request, pk: int):
    meeting = _meeting(request, pk)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting_ics_filename(meeting)}"'
    return response


# -- action items -----------------------------------------------------------------


@role_required(A)
def action_item_create(request, pk: int):
    meeting = _meeting(request, pk)
    return form_page(
        request,
        ActionItemForm(request.POST or None),
        lambda data: services.action_item_create(meeting=meeting, **data),
        template="councils/action_item_form.html",
        context={"meeting": meeting, "committee": meeting.committee},
        success=_("The follow-up was recorded."),
        redirect_to=reverse("councils:meeting-detail", args=[meeting.pk]),
    )


@role_required(A)
def action_item_edit(request, item_pk: int):
    item = get_object_or_404(
        selectors.action_item_visible_to(request.user).select_related("meeting__committee"),
        pk=item_pk,
    )
    return form_page(
        request,
        ActionItemForm(request.POST or None, instance=item),
        lambda data: services.action_item_update(action_item=item, **data),
        template="councils/action_item_form.html",
        context={"meeting": item.meeting, "committee": item.meeting.committee, "item": item},
        success=_("The follow-up was saved."),
        redirect_to=reverse("councils:meeting-detail", args=[item.meeting_id]),
    )


@role_required(A)
@require_POST
def action_item_complete(request, item_pk: int):
    item = get_object_or_404(selectors.action_item_visible_to(request.user), pk=item_pk)
    try:
        services.action_item_complete(action_item=item)
        messages.success(request, _("The follow-up was marked done."))
    except RuleError as error:
        messages.error(request, error.message)
    next_url = request.POST.get("next", "")
    if next_url == "committee":
        return redirect("councils:committee-detail", pk=item.meeting.committee_id)
    return redirect("councils:meeting-detail", pk=item.meeting_id)


# -- calendar feed -----------------------------------------------------------------


def _feed_url(request, profile: Profile) -> str:
    return request.build_absolute_uri(
        reverse("councils:calendar-feed", kwargs={"token": profile.calendar_token})
    )


@login_required
def calendar(request):
    """The signed-in user's meeting feed: its address and a way to revoke it."""
    profile, _created = Profile.objects.get_or_create(user=request.user)
    return render(
        request,
        "councils/calendar.html",
        {
            "feed_url": _feed_url(request, profile),
            "meeting_count": selectors.meetings_for_calendar(request.user).count(),
        },
    )


@login_required
@require_POST
def calendar_rotate(request):
    services.profile_rotate_calendar_token(user=request.user)
    messages.success(request, _("A new calendar address was made; the old one no longer works."))
    return redirect("councils:calendar")


@never_cache
@require_safe
def calendar_feed(request, token: str):
    """All meetings of the committees the token's owner currently sits on.

    No sign-in: calendar clients cannot log in, so the secret token in the
    address is the credential; rotating it revokes the old address.
    """
    if not CALENDAR_TOKEN_RE.fullmatch(token):
        raise Http404
    profile = (
        Profile.objects.select_related("user")
        .filter(calendar_token=token, user__is_active=True)
        .first()
    )
    if profile is None:
        raise Http404
    meetings = selectors.meetings_for_calendar(profile.user)
    body = calendar_ics(meetings, name=_("Committee meetings"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
