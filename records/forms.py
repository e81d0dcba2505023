"""The record pages' forms, built from each ``Kind`` like the API's serializers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import StyledFormMixin
from common.spreadsheet import SpreadsheetFileField
from internships.models import Student
from records.kinds import KINDS, Kind
from records.models import TrainingBase

SPLIT = __import__("re").compile(r"[;；,，、\s]+")


class StudentNumbersField(forms.CharField):
    """Students by number (a roster of hundreds is no select box)."""

    def __init__(self, *, many: bool, **kwargs):
        self.many = many
        kwargs.setdefault(
            "help_text",
            _("Student numbers separated by semicolons or spaces.") if many else None,
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Student):
            return value.student_number
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            rows = value.all() if hasattr(value, "all") else value
            return "; ".join(s.student_number if isinstance(s, Student) else str(s) for s in rows)
        if isinstance(value, int):
            return Student.objects.filter(pk=value).values_list("student_number", flat=True).first()
        return value

    def clean(self, value):
        value = super().clean(value)
        numbers = [n for n in SPLIT.split(value or "") if n]
        if not numbers:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"])
            return [] if self.many else None
        if not self.many and len(numbers) > 1:
            raise forms.ValidationError(_("Give one student number."))
        found = {s.student_number: s for s in Student.objects.filter(student_number__in=numbers)}
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(
                _("Unknown student number: %(numbers)s") % {"numbers": ", ".join(missing)}
            )
        rows = [found[n] for n in dict.fromkeys(numbers)]
        return rows if self.many else rows[0]


def _form_for(kind: Kind) -> type[forms.ModelForm]:
    attrs: dict = {}
    for name in kind.fields:
        field = kind.model._meta.get_field(name)
        if field.is_relation and field.related_model is Student:
            attrs[name] = StudentNumbersField(
                many=field.many_to_many,
                required=not (field.many_to_many or field.null),
                label=field.verbose_name,
            )
        elif name == "functions":
            attrs[name] = forms.MultipleChoiceField(
                label=field.verbose_name,
                required=False,
                choices=TrainingBase.Function.choices,
                widget=forms.CheckboxSelectMultiple,
            )
    widgets = {
        name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        for name in kind.fields
        if kind.model._meta.get_field(name).get_internal_type() == "DateField"
    }
    meta = type("Meta", (), {"model": kind.model, "fields": kind.fields, "widgets": widgets})
    attrs["Meta"] = meta

    def validate_unique(self):
        pass  # the service decides (record_duplicate), with its message

    attrs["validate_unique"] = validate_unique
    attrs["validate_constraints"] = validate_unique
    return type(kind.model.__name__ + "Form", (StyledFormMixin, forms.ModelForm), attrs)


FORMS = {resource: _form_for(kind) for resource, kind in KINDS.items()}


def filter_form_for(kind: Kind, filterset_class) -> type[forms.Form]:
    """The filter bar: its fields carry the FilterSet's parameter names."""
    from partnerships.models import Enterprise, Major

    attrs: dict = {}
    if "search" in filterset_class.base_filters:
        attrs["search"] = forms.CharField(label=_("Search"), required=False)
    for name in filterset_class.base_filters:
        if name == "search":
            continue
        if name == "year":
            attrs[name] = forms.IntegerField(
                label=_("Year"), required=False, min_value=1, max_value=9999
            )
            continue
        field = kind.model._meta.get_field(name)
        if field.is_relation and field.related_model in (Enterprise, Major):
            attrs[name] = forms.ModelChoiceField(
                label=field.verbose_name,
                required=False,
                queryset=field.related_model.objects.order_by("name"),
                empty_label=_("Any"),
            )
        elif field.is_relation:
            continue  # filtered through the API or a link, not a select of thousands
        elif field.get_internal_type() == "BooleanField":
            attrs[name] = forms.ChoiceField(
                label=field.verbose_name,
                required=False,
                choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))],
            )
        elif field.choices:
            attrs[name] = forms.ChoiceField(
                label=field.verbose_name,
                required=False,
                choices=[("", _("Any")), *field.choices],
            )
        else:
            attrs[name] = forms.IntegerField(label=field.verbose_name, required=False)
    return type(kind.model.__name__ + "FilterForm", (StyledFormMixin, forms.Form), attrs)


class ImportForm(StyledFormMixin, forms.Form):
    file = SpreadsheetFileField(
        label=_("Spreadsheet"), help_text=_("A .csv or .xlsx file with one record per row.")
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: only check the file, import nothing"), required=False
    )


class FigureCorrectionForm(StyledFormMixin, forms.Form):
    figure = forms.ChoiceField(label=_("Figure"))
    value = forms.DecimalField(label=_("Value"), min_value=0, max_digits=14, decimal_places=2)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, figure_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["figure"].choices = list(figure_choices)
