from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.selectors import staff_users
from common.forms import StyledFormMixin
from common.spreadsheet import SpreadsheetFileField
from internships import services
from internships.models import Evaluation, Placement, PlacementLog, Position, Student
from partnerships.models import Enterprise, Major


class OmittedMeansDefault:
    """Fields added to a form later (the regulation's position attributes, a
    placement's destination) are optional: left out, they keep the record's
    value, or the model's default for a new one, so older clients and
    forms go on working."""

    optional_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.optional_fields:
            if name in self.fields:
                self.fields[name].required = False

    def _clean_fields(self):
        # Before clean(), so that a form which runs its service there sees the defaults.
        super()._clean_fields()
        cleaned = self.cleaned_data
        for name in self.optional_fields:
            if name in cleaned and cleaned[name] in ("", None):
                field = self._meta.model._meta.get_field(name)
                if field.null:
                    continue
                cleaned[name] = (
                    getattr(self.instance, name) if self.instance.pk else field.get_default()
                )


class CategoryListField(forms.CharField):
    """The major categories a post suits, typed as "46, 51" (two digits each)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Major categories it suits"))
        kwargs.setdefault(
            "help_text",
            _("Two-digit major categories separated by commas, e.g. 46, 51; empty: any major."),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        parts = [p.strip() for p in (value or "").replace("，", ",").split(",") if p.strip()]
        for part in parts:
            if not (len(part) == 2 and part.isdigit()):
                raise forms.ValidationError(
                    _("%(value)s is not a two-digit major category.") % {"value": part}
                )
        return sorted(set(parts))


# Position attributes of the 2021 regulation (Art. 16-18).
POSITION_OPTIONAL = (
    "venue_category",
    "intensity_grade",
    "high_risk",
    "forbidden_to_minors",
    "forbidden_to_women",
    "major_categories",
    "lowest_wage_grade",
)


class StudentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Student
        fields = ["student_number", "name", "major", "cohort", "date_of_birth", "sex"]
        widgets = {"date_of_birth": forms.DateInput()}

    def validate_unique(self):
        pass  # the service decides, with the same message as the API


# What a position form edits: the service's fields, the enterprise drawn per form.
POSITION_FIELDS = [name for name in services.POSITION_FIELDS if name != "enterprise"]


class PositionForm(OmittedMeansDefault, StyledFormMixin, forms.ModelForm):
    """Liaisons' form: the enterprise is always their own.

    It is not shown; a request that names one anyway is passed on, so that the
    service refuses another enterprise instead of quietly replacing it.
    """

    optional_fields = POSITION_OPTIONAL
    major_categories = CategoryListField()
    enterprise = forms.ModelChoiceField(
        queryset=Enterprise.objects.all(), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Position
        fields = POSITION_FIELDS
        widgets = {"starts_on": forms.DateInput(), "ends_on": forms.DateInput()}


class AdminPositionForm(PositionForm):
    enterprise = None  # the model's own field: a required choice

    class Meta(PositionForm.Meta):
        fields = ["enterprise", *POSITION_FIELDS]


class PlacementForm(OmittedMeansDefault, StyledFormMixin, forms.ModelForm):
    optional_fields = ("destination",)

    class Meta:
        model = Placement
        fields = [
            "student",
            "position",
            "supervisor",
            "mentor_name",
            "starts_on",
            "ends_on",
            "agreement_signed",
            "guardian_consent",
            "insurance_policy",
            "insurance_expires_on",
            "destination",
        ]
        widgets = {
            "starts_on": forms.DateInput(),
            "ends_on": forms.DateInput(),
            "insurance_expires_on": forms.DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = Student.objects.select_related("major")
        self.fields["position"].queryset = Position.objects.filter(is_open=True).select_related(
            "enterprise"
        )
        if self.instance.pk:
            self.fields["position"].queryset = Position.objects.select_related("enterprise")
        self.fields["position"].label_from_instance = lambda p: f"{p.enterprise.name} · {p.title}"
        self.fields["supervisor"].queryset = staff_users()
        self.fields["starts_on"].required = False
        self.fields["ends_on"].required = False
        self.fields["starts_on"].help_text = _("Empty: the position's dates.")


class TerminateForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class HiredForm(StyledFormMixin, forms.Form):
    hired = forms.ChoiceField(
        label=_("Hired after the internship"), choices=Placement.Hired.choices
    )


class PlacementLogForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PlacementLog
        fields = ["kind", "date", "text"]
        widgets = {"date": forms.DateInput(), "text": forms.Textarea(attrs={"rows": 3})}


class LiaisonPlacementLogForm(PlacementLogForm):
    """The portal's form: supervision visits are the school's to record."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label)
            for value, label in self.fields["kind"].choices
            if value != PlacementLog.Kind.VISIT
        ]


class EvaluationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = [*Evaluation.CRITERIA, "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Evaluation.CRITERIA:
            self.fields[name].widget.attrs.update({"min": 0, "max": 100})

    def validate_unique(self):
        pass

    def _post_clean(self):
        # The placement and side are set by the service, not by the form.
        pass

    @property
    def scores(self) -> dict:
        return {name: self.cleaned_data[name] for name in Evaluation.CRITERIA}


# Yes/no filters take the filter set's values, "true" and "false".
WARNING_CHOICES = [
    ("", _("Any")),
    ("true", _("With warnings")),
    ("false", _("Without warnings")),
]


class PlacementFilterForm(StyledFormMixin, forms.Form):
    """The placement list's filter bar; ``PlacementFilter`` does the filtering."""

    search = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Placement.Status.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Position.Kind.choices]
    )
    # A name search rather than a list of every enterprise, which would grow
    # the page with the number of partners; links may still pass an id.
    enterprise_name = forms.CharField(label=_("Enterprise"), required=False, max_length=200)
    enterprise = forms.ModelChoiceField(
        required=False, queryset=Enterprise.objects.all(), widget=forms.HiddenInput
    )
    major = forms.ModelChoiceField(label=_("Major"), required=False, queryset=Major.objects.all())
    cohort = forms.IntegerField(label=_("Cohort"), required=False, min_value=1990, max_value=2100)
    has_warnings = forms.ChoiceField(
        label=_("Rule warnings"), required=False, choices=WARNING_CHOICES
    )


class StudentFilterForm(StyledFormMixin, forms.Form):
    """The student list's filter bar; ``StudentFilter`` does the filtering."""

    search = forms.CharField(label=_("Search"), required=False)
    major = forms.ModelChoiceField(label=_("Major"), required=False, queryset=Major.objects.all())
    cohort = forms.IntegerField(label=_("Cohort"), required=False, min_value=1990, max_value=2100)


class PositionFilterForm(StyledFormMixin, forms.Form):
    """The position lists' filter bar; ``PositionFilter`` does the filtering."""

    search = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Position.Kind.choices]
    )
    is_open = forms.ChoiceField(
        label=_("Open"),
        required=False,
        choices=[("", _("Any")), ("true", _("Open")), ("false", _("Closed"))],
    )


class StudentImportForm(StyledFormMixin, forms.Form):
    file = SpreadsheetFileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: student_number (学号), name (姓名), major_code (专业代码), "
            "cohort (年级), date_of_birth (出生日期, YYYY-MM-DD)."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check, do not import"), required=False)
