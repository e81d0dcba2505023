"""Browser pages of the agreements: the list, one agreement with its history
and the actions of whoever's turn it is, templates, and the certificate.

The student's and the liaison's pages are the same, drawn for a phone first.
Every write goes through contracts.services; a refusal is shown as a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import Role, allows, enterprise_id_of, role_of
from common.exceptions import RuleError
from common.pages import filter_list, form_page, paginate, role_required, sort_by
from contracts import seal, selectors, services
from contracts.api.filters import InternshipAgreementFilter
from contracts.api.views import agreement_pdf_response, client_address
from contracts.forms import (
    AgreementCreateForm,
    AgreementFilterForm,
    PaperForm,
    SignForm,
    TemplateForm,
    VoidForm,
)
from contracts.models import DocumentTemplate, Party
from contracts.placeholders import PLACEHOLDERS

READERS = (Role.ADMINISTRATOR, Role.TEACHER, Role.LIAISON, Role.STUDENT)


def _agreement(request, pk: int):
    return get_object_or_404(selectors.agreement_visible_to(request.user), pk=pk)


@role_required(*READERS)
def agreement_list(request):
    form, queryset = filter_list(
        request,
        InternshipAgreementFilter,
        selectors.agreement_visible_to(request.user),
        AgreementFilterForm,
    )
    queryset, sort = sort_by(
        request, queryset, InternshipAgreementFilter.ordering_fields, "-created_at"
    )
    page = paginate(request, queryset)
    return render(
        request,
        "contracts/agreement_list.html",
        {
            "page": page,
            "filter_form": form,
            "sort": sort,
            "admin": role_of(request.user) == Role.ADMINISTRATOR,
        },
    )


def _my_party(agreement, user) -> str | None:
    role = role_of(user)
    placement = agreement.placement
    if role == Role.STUDENT and placement.student.user_id == user.pk:
        return Party.STUDENT
    if role == Role.LIAISON and enterprise_id_of(user) == placement.enterprise_id:
        return Party.ENTERPRISE
    if role == Role.ADMINISTRATOR:
        return Party.COLLEGE
    return None


@role_required(*READERS)
def agreement_detail(request, pk: int):
    agreement = _agreement(request, pk)
    version = services.current_version(agreement)
    next_party = (
        services.next_party(agreement, version)
        if agreement.status == agreement.Status.SIGNING
        else None
    )
    mine = _my_party(agreement, request.user)
    can_sign = next_party is not None and (
        next_party == mine or (next_party == Party.GUARDIAN and mine == Party.STUDENT)
    )
    check = None
    if agreement.final_pdf and agreement.sealed:
        with agreement.final_pdf.open("rb") as handle:
            check = seal.verify(handle.read())
    admin = role_of(request.user) == Role.ADMINISTRATOR
    return render(
        request,
        "contracts/agreement_detail.html",
        {
            "agreement": agreement,
            "version": version,
            "versions": agreement.versions.all(),
            "signatures": agreement.signatures.select_related("version").order_by(
                "signed_at", "id"
            ),
            "events": agreement.events.select_related("actor"),
            "next_party": next_party,
            "next_party_label": Party(next_party).label if next_party else "",
            "can_sign": can_sign,
            "sign_form": SignForm(
                initial={
                    "sha256": version.sha256 if version else "",
                    "party": next_party if next_party == Party.GUARDIAN else "",
                }
            ),
            "guardian_turn": next_party == Party.GUARDIAN,
            "admin": admin,
            "paper_form": PaperForm(),
            "void_form": VoidForm(),
            "seal_check": check,
            "amendments": agreement.amendments.all(),
        },
    )


@role_required(*READERS)
def agreement_pdf(request, pk: int):
    return agreement_pdf_response(_agreement(request, pk))


def _act(request, agreement, call) -> HttpResponse:
    try:
        call()
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done."))
    return redirect("contracts:agreement-detail", agreement.pk)


@require_POST
@role_required(Role.ADMINISTRATOR)
def agreement_generate(request, pk: int):
    agreement = _agreement(request, pk)
    return _act(
        request,
        agreement,
        lambda: services.agreement_generate(agreement=agreement, actor=request.user),
    )


@require_POST
@role_required(*READERS)
def agreement_sign(request, pk: int):
    agreement = _agreement(request, pk)
    if not allows(request.user, "internship-agreements", "sign"):
        raise PermissionDenied
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick that you have read the document and agree to it."))
        return redirect("contracts:agreement-detail", agreement.pk)
    data = form.cleaned_data
    return _act(
        request,
        agreement,
        lambda: services.agreement_sign(
            agreement=agreement,
            actor=request.user,
            sha256=data["sha256"],
            party=data.get("party") or None,
            name=data.get("name", ""),
            ip_address=client_address(request),
        ),
    )


@require_POST
@role_required(Role.ADMINISTRATOR)
def agreement_paper(request, pk: int):
    agreement = _agreement(request, pk)
    form = PaperForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the scan and who signed it."))
        return redirect("contracts:agreement-detail", agreement.pk)
    data = form.cleaned_data
    return _act(
        request,
        agreement,
        lambda: services.agreement_upload_paper(
            agreement=agreement,
            actor=request.user,
            file=data["file"],
            party=data["party"],
            name=data.get("name", ""),
        ),
    )


@require_POST
@role_required(Role.ADMINISTRATOR)
def agreement_void(request, pk: int):
    agreement = _agreement(request, pk)
    form = VoidForm(request.POST)
    reason = form.data.get("reason", "")
    return _act(
        request,
        agreement,
        lambda: services.agreement_void(agreement=agreement, actor=request.user, reason=reason),
    )


@role_required(Role.ADMINISTRATOR)
def agreement_new(request):
    """The list's "new document" box: from a placement's number to its create page."""
    placement = request.GET.get("placement", "")
    if not placement.isdigit():
        messages.error(request, _("Give the placement's number."))
        return redirect("contracts:agreement-list")
    return redirect("contracts:agreement-create", int(placement))


@role_required(Role.ADMINISTRATOR)
def agreement_create(request, pk: int):
    placement = get_object_or_404(selectors.placement_for_documents(request.user), pk=pk)
    form = AgreementCreateForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.agreement_create(
            placement=placement, actor=request.user, kind=data["kind"]
        ),
        template="contracts/agreement_form.html",
        redirect_to=lambda agreement: reverse("contracts:agreement-detail", args=[agreement.pk]),
        success=_("The document was created; generate its PDF next."),
        context={"placement": placement},
    )


@role_required(*READERS)
def certificate(request, pk: int):
    placement = get_object_or_404(selectors.placement_for_documents(request.user), pk=pk)
    try:
        data = services.certificate_pdf(placement=placement)
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("contracts:agreement-list")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{placement.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.ADMINISTRATOR, Role.TEACHER, Role.LIAISON)
def template_list(request):
    templates = selectors.template_visible_to(request.user).order_by("kind", "-version")
    return render(
        request,
        "contracts/template_list.html",
        {
            "templates": templates,
            "placeholders": PLACEHOLDERS,
            "admin": role_of(request.user) == Role.ADMINISTRATOR,
        },
    )


@role_required(Role.ADMINISTRATOR)
def template_create(request):
    initial = {}
    source = request.GET.get("from")
    if source and source.isdigit():
        base = DocumentTemplate.objects.filter(pk=int(source)).first()
        if base is not None:
            initial = {"kind": base.kind, "title": base.title, "body": base.body}
    form = TemplateForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.template_create(actor=request.user, **data),
        template="contracts/template_form.html",
        redirect_to=reverse("contracts:template-list"),
        success=_("The template was saved."),
    )


@role_required(Role.ADMINISTRATOR)
def template_edit(request, pk: int):
    template = get_object_or_404(DocumentTemplate, pk=pk)
    form = TemplateForm(
        request.POST or None,
        initial={
            "kind": template.kind,
            "title": template.title,
            "body": template.body,
            "active": template.active,
        },
    )
    return form_page(
        request,
        form,
        lambda data: services.template_update(template=template, actor=request.user, **data),
        template="contracts/template_form.html",
        redirect_to=reverse("contracts:template-list"),
        success=_("The template was saved."),
        context={"template_obj": template},
    )
