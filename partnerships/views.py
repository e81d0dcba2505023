from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.access import Role
from common.exceptions import RuleError
from common.pages import apply_rule_error, paginate, role_required
from partnerships import selectors, services
from partnerships.forms import EnterpriseContactForm, EnterpriseFilterForm, EnterpriseForm

STAFF = (Role.ADMINISTRATOR, Role.TEACHER)


def _filtered_enterprises(request):
    form = EnterpriseFilterForm(request.GET or None)
    queryset = selectors.enterprise_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            queryset = queryset.filter(
                Q(name__icontains=data["q"]) | Q(credit_code__icontains=data["q"])
            )
        for key in ("status", "size"):
            if data[key]:
                queryset = queryset.filter(**{key: data[key]})
        for key in ("industry", "city"):
            if data[key]:
                queryset = queryset.filter(**{f"{key}__icontains": data[key]})
    ordering = request.GET.get("sort", "name")
    allowed = {"name", "-name", "city", "-city", "workforce", "-workforce", "status", "-status"}
    queryset = queryset.order_by(ordering if ordering in allowed else "name", "pk")
    return form, queryset


@role_required(*STAFF)
def enterprise_list(request):
    form, queryset = _filtered_enterprises(request)
    page = paginate(request, queryset)
    return render(
        request,
        "partnerships/enterprise_list.html",
        {"filter_form": form, "page": page, "sort": request.GET.get("sort", "name")},
    )


@role_required(*STAFF)
def enterprise_detail(request, pk: int):
    enterprise = get_object_or_404(selectors.enterprise_visible_to(request.user), pk=pk)
    return render(
        request,
        "partnerships/enterprise_detail.html",
        {"enterprise": enterprise, "contacts": enterprise.contacts.all()},
    )


@role_required(Role.ADMINISTRATOR)
def enterprise_edit(request, pk: int | None = None):
    enterprise = (
        get_object_or_404(selectors.enterprise_visible_to(request.user), pk=pk) if pk else None
    )
    form = EnterpriseForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            if enterprise:
                enterprise = services.enterprise_update(enterprise=enterprise, **form.cleaned_data)
                messages.success(request, _("The enterprise was saved."))
            else:
                enterprise = services.enterprise_create(**form.cleaned_data)
                messages.success(request, _("The enterprise was created."))
            return redirect("partnerships:enterprise-detail", pk=enterprise.pk)
        except RuleError as error:
            apply_rule_error(form, error)
    return render(
        request, "partnerships/enterprise_form.html", {"form": form, "enterprise": enterprise}
    )


@role_required(Role.ADMINISTRATOR)
def enterprise_contact_add(request, pk: int):
    enterprise = get_object_or_404(selectors.enterprise_visible_to(request.user), pk=pk)
    form = EnterpriseContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.enterprise_contact_save(enterprise=enterprise, **form.cleaned_data)
        messages.success(request, _("The contact was added."))
        return redirect("partnerships:enterprise-detail", pk=enterprise.pk)
    return render(
        request,
        "partnerships/contact_form.html",
        {"form": form, "enterprise": enterprise},
    )
