from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import StyledFormMixin
from practice.models import Journal


class CheckInForm(StyledFormMixin, forms.Form):
    """Filled by the page's script from the browser's geolocation."""

    lat = forms.DecimalField(widget=forms.HiddenInput, max_digits=9, decimal_places=6)
    lng = forms.DecimalField(widget=forms.HiddenInput, max_digits=10, decimal_places=6)
    accuracy_m = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=100_000)
    reason = forms.CharField(
        label=_("Reason, if you are not at the workplace"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class JournalForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Journal.Kind.choices)
    period_start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 12}),
    )


class ReportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Report file (PDF or DOCX)"))
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class IncidentForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("What happened?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    lat = forms.DecimalField(
        widget=forms.HiddenInput, required=False, max_digits=9, decimal_places=6
    )
    lng = forms.DecimalField(
        widget=forms.HiddenInput, required=False, max_digits=10, decimal_places=6
    )


class CohortAccountsForm(StyledFormMixin, forms.Form):
    major = forms.ModelChoiceField(label=_("Major"), queryset=None, required=False)
    cohort = forms.IntegerField(label=_("Cohort"), min_value=1990, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from partnerships.models import Major

        self.fields["major"].queryset = Major.objects.order_by("code")
