"""The record pages: one list, form, import and delete for every record type."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import Role, role_of
from common.exceptions import RuleError
from common.exports import export_rows
from common.pages import apply_rule_error, filter_list, form_page, paginate, role_required, sort_by
from common.spreadsheet import safe_row
from records import imports, selectors, services
from records.api.filters import FILTERS
from records.forms import FORMS, FigureCorrectionForm, ImportForm, filter_form_for
from records.kinds import KINDS, Kind
from records.models import FigureCorrection

READERS = (Role.ADMINISTRATOR, Role.TEACHER, Role.LIAISON)
ADMIN = Role.ADMINISTRATOR
FILTER_FORMS = {
    resource: filter_form_for(kind, FILTERS[resource]) for resource, kind in KINDS.items()
}


def _kind(resource: str) -> Kind:
    kind = KINDS.get(resource)
    if kind is None:
        raise Http404
    return kind


def _display(row, name: str):
    field = row._meta.get_field(name)
    if field.many_to_many:
        return len(getattr(row, name).all())
    if field.choices:
        return getattr(row, f"get_{name}_display")()
    if name == "functions":
        return ", ".join(map(str, getattr(row, name)))
    value = getattr(row, name)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else value


@role_required(*READERS)
def index(request):
    user = request.user
    rows = [(kind, selectors.record_visible_to(kind, user).count()) for kind in KINDS.values()]
    return render(request, "records/index.html", {"rows": rows})


@role_required(*READERS)
def record_list(request, resource: str):
    kind = _kind(resource)
    filterset = FILTERS[resource]
    form, queryset = filter_list(
        request,
        filterset,
        selectors.record_visible_to(kind, request.user),
        FILTER_FORMS[resource],
    )
    queryset, sort = sort_by(request, queryset, filterset.ordering_fields, kind.default_sort)
    export = export_rows(request, queryset, imports.export_columns(kind), kind.resource)
    if export:
        return export
    page = paginate(request, queryset)
    columns = kind.list_columns()
    meta = kind.model._meta
    return render(
        request,
        "records/record_list.html",
        {
            "kind": kind,
            "filter_form": form,
            "page": page,
            "sort": sort,
            "exportable": True,
            "headers": [
                (str(meta.get_field(n).verbose_name), n if n in filterset.ordering_fields else "")
                for n in columns
            ],
            "rows": [(row, [_display(row, n) for n in columns]) for row in page],
            "is_administrator": role_of(request.user) == ADMIN,
        },
    )


@role_required(ADMIN)
def record_edit(request, resource: str, pk: int | None = None):
    kind = _kind(resource)
    instance = (
        get_object_or_404(selectors.record_visible_to(kind, request.user), pk=pk) if pk else None
    )
    form = FORMS[resource](request.POST or None, instance=instance)
    list_url = reverse("records:list", args=[resource])

    def save(data):
        if instance is None:
            return services.record_create(kind, **data)
        return services.record_update(kind, instance=instance, **data)

    return form_page(
        request,
        form,
        save,
        template="records/record_form.html",
        redirect_to=list_url,
        success=_("The record was saved."),
        context={"kind": kind, "instance": instance, "cancel_url": list_url},
    )


@require_POST
@role_required(ADMIN)
def record_delete(request, resource: str, pk: int):
    kind = _kind(resource)
    instance = get_object_or_404(selectors.record_visible_to(kind, request.user), pk=pk)
    try:
        services.record_delete(kind, instance=instance)
        messages.success(request, _("The record was deleted."))
    except RuleError as error:
        messages.error(request, error.message)
    return redirect("records:list", resource=resource)


@role_required(ADMIN)
def record_import(request, resource: str):
    kind = _kind(resource)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            report = imports.record_import(
                kind, uploaded=form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"]
            )
            if report.ok and not report.dry_run:
                messages.success(request, _("%(n)d records were imported.") % {"n": report.created})
                return redirect("records:list", resource=resource)
            if not report.ok:
                status = 400
        else:
            status = 400
    return render(
        request,
        "records/record_import.html",
        {"kind": kind, "form": form, "report": report, "headers": imports.headers(kind)},
        status=status,
    )


@role_required(ADMIN)
def record_template(request, resource: str, fmt: str):
    """An empty file with the import's headers."""
    kind = _kind(resource)
    header = safe_row(imports.headers(kind))
    if fmt == "xlsx":
        import io

        from openpyxl import Workbook

        book = Workbook()
        book.active.append(header)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        import csv
        import io

        text = io.StringIO()
        csv.writer(text).writerow(header)
        response = HttpResponse(
            text.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{resource}-template.{fmt}"'
    return response


# A review's figures ---------------------------------------------------------


@role_required(*READERS)
def review_figures(request, pk: int):
    """The review's figures: the value that counts, what the records give, the correction."""
    from partnerships.models import FIGURE_FIELDS, AnnualReview
    from partnerships.review_figures import derived
    from partnerships.selectors import review_visible_to

    review = get_object_or_404(
        review_visible_to(request.user).select_related("agreement__enterprise"), pk=pk
    )
    is_admin = role_of(request.user) == ADMIN
    meta = AnnualReview._meta
    choices = [(name, meta.get_field(name).verbose_name) for name in FIGURE_FIELDS]
    form = FigureCorrectionForm(request.POST or None, figure_choices=choices)
    if request.method == "POST":
        if not is_admin:
            raise Http404
        if form.is_valid():
            try:
                services.figure_correction_set(
                    review=review, actor=request.user, **form.cleaned_data
                )
            except RuleError as error:
                apply_rule_error(form, error)
            else:
                messages.success(request, _("The correction was saved."))
                return redirect("records:review-figures", pk=review.pk)
    rows_by_name = derived([review]).get(review.pk, {})
    corrections = {
        c.figure: c
        for c in FigureCorrection.objects.filter(review=review).select_related("created_by")
    }
    rows = [
        {
            "name": name,
            "label": label,
            "value": getattr(review, name),
            "derived": rows_by_name[name].derived if name in rows_by_name else None,
            "correction": corrections.get(name),
        }
        for name, label in choices
    ]
    return render(
        request,
        "records/review_figures.html",
        {"review": review, "rows": rows, "form": form, "is_administrator": is_admin},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@role_required(ADMIN)
def correction_delete(request, pk: int):
    correction = get_object_or_404(selectors.figure_correction_visible_to(request.user), pk=pk)
    review_id = correction.review_id
    services.figure_correction_delete(correction=correction)
    messages.success(request, _("The correction was removed; the records' value counts again."))
    return redirect("records:review-figures", pk=review_id)
