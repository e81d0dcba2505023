"""Shapes of the internship agreement API (the REST contract: paths, fields, codes)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api import ModelSerializer, ReasonInputSerializer
from contracts.models import DocumentKind, DocumentTemplate, InternshipAgreement, Party, Signature
from internships.api.serializers import ScopedPrimaryKey
from internships.selectors import placement_visible_to


class DocumentTemplateSerializer(ModelSerializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)

    class Meta:
        model = DocumentTemplate
        fields = ["id", "kind", "version", "title", "body", "active"]
        read_only_fields = ["version"]


class SignatureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Signature
        fields = ["party", "name", "signed_at", "method"]


class InternshipAgreementSerializer(ModelSerializer):
    placement = ScopedPrimaryKey(placement_visible_to)
    kind = serializers.ChoiceField(
        choices=[DocumentKind.INTERNSHIP_AGREEMENT, DocumentKind.INFORMED_CONSENT],
        required=False,
        help_text=_(
            "internship_agreement (default) or informed_consent; amendments are opened "
            "by the server when a signed agreement's terms change."
        ),
    )
    template_version = serializers.SerializerMethodField()
    sha256 = serializers.SerializerMethodField()
    signatures = serializers.SerializerMethodField()
    next_party = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = InternshipAgreement
        fields = [
            "id",
            "placement",
            "kind",
            "amends",
            "template_version",
            "status",
            "sha256",
            "signatures",
            "next_party",
            "final_sha256",
            "sealed",
            "pdf_url",
        ]
        read_only_fields = ["amends", "status", "final_sha256", "sealed"]

    def _current(self, obj):
        cache = getattr(obj, "_current_version", False)
        if cache is False:
            versions = sorted(obj.versions.all(), key=lambda v: v.number)
            cache = obj._current_version = versions[-1] if versions else None
        return cache

    def get_template_version(self, obj) -> int | None:
        return obj.template.version if obj.template_id else None

    def get_sha256(self, obj) -> str:
        """The SHA-256 of the current version's PDF: what a signer sends back."""
        version = self._current(obj)
        return version.sha256 if version else ""

    @extend_schema_field(SignatureSerializer(many=True))
    def get_signatures(self, obj) -> list:
        version = self._current(obj)
        rows = [
            s for s in obj.signatures.all() if s.version_id == (version.pk if version else None)
        ]
        return SignatureSerializer(rows, many=True).data

    def get_next_party(self, obj) -> str | None:
        if obj.status != InternshipAgreement.Status.SIGNING:
            return None
        version = self._current(obj)
        done = {s.party for s in obj.signatures.all() if version and s.version_id == version.pk}
        return next((p for p in obj.parties if p not in done), None)

    def get_pdf_url(self, obj) -> str | None:
        if self._current(obj) is None and not obj.final_pdf:
            return None
        return reverse("api:internship-agreement-pdf", args=[obj.pk])


class SignInputSerializer(serializers.Serializer):
    sha256 = serializers.CharField(
        max_length=64, help_text=_("The SHA-256 of the version the signer read.")
    )
    party = serializers.ChoiceField(
        choices=[Party.STUDENT, Party.GUARDIAN],
        required=False,
        help_text=_("A student signs as guardian with the guardian beside them."),
    )
    name = serializers.CharField(max_length=100, required=False, allow_blank=True)


class UploadPaperInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("The signed scan: PDF, JPG or PNG."))
    party = serializers.ChoiceField(
        choices=[*Party.values, "all"],
        required=False,
        default="all",
        help_text=_("The party who signed on paper, or all parties still to sign."),
    )
    name = serializers.CharField(max_length=100, required=False, allow_blank=True)


class VoidInputSerializer(ReasonInputSerializer):
    reason = serializers.CharField(max_length=2000)
    reason_message = _("Give the reason for voiding it.")


__all__ = [
    "DocumentTemplateSerializer",
    "InternshipAgreementSerializer",
    "SignInputSerializer",
    "UploadPaperInputSerializer",
    "VoidInputSerializer",
]
