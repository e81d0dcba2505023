from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

YEAR_MIN = 2000
YEAR_MAX = 2100


class Report(models.Model):
    """A report requested by a user and generated in the background."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual cooperation report")
        MAJOR = "major", _("Major report")
        ENTERPRISE = "enterprise", _("Enterprise report")
        GROUP = "group", _("Education group report")
        COOPERATION_TABLE = "cooperation_table", _("School-enterprise cooperation table (产学合作)")
        ENTERPRISE_ANNUAL = "enterprise_annual", _("Enterprise annual report on training")
        QUALITY_INDICATORS = "quality_indicators", _("Quality report: cooperation indicators")

    class Format(models.TextChoices):
        JSON = "json", "JSON"
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX (Excel)"
        DOCX = "docx", "DOCX (Word)"
        PDF = "pdf", "PDF"

    class Layout(models.TextChoices):
        STANDARD = "standard", _("Current standard (per major and enterprise)")
        LEGACY = "legacy", _("Legacy (per major)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # The kinds that are about one major, enterprise or group (``subject_id``).
    SUBJECT_KINDS = (Kind.MAJOR, Kind.ENTERPRISE, Kind.GROUP, Kind.ENTERPRISE_ANNUAL)
    # The official filings and the formats each can be written in.
    FILING_FORMATS = {
        Kind.COOPERATION_TABLE: (Format.XLSX, Format.CSV, Format.JSON),
        Kind.ENTERPRISE_ANNUAL: (Format.DOCX, Format.PDF),
        Kind.QUALITY_INDICATORS: (Format.DOCX, Format.PDF, Format.XLSX),
    }

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]
    )
    # An academic-year report covers 1 September of ``year`` to 31 August of
    # the next; otherwise ``year`` is a calendar year.
    academic = models.BooleanField(_("academic year"), default=False)
    # The 产学合作 table's layout; blank for every other kind.
    layout = models.CharField(_("layout"), max_length=8, choices=Layout.choices, blank=True)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    # The id of the major, enterprise or group the report is about; a plain id
    # (not a foreign key) because the kind decides which table it points to.
    subject_id = models.PositiveBigIntegerField(_("subject"), null=True, blank=True)
    subject_name = models.CharField(_("subject name"), max_length=200, blank=True)
    # The requester's language when asked; headings are written in it.
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True, max_length=300)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # When a worker claimed it (queued -> running); a claim older than the task
    # time limit has lost its worker and may be taken again.
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # How many times a worker claimed it: a report whose worker keeps dying
    # fails after REPORT_MAX_ATTEMPTS claims.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "annual",
                        "major",
                        "enterprise",
                        "group",
                        "cooperation_table",
                        "enterprise_annual",
                        "quality_indicators",
                    ]
                ),
                name="report_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(format__in=["json", "csv", "xlsx", "docx", "pdf"]),
                name="report_format_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="report_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind__in=["annual", "cooperation_table", "quality_indicators"],
                    subject_id__isnull=True,
                )
                | (
                    ~Q(kind__in=["annual", "cooperation_table", "quality_indicators"])
                    & Q(subject_id__isnull=False)
                ),
                name="report_subject_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="report_requester"),
            models.Index(fields=["status", "finished_at"], name="report_status_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} ({self.format})"

    @property
    def period(self) -> str:
        """The year as people write it: ``2025`` or ``2025-2026``."""
        return f"{self.year}-{self.year + 1}" if self.academic else str(self.year)

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def filename(self) -> str:
        subject = f"-{self.subject_id}" if self.subject_id else ""
        layout = f"-{self.layout}" if self.layout else ""
        return f"{self.kind}{layout}-report-{self.period}{subject}-{self.pk}.{self.format}"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


CONTENT_TYPES = {
    Report.Format.JSON: "application/json",
    Report.Format.CSV: "text/csv; charset=utf-8",
    Report.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Report.Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Report.Format.PDF: "application/pdf",
}


class ReportTemplate(models.Model):
    """A college's own Word template for a kind of document.

    Its ``{{name}}`` placeholders are replaced with plain text and the tables
    go where ``{{tables}}`` stands (see reports/word.py); nothing in the file
    is executed.
    """

    TEMPLATE_KINDS = [
        (Report.Kind.ENTERPRISE_ANNUAL.value, Report.Kind.ENTERPRISE_ANNUAL.label),
        (Report.Kind.QUALITY_INDICATORS.value, Report.Kind.QUALITY_INDICATORS.label),
    ]

    kind = models.CharField(_("kind"), max_length=20, choices=TEMPLATE_KINDS, unique=True)
    file = models.FileField(_("Word template (.docx)"), upload_to="report-templates/")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")

    def __str__(self) -> str:
        return self.get_kind_display()
