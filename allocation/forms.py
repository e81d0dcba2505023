from django import forms
from django.utils.translation import gettext_lazy as _

from allocation.models import MAX_CHOICES_LIMIT
from common.forms import StyledFormMixin
from internships.models import InternshipPlan, Position

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RoundForm(StyledFormMixin, forms.Form):
    plan = forms.ModelChoiceField(label=_("Internship plan"), queryset=InternshipPlan.objects.all())
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DATETIME)
    max_choices = forms.IntegerField(
        label=_("Choices a student ranks"), min_value=1, max_value=MAX_CHOICES_LIMIT, initial=5
    )
    positions = forms.ModelMultipleChoiceField(
        label=_("Positions offered"),
        queryset=Position.objects.filter(is_open=True).select_related("enterprise"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Only open positions at enterprises with a valid vetting."),
    )


class SecondRoundForm(StyledFormMixin, forms.Form):
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DATETIME)


class SelfFoundForm(StyledFormMixin, forms.Form):
    enterprise_name = forms.CharField(label=_("Unit name"), max_length=200)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=18)
    post_title = forms.CharField(label=_("Post"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Position.Kind.choices, initial="post")
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
