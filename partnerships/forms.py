from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.selectors import staff_users
from common.forms import StyledFormMixin
from common.spreadsheet import SpreadsheetFileField
from partnerships.models import (
    FIGURE_FIELDS,
    SCORE_FIELDS,
    AgreementDocument,
    AnnualReview,
    CooperationAgreement,
    Depth,
    Enterprise,
    EnterpriseContact,
    EnterpriseVetting,
    Major,
    Mode,
    Workstation,
)

SCORE_CHOICES = [("", "—"), *[(n, str(n)) for n in range(1, 6)]]


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


class EnterpriseVettingForm(StyledFormMixin, forms.ModelForm):
    """The school's inspection of an enterprise before it takes interns."""

    publish = forms.BooleanField(
        label=_("Publish it in the list of internship units now"),
        required=False,
        help_text=_("Only an approved enterprise is published."),
    )

    class Meta:
        model = EnterpriseVetting
        fields = [
            "inspected_on",
            "inspector",
            "report",
            "decision",
            "decided_at_meeting",
            "valid_until",
        ]
        widgets = {
            "inspected_on": forms.DateInput(),
            "valid_until": forms.DateInput(),
            "report": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].required = False
        self.fields["valid_until"].help_text = _("Blank: a year after the inspection.")


class EnterpriseFilterForm(StyledFormMixin, forms.Form):
    """The enterprise list's filter bar; ``EnterpriseFilter`` does the filtering."""

    search = forms.CharField(label=_("Search"), required=False)
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


class AgreementForm(StyledFormMixin, forms.ModelForm):
    modes = forms.MultipleChoiceField(
        label=_("Cooperation modes"),
        choices=Mode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The depth (deep, middle, shallow) follows from the modes."),
    )

    class Meta:
        model = CooperationAgreement
        fields = [
            "title",
            "enterprise",
            "majors",
            "modes",
            "starts_on",
            "ends_on",
            "signed_on",
            "owner",
            "school_investment",
            "enterprise_investment",
            "school_obligations",
            "enterprise_obligations",
        ]
        widgets = {
            "starts_on": forms.DateInput(),
            "ends_on": forms.DateInput(),
            "signed_on": forms.DateInput(),
            "majors": forms.SelectMultiple(attrs={"size": 8}),
            "school_obligations": forms.Textarea(attrs={"rows": 3}),
            "enterprise_obligations": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()
        self.fields["owner"].required = False
        self.fields["owner"].help_text = _("You, when left empty.")
        self.fields["majors"].queryset = Major.objects.select_related("department")
        if self.instance.pk:
            self.initial.setdefault("modes", self.instance.mode_codes)
            if self.instance.status == CooperationAgreement.Status.ACTIVE:
                from partnerships.services import LOCKED_WHEN_ACTIVE

                for name in LOCKED_WHEN_ACTIVE:
                    self.fields[name].disabled = True

    def validate_unique(self):
        pass

    def _post_clean(self):
        # Rules (dates, owner) are the service's; skip the model's own checks
        # so the messages are the same as the API's.
        pass


class AgreementTerminateForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for terminating"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class AgreementRenewForm(StyledFormMixin, forms.Form):
    ends_on = forms.DateField(label=_("The renewal ends on"), widget=forms.DateInput())


class AgreementFilterForm(StyledFormMixin, forms.Form):
    """The agreement list's filter bar; ``AgreementFilter`` does the filtering."""

    search = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *CooperationAgreement.Status.choices],
    )
    depth = forms.ChoiceField(
        label=_("Depth"), required=False, choices=[("", _("Any depth")), *Depth.choices]
    )
    mode = forms.ChoiceField(
        label=_("Mode"), required=False, choices=[("", _("Any mode")), *Mode.choices]
    )
    expiring_within_days = forms.ChoiceField(
        label=_("Expiring"),
        required=False,
        choices=[
            ("", _("Any end date")),
            ("30", _("Within 30 days")),
            ("90", _("Within 90 days")),
            ("180", _("Within 180 days")),
        ],
    )
    major = forms.ModelChoiceField(
        label=_("Major"),
        required=False,
        queryset=Major.objects.order_by("code"),
        empty_label=_("Any major"),
    )
    # A ticked box sends "true", the value the filter set's yes/no filters read.
    review_due = forms.BooleanField(
        label=_("Review due"), required=False, widget=forms.CheckboxInput({"value": "true"})
    )
    flagged_for_owner = forms.BooleanField(
        label=_("Flagged"), required=False, widget=forms.CheckboxInput({"value": "true"})
    )


class ReviewForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = AnnualReview
        fields = [
            *SCORE_FIELDS,
            "decision",
            "summary",
            "next_year_plan",
            *FIGURE_FIELDS,
        ]
        widgets = {
            **{name: forms.Select(choices=SCORE_CHOICES) for name in SCORE_FIELDS},
            "summary": forms.Textarea(attrs={"rows": 4}),
            "next_year_plan": forms.Textarea(attrs={"rows": 3}),
        }

    def validate_unique(self):
        pass


class DocumentForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementDocument.Kind.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPG, PNG, DOCX or XLSX."))


class WorkstationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Workstation
        fields = [
            "name",
            "agreement",
            "enterprise_leader_name",
            "enterprise_leader_title",
            "school_leader",
            "members",
            "activities",
            "established_on",
        ]
        widgets = {
            "established_on": forms.DateInput(),
            "members": forms.Textarea(attrs={"rows": 3}),
            "activities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, enterprise: Enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = CooperationAgreement.objects.filter(
            enterprise=enterprise
        ).exclude(status=CooperationAgreement.Status.TERMINATED)
        self.fields["school_leader"].queryset = staff_users()

    def validate_unique(self):
        pass

    def _post_clean(self):
        pass


class EnterpriseImportForm(StyledFormMixin, forms.Form):
    file = SpreadsheetFileField(
        label=_("Spreadsheet"), help_text=_("A .csv or .xlsx file with one enterprise per row.")
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: only check the file, import nothing"), required=False
    )
