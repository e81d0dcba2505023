from __future__ import annotations

from django import forms
from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import StyledFormMixin
from reports.models import YEAR_MAX, YEAR_MIN, Report

_SUBJECTS = [
    (Report.Kind.MAJOR, "partnerships", "Major", _("Majors")),
    (Report.Kind.ENTERPRISE, "partnerships", "Enterprise", _("Enterprises")),
    (Report.Kind.GROUP, "groups", "EducationGroup", _("Education groups")),
]


def subject_choices() -> list:
    """Grouped choices "<kind>:<id>" for the subject select (one query per kind)."""
    choices: list = [("", _("— none (annual report) —"))]
    for kind, app_label, model_name, label in _SUBJECTS:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        rows = [(f"{kind}:{obj.pk}", str(obj)) for obj in model.objects.order_by("pk")]
        if rows:
            choices.append((label, sorted(rows, key=lambda row: row[1])))
    return choices


class ReportRequestForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=Report.Kind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            ("calendar", _("Calendar year")),
            ("academic", _("Academic year starting in that year")),
        ],
        initial="calendar",
        required=False,
        help_text=_("The cooperation table is always of an academic year."),
    )
    layout = forms.ChoiceField(
        label=_("Layout of the cooperation table"),
        choices=Report.Layout.choices,
        initial=Report.Layout.STANDARD,
        required=False,
    )
    format = forms.ChoiceField(label=_("Format"), choices=Report.Format.choices)
    subject = forms.ChoiceField(
        label=_("Major, enterprise or group"),
        required=False,
        help_text=_("For major, enterprise and group reports."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subject_choices()
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        kind, subject = data.get("kind"), data.get("subject") or ""
        data["subject_id"] = None
        data["academic"] = data.get("period") == "academic"
        if kind and kind in Report.SUBJECT_KINDS:
            prefix, _sep, pk = subject.partition(":")
            expected = Report.Kind.ENTERPRISE if kind == Report.Kind.ENTERPRISE_ANNUAL else kind
            if prefix != expected or not pk.isdigit():
                self.add_error(
                    "subject", _("Choose the major, enterprise or group the report is about.")
                )
            else:
                data["subject_id"] = int(pk)
        return data
