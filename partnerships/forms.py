from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import StyledFormMixin
from partnerships.models import Enterprise, EnterpriseContact


class EnterpriseForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "name",
            "credit_code",
            "industry",
            "size",
            "city",
            "workforce",
            "is_integration_enterprise",
            "status",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self):
        # Uniqueness is the service's to decide (same messages as the API).
        pass


class EnterpriseContactForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = EnterpriseContact
        fields = ["name", "title", "phone", "email", "is_primary"]

    def validate_unique(self):
        pass


class EnterpriseFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Enterprise.Status.choices],
    )
    size = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("Any size")), *Enterprise.Size.choices]
    )
    industry = forms.CharField(label=_("Industry"), required=False)
    city = forms.CharField(label=_("City"), required=False)
