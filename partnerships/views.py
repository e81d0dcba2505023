from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from accounts.access import Role, is_administrator
from common.exceptions import RuleError
from common.exports import export_rows
from common.pages import apply_rule_error, filter_list, form_page, paginate, role_required, sort_by
from partnerships import enterprise_page, imports, review_figures, selectors, services
from partnerships.api.filters import AgreementFilter, EnterpriseFilter, MajorFilter
from partnerships.api.views import document_response
from partnerships.forms import (
    AgreementFilterForm,
    AgreementForm,
    AgreementRenewForm,
    AgreementTerminateForm,
    DocumentForm,
    EnterpriseContactForm,
    EnterpriseFilterForm,
    EnterpriseForm,
    EnterpriseImportForm,
    EnterpriseVettingForm,
    ReviewForm,
    WorkstationForm,
)
from partnerships.models import (
    FIGURE_FIELDS,
    SCORE_FIELDS,
    AnnualReview,
    CooperationAgreement,
    Major,
)

STAFF = (Role.ADMINISTRATOR, Role.TEACHER)


def _filtered_enterprises(request):
    form, queryset = filter_list(
        request,
        EnterpriseFilter,
        selectors.enterprise_visible_to(request.user),
        EnterpriseFilterForm,
    )
    queryset, sort = sort_by(request, queryset, EnterpriseFilter.ordering_fields, "name")
    return form, queryset, sort


ENTERPRISE_COLUMNS = [
    (_l("Name"), lambda e: e.name),
    (_l("Credit code"), lambda e: e.credit_code),
    (_l("Industry"), lambda e: e.industry),
    (_l("Size"), lambda e: e.get_size_display()),
    (_l("City"), lambda e: e.city),
    (_l("Workforce"), lambda e: e.workforce),
    (_l("Integration enterprise"), lambda e: e.is_integration_enterprise),
    (_l("Status"), lambda e: e.get_status_display()),
]


@role_required(*STAFF)
def enterprise_list(request):
    form, queryset, sort = _filtered_enterprises(request)
    export = export_rows(request, queryset, ENTERPRISE_COLUMNS, "enterprises")
    if export:
        return export
    page = paginate(request, queryset)
    return render(
        request,
        "partnerships/enterprise_list.html",
        {
            "filter_form": form,
            "page": page,
            "sort": sort,
            "exportable": True,
        },
    )


@role_required(*STAFF)
def enterprise_detail(request, pk: int):
    enterprise = get_object_or_404(selectors.enterprise_visible_to(request.user), pk=pk)
    agreements = (
        selectors.agreement_visible_to(request.user)
        .filter(enterprise=enterprise)
        .order_by("-starts_on", "-id")
    )
    return render(
        request,
        "partnerships/enterprise_detail.html",
        {
            "enterprise": enterprise,
            "contacts": enterprise.contacts.all(),
            "agreements": agreements,
            "workstations": selectors.workstation_visible_to(request.user).filter(
                enterprise=enterprise
            ),
            "vettings": selectors.vetting_visible_to(request.user)
            .filter(enterprise=enterprise)
            .order_by("-inspected_on", "-id"),
            "today": timezone.localdate(),
            "figures": enterprise_page.figures(enterprise),
            "enterprise_blocks": enterprise_page.blocks(enterprise),
        },
    )


@role_required(Role.ADMINISTRATOR)
def enterprise_edit(request, pk: int | None = None):
    enterprise = (
        get_object_or_404(selectors.enterprise_visible_to(request.user), pk=pk) if pk else None
    )

    def save(data):
        if enterprise:
            return services.enterprise_update(enterprise=enterprise, **data)
        return services.enterprise_create(**data)

    return form_page(
        request,
        EnterpriseForm(request.POST or None, instance=enterprise),
        save,
        template="partnerships/enterprise_form.html",
        context={"enterprise": enterprise},
        success=_("The enterprise was saved.") if enterprise else _("The enterprise was created."),
        redirect_to=lambda saved: reverse("partnerships:enterprise-detail", args=[saved.pk]),
    )


@role_required(Role.ADMINISTRATOR)
def enterprise_contact_add(request, pk: int):
    enterprise = get_object_or_404(selectors.enterprise_visible_to(request.user), pk=pk)
    return form_page(
        request,
        EnterpriseContactForm(request.POST or None),
        lambda data: services.enterprise_contact_save(enterprise=enterprise, **data),
        template="partnerships/contact_form.html",
        context={"enterprise": enterprise},
        success=_("The contact was added."),
        redirect_to=reverse("partnerships:enterprise-detail", args=[enterprise.pk]),
    )


@role_required(Role.ADMINISTRATOR)
def vetting_add(request, pk: int):
    """Record a vetting (and publish it at once if asked), all or nothing."""
    enterprise = get_object_or_404(selectors.enterprise_visible_to(request.user), pk=pk)

    @transaction.atomic
    def save(data):
        publish = data.pop("publish", False)
        vetting = services.vetting_create(actor=request.user, enterprise=enterprise, **data)
        return services.vetting_publish(vetting=vetting) if publish else vetting

    return form_page(
        request,
        EnterpriseVettingForm(request.POST or None),
        save,
        template="partnerships/vetting_form.html",
        context={"enterprise": enterprise},
        success=_("The vetting was recorded."),
        redirect_to=reverse("partnerships:enterprise-detail", args=[enterprise.pk]),
    )


@require_POST
@role_required(Role.ADMINISTRATOR)
def vetting_publish(request, pk: int):
    vetting = get_object_or_404(selectors.vetting_visible_to(request.user), pk=pk)
    try:
        services.vetting_publish(vetting=vetting)
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The enterprise is published as an internship unit."))
    return redirect("partnerships:enterprise-detail", vetting.enterprise_id)


# ---------------------------------------------------------------------------
# Agreements
# ---------------------------------------------------------------------------

AGREEMENT_COLUMNS = [
    (_l("Number"), lambda a: a.number),
    (_l("Title"), lambda a: a.title),
    (_l("Enterprise"), lambda a: a.enterprise.name),
    (_l("Depth"), lambda a: a.get_depth_display()),
    (_l("Majors"), lambda a: "; ".join(m.name for m in a.majors.all())),
    (_l("Starts on"), lambda a: a.starts_on),
    (_l("Ends on"), lambda a: a.ends_on),
    (_l("Signed on"), lambda a: a.signed_on),
    (_l("Status"), lambda a: a.get_status_display()),
]


@role_required(*STAFF)
def agreement_list(request):
    form, queryset = filter_list(
        request, AgreementFilter, selectors.agreement_visible_to(request.user), AgreementFilterForm
    )
    queryset, sort = sort_by(
        request, queryset, AgreementFilter.ordering_fields, "-starts_on", then=("-pk",)
    )
    export = export_rows(request, queryset, AGREEMENT_COLUMNS, "agreements")
    if export:
        return export
    page = paginate(request, _agreement_rows(queryset))
    return render(
        request,
        "partnerships/agreement_list.html",
        {"filter_form": form, "page": page, "sort": sort, "exportable": True},
    )


def _agreement_rows(queryset):
    """Only the columns the list shows: the page built 200 model instances it did not print."""
    return (
        queryset.select_related(None)
        .select_related("enterprise")
        .prefetch_related(None)
        .prefetch_related(Prefetch("majors", queryset=Major.objects.order_by("code").only("name")))
        .only(
            "number",
            "title",
            "flagged_for_owner",
            "enterprise__name",
            "depth",
            "starts_on",
            "ends_on",
            "status",
        )
    )


def _agreement_for(request, pk: int) -> CooperationAgreement:
    return get_object_or_404(selectors.agreement_visible_to(request.user), pk=pk)


@role_required(*STAFF)
def agreement_detail(request, pk: int):
    agreement = _agreement_for(request, pk)
    return render(
        request,
        "partnerships/agreement_detail.html",
        {
            "agreement": agreement,
            "reviews": agreement.reviews.all(),
            "documents": selectors.document_visible_to(request.user).filter(agreement=agreement),
            "events": selectors.agreement_events(agreement),
            "renewals": agreement.renewals.all(),
            "workstations": agreement.workstations.select_related("school_leader"),
            "actions": agreement.allowed_actions,
            "terminate_form": AgreementTerminateForm(),
            "renew_form": AgreementRenewForm(),
        },
    )


@role_required(Role.ADMINISTRATOR)
def agreement_edit(request, pk: int | None = None):
    agreement = _agreement_for(request, pk) if pk else None
    if agreement and "edit" not in agreement.allowed_actions:
        messages.error(request, _("An expired or terminated agreement can no longer be edited."))
        return redirect("partnerships:agreement-detail", pk=agreement.pk)
    initial = {}
    if agreement is None and request.GET.get("enterprise", "").isdigit():
        initial["enterprise"] = request.GET["enterprise"]

    def save(data):
        if agreement:
            return services.agreement_update(agreement=agreement, actor=request.user, **data)
        data = {**data, "owner": data.get("owner") or request.user}
        return services.agreement_create(actor=request.user, **data)

    return form_page(
        request,
        AgreementForm(request.POST or None, instance=agreement, initial=initial),
        save,
        template="partnerships/agreement_form.html",
        context={"agreement": agreement},
        success=(
            _("The agreement was saved.")
            if agreement
            else lambda saved: (
                _("Agreement %(number)s was created as a draft.") % {"number": saved.number}
            )
        ),
        redirect_to=lambda saved: reverse("partnerships:agreement-detail", args=[saved.pk]),
    )


def _transition(request, pk: int, run, done: str):
    agreement = _agreement_for(request, pk)
    try:
        result = run(agreement)
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("partnerships:agreement-detail", pk=agreement.pk)
    messages.success(request, done)
    return redirect("partnerships:agreement-detail", pk=result.pk)


@require_POST
@role_required(Role.ADMINISTRATOR)
def agreement_activate(request, pk: int):
    return _transition(
        request,
        pk,
        lambda a: services.agreement_activate(agreement=a, actor=request.user),
        _("The agreement is active; its first annual review is pending."),
    )


@role_required(Role.ADMINISTRATOR)
def agreement_terminate(request, pk: int):
    agreement = _agreement_for(request, pk)
    return form_page(
        request,
        AgreementTerminateForm(request.POST or None),
        lambda data: services.agreement_terminate(
            agreement=agreement, actor=request.user, reason=data["reason"]
        ),
        template="partnerships/agreement_action.html",
        context={"agreement": agreement, "action": "terminate"},
        success=_("The agreement was terminated."),
        redirect_to=reverse("partnerships:agreement-detail", args=[agreement.pk]),
    )


@role_required(Role.ADMINISTRATOR)
def agreement_renew(request, pk: int):
    agreement = _agreement_for(request, pk)
    years = max(1, round((agreement.ends_on - agreement.starts_on).days / 365))
    form = AgreementRenewForm(
        request.POST or None,
        initial={
            "ends_on": services.anniversary(max(agreement.ends_on, timezone.localdate()), years)
        },
    )
    return form_page(
        request,
        form,
        lambda data: services.agreement_renew(
            agreement=agreement, actor=request.user, ends_on=data["ends_on"]
        ),
        template="partnerships/agreement_action.html",
        context={"agreement": agreement, "action": "renew"},
        success=lambda renewal: (
            _("Renewal %(number)s was created as a draft.") % {"number": renewal.number}
        ),
        redirect_to=lambda renewal: reverse("partnerships:agreement-detail", args=[renewal.pk]),
    )


@require_POST
@role_required(Role.ADMINISTRATOR)
def agreement_delete(request, pk: int):
    agreement = _agreement_for(request, pk)
    try:
        services.agreement_delete(agreement=agreement)
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("partnerships:agreement-detail", pk=agreement.pk)
    messages.success(request, _("The draft was deleted."))
    return redirect("partnerships:agreement-list")


# ---------------------------------------------------------------------------
# Reviews
# ---------------------------------------------------------------------------


def _review_for(request, pk: int) -> AnnualReview:
    return get_object_or_404(selectors.review_visible_to(request.user), pk=pk)


@role_required(*STAFF)
def review_detail(request, pk: int):
    """The review; administrators fill in a pending one here and submit it."""
    review = _review_for(request, pk)
    editable = review.status == AnnualReview.Status.PENDING and is_administrator(request.user)
    if request.method == "POST" and not editable:
        if not is_administrator(request.user):
            raise PermissionDenied
        messages.error(request, _("Only a pending review can be edited."))
        return redirect("partnerships:review-detail", pk=review.pk)
    form = ReviewForm(request.POST or None, instance=review) if editable else None
    # Figures the records give are shown beside the stored value (review_figures).
    derived = review_figures.derived([review]).get(review.pk, {})
    for name, row in derived.items() if form is not None else ():
        if name in form.fields:
            form.fields[name].help_text = _("From the records: %(value)s") % {
                "value": row.derived
            } + (_(" (corrected: %(reason)s)") % {"reason": row.reason} if row.reason else "")
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            if "submit" in request.POST:
                # One transaction: a refused submit saves nothing of the form.
                services.review_save_and_submit(review=review, **form.cleaned_data)
                messages.success(request, _("The review was submitted for approval."))
            else:
                services.review_update(review=review, **form.cleaned_data)
                messages.success(request, _("The review was saved."))
            return redirect("partnerships:review-detail", pk=review.pk)
        except RuleError as error:
            apply_rule_error(form, error)
    meta = AnnualReview._meta
    return render(
        request,
        "partnerships/review_detail.html",
        {
            "review": review,
            "agreement": review.agreement,
            "form": form,
            "score_rows": [
                (meta.get_field(n).verbose_name, getattr(review, n)) for n in SCORE_FIELDS
            ],
            "figure_rows": [
                (meta.get_field(n).verbose_name, getattr(review, n), derived.get(n))
                for n in FIGURE_FIELDS
            ],
            "figure_links": review_figures.links(review),
        },
    )


@require_POST
@role_required(Role.ADMINISTRATOR)
def review_approve(request, pk: int):
    review = _review_for(request, pk)
    try:
        services.review_approve(review=review, actor=request.user)
        messages.success(request, _("The review was approved."))
    except RuleError as error:
        messages.error(request, error.message)
    return redirect("partnerships:review-detail", pk=review.pk)


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


@role_required(Role.ADMINISTRATOR)
def document_upload(request, pk: int):
    agreement = _agreement_for(request, pk)
    return form_page(
        request,
        DocumentForm(request.POST or None, request.FILES or None),
        lambda data: services.document_upload(
            agreement=agreement, actor=request.user, file=data["file"], kind=data["kind"]
        ),
        template="partnerships/document_form.html",
        context={"agreement": agreement},
        success=_("The document was uploaded."),
        redirect_to=reverse("partnerships:agreement-detail", args=[agreement.pk]),
    )


@role_required(Role.ADMINISTRATOR, Role.TEACHER, Role.LIAISON)
def document_download(request, pk: int):
    # Scoped like the agreement itself: a document of an agreement the user
    # cannot see is a 404, whatever its id.
    document = get_object_or_404(selectors.document_visible_to(request.user), pk=pk)
    return document_response(document)


# ---------------------------------------------------------------------------
# Workstations
# ---------------------------------------------------------------------------


@role_required(Role.ADMINISTRATOR)
def workstation_edit(request, enterprise_pk: int, pk: int | None = None):
    enterprise = get_object_or_404(selectors.enterprise_visible_to(request.user), pk=enterprise_pk)
    workstation = (
        get_object_or_404(
            selectors.workstation_visible_to(request.user).filter(enterprise=enterprise), pk=pk
        )
        if pk
        else None
    )

    def save(data):
        if workstation:
            return services.workstation_update(workstation=workstation, **data)
        return services.workstation_create(enterprise=enterprise, **data)

    return form_page(
        request,
        WorkstationForm(request.POST or None, instance=workstation, enterprise=enterprise),
        save,
        template="partnerships/workstation_form.html",
        context={"enterprise": enterprise, "workstation": workstation},
        success=_("The workstation was saved."),
        redirect_to=reverse("partnerships:enterprise-detail", args=[enterprise.pk]),
    )


# ---------------------------------------------------------------------------
# Majors
# ---------------------------------------------------------------------------


@role_required(*STAFF)
def major_list(request):
    _form, majors = filter_list(request, MajorFilter, selectors.major_coverage(request.user))
    only_uncovered = request.GET.get("without_deep_partner") == "true"
    rows = list(majors)
    return render(
        request,
        "partnerships/major_list.html",
        {
            "majors": rows,
            "uncovered": sum(1 for m in rows if m.deep_partners == 0),
            "only_uncovered": only_uncovered,
        },
    )


# ---------------------------------------------------------------------------
# Enterprise import
# ---------------------------------------------------------------------------


@role_required(Role.ADMINISTRATOR)
def enterprise_import(request):
    form = EnterpriseImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            report = imports.enterprise_import(
                uploaded=form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"]
            )
            if report.ok and not report.dry_run:
                messages.success(
                    request,
                    _("%(n)d enterprises were imported.") % {"n": report.created},
                )
        else:
            status = 400  # no file, or one beyond the import limits
    return render(
        request,
        "partnerships/enterprise_import.html",
        {"form": form, "report": report},
        status=status,
    )


@role_required(Role.ADMINISTRATOR)
def enterprise_import_template(request, fmt: str):
    if fmt == "xlsx":
        response = HttpResponse(
            imports.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="enterprises-template.{fmt}"'
    return response


# ---------------------------------------------------------------------------
# The published list of internship units (2021 internship regulation, Art. 7)
# ---------------------------------------------------------------------------

INTERNSHIP_UNIT_COLUMNS = [
    (_l("Enterprise"), lambda e: e.name),
    (_l("Unified social credit code"), lambda e: e.credit_code),
    (_l("Industry"), lambda e: e.industry),
    (_l("City"), lambda e: e.city),
    (_l("Vetted on"), lambda e: e.vetted_on),
    (_l("Valid until"), lambda e: e.vetting_valid_until),
]


@role_required(*STAFF)
def internship_units(request):
    """Enterprises whose approved vetting is published and valid today; ?export=csv|xlsx."""
    units = selectors.internship_units()
    exported = export_rows(request, units, INTERNSHIP_UNIT_COLUMNS, "internship-units")
    if exported is not None:
        return exported
    return render(
        request,
        "partnerships/internship_units.html",
        {"page": paginate(request, units), "today": timezone.localdate()},
    )
