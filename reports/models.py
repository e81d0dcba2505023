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

    class Format(models.TextChoices):
        JSON = "json", "JSON"
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX (Excel)"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # The kinds that are about one major, enterprise or group (``subject_id``).
    SUBJECT_KINDS = (Kind.MAJOR, Kind.ENTERPRISE, Kind.GROUP)

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]
    )
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
                condition=Q(kind__in=["annual", "major", "enterprise", "group"]),
                name="report_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(format__in=["json", "csv", "xlsx"]), name="report_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="report_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind="annual", subject_id__isnull=True)
                | (~Q(kind="annual") & Q(subject_id__isnull=False)),
                name="report_subject_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="report_requester"),
            models.Index(fields=["status", "finished_at"], name="report_status_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} ({self.format})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def filename(self) -> str:
        subject = f"-{self.subject_id}" if self.subject_id else ""
        return f"{self.kind}-report-{self.year}{subject}-{self.pk}.{self.format}"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


CONTENT_TYPES = {
    Report.Format.JSON: "application/json",
    Report.Format.CSV: "text/csv; charset=utf-8",
    Report.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
