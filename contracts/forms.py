"""Forms of the agreement pages (fields only; the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from contracts.models import DocumentKind, InternshipAgreement, Party
from contracts.placeholders import PLACEHOLDERS


class AgreementFilterForm(forms.Form):
    search = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), *InternshipAgreement.Status.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any")), *DocumentKind.choices]
    )


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=format_lazy(
            _("Lines starting with “# ” are headings. Placeholders: {names}."),
            names=", ".join(f"{{{{{name}}}}}" for name in PLACEHOLDERS),
        ),
    )
    active = forms.BooleanField(label=_("Active (new documents use it)"), required=False)


class AgreementCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Document"),
        choices=[
            (DocumentKind.INTERNSHIP_AGREEMENT, DocumentKind.INTERNSHIP_AGREEMENT.label),
            (DocumentKind.INFORMED_CONSENT, DocumentKind.INFORMED_CONSENT.label),
        ],
    )


class SignForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    party = forms.ChoiceField(
        required=False,
        widget=forms.HiddenInput,
        choices=[("", ""), (Party.STUDENT, Party.STUDENT), (Party.GUARDIAN, Party.GUARDIAN)],
    )
    name = forms.CharField(label=_("Guardian's name"), max_length=100, required=False)
    agree = forms.BooleanField(label=_("I have read the document and agree to it"))


class PaperForm(forms.Form):
    file = forms.FileField(label=_("Signed scan (PDF, JPG or PNG)"))
    party = forms.ChoiceField(
        label=_("Signed on paper by"),
        choices=[("all", _("Every party still to sign")), *Party.choices],
    )
    name = forms.CharField(label=_("Guardian's name"), max_length=100, required=False)


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000)
