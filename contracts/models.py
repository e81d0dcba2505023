"""Internship agreements and their documents.

A ``DocumentTemplate`` is the college's text of one kind of document, with
named placeholders (``contracts/placeholders.py``); a template is data, never
code. An ``InternshipAgreement`` is one document of a placement (the
tripartite agreement, the informed-consent form or an amendment); each
generated PDF is an ``AgreementVersion`` with its SHA-256 and the terms it was
made from, kept after a newer version replaces it. A ``Signature`` records a
party's signature on one version: who, when, from which address, the hash of
what they saw, online or on paper. ``AgreementEvent`` is the history shown on
the agreement's page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.recorder import AuditedQuerySet
from common.models import TimeStamped


class DocumentKind(models.TextChoices):
    INTERNSHIP_AGREEMENT = "internship_agreement", _("Internship agreement")
    INFORMED_CONSENT = "informed_consent", _("Informed consent")
    CERTIFICATE = "certificate", _("Internship certificate")
    AMENDMENT = "amendment", _("Amendment")


class Party(models.TextChoices):
    STUDENT = "student", _("Student")
    GUARDIAN = "guardian", _("Guardian")
    ENTERPRISE = "enterprise", _("Enterprise")
    COLLEGE = "college", _("College")


class DocumentTemplate(TimeStamped):
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    active = models.BooleanField(_("active"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="template_kind_version"),
            # One template of a kind is the one new documents are made from.
            models.UniqueConstraint(
                fields=["kind"], condition=Q(active=True), name="template_one_active_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class InternshipAgreement(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNING = "signing", _("Being signed")
        SIGNED = "signed", _("Signed")
        VOID = "void", _("Void")

    placement = models.ForeignKey(
        "internships.Placement",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("placement"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=24,
        choices=DocumentKind.choices,
        default=DocumentKind.INTERNSHIP_AGREEMENT,
    )
    # The agreement an amendment changes.
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("amends"),
    )
    template = models.ForeignKey(
        DocumentTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("template"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    guardian_required = models.BooleanField(_("guardian signs"), default=False)
    # What changed, for an amendment (the placement's fields).
    changes = models.JSONField(_("changes"), default=list, blank=True)
    void_reason = models.TextField(_("reason voided"), blank=True)
    # The final PDF: the last version with its signature page, sealed when a
    # certificate is configured.
    final_pdf = models.FileField(_("final PDF"), upload_to="contracts/final/%Y/", blank=True)
    final_sha256 = models.CharField(_("final SHA-256"), max_length=64, blank=True)
    sealed = models.BooleanField(_("sealed"), default=False)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("internship agreement")
        verbose_name_plural = _("internship agreements")
        indexes = [models.Index(fields=["placement", "kind", "status"], name="agreement_pl_kind")]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """The number printed in every page's footer."""
        prefix = {
            DocumentKind.INFORMED_CONSENT: "ZQ",
            DocumentKind.AMENDMENT: "BC",
        }.get(self.kind, "SX")
        return f"{prefix}-{self.created_at:%Y}-{self.pk:06d}" if self.pk else prefix

    @property
    def parties(self) -> list[str]:
        """Who signs, in order."""
        if self.kind == DocumentKind.INFORMED_CONSENT:
            return [Party.STUDENT, Party.GUARDIAN]
        parties = [Party.STUDENT]
        if self.guardian_required:
            parties.append(Party.GUARDIAN)
        return [*parties, Party.ENTERPRISE, Party.COLLEGE]


class AgreementVersion(models.Model):
    agreement = models.ForeignKey(
        InternshipAgreement,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("agreement"),
    )
    number = models.PositiveIntegerField(_("version"))
    pdf = models.FileField(_("PDF"), upload_to="contracts/versions/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # The placeholder values the text was filled with: signing is refused
    # once the placement's terms no longer match them.
    terms = models.JSONField(_("terms"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["agreement", "-number"]
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} v{self.number}"


class Signature(models.Model):
    class Method(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("On paper")

    agreement = models.ForeignKey(
        InternshipAgreement,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("agreement"),
    )
    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("version"),
    )
    party = models.CharField(_("party"), max_length=12, choices=Party.choices)
    name = models.CharField(_("name"), max_length=100)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    signed_at = models.DateTimeField(_("signed at"))
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 seen"), max_length=64, blank=True)
    scan = models.FileField(_("scan"), upload_to="contracts/scans/%Y/", blank=True)
    scan_type = models.CharField(_("scan type"), max_length=40, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    class Meta:
        ordering = ["signed_at", "id"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            # A party signs a version once.
            models.UniqueConstraint(
                fields=["agreement", "version", "party"], name="signature_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.name}"


class AgreementEvent(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        GENERATED = "generated", _("PDF generated")
        SIGNED = "signed", _("Signed")
        PAPER = "paper", _("Signed on paper")
        COMPLETED = "completed", _("Fully signed")
        SEALED = "sealed", _("Sealed")
        VOIDED = "voided", _("Voided")
        AMENDED = "amended", _("Amendment opened")

    agreement = models.ForeignKey(
        InternshipAgreement,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("agreement"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement events")

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.kind}"
