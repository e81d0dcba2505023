"""The internship as it happens: check-ins, journals, reports and the grade.

Placements, plans and positions are the internships app's; this app records
what a student does during a placement and what their teachers make of it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from audit.recorder import AuditedQuerySet
from common.models import TimeStamped

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class CheckIn(TimeStamped):
    """A student's check-in (签到): one a day per placement.

    The coordinates are personal data: erased (set to null, with the time of
    erasure) once ``PRACTICE_LOCATION_RETENTION_DAYS`` have passed since the
    placement ended; the on-site flag and the hours stay for the grade.
    """

    placement = models.ForeignKey(
        "internships.Placement",
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("placement"),
    )
    date = models.DateField(_("date"))
    at = models.DateTimeField(_("checked in at"))
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True)
    accuracy_m = models.PositiveIntegerField(_("accuracy (m)"), null=True)
    distance_m = models.PositiveIntegerField(_("distance to the site (m)"), null=True)
    on_site = models.BooleanField(_("on site"), default=False)
    reason = models.TextField(_("reason for being off site"), blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, null=True, blank=True)
    location_erased_at = models.DateTimeField(_("location erased at"), null=True, blank=True)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["placement", "date"], name="checkin_one_per_day"),
            models.CheckConstraint(
                condition=Q(lat__isnull=True) | Q(lat__gte=-90, lat__lte=90),
                name="checkin_lat_range",
            ),
            models.CheckConstraint(
                condition=Q(lng__isnull=True) | Q(lng__gte=-180, lng__lte=180),
                name="checkin_lng_range",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0, hours__lte=24),
                name="checkin_hours_range",
            ),
        ]
        indexes = [models.Index(fields=["date", "on_site"], name="checkin_date_on_site")]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.date}"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed")
    RETURNED = "returned", _("Returned")


class Journal(TimeStamped):
    """A weekly journal (周记) or monthly report (月报) a teacher reviews."""

    class Kind(models.TextChoices):
        WEEKLY = "weekly", _("Weekly journal")
        MONTHLY = "monthly", _("Monthly report")

    Status = ReviewStatus

    placement = models.ForeignKey(
        "internships.Placement",
        on_delete=models.CASCADE,
        related_name="journals",
        verbose_name=_("placement"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        verbose_name = _("journal")
        verbose_name_plural = _("journals")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "kind", "period_start"], name="journal_one_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="journal_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="journal_score_0_100"
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="journal_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start}"


def report_upload_to(instance, filename: str) -> str:
    return f"internship-reports/{instance.placement_id}/{filename}"


class InternshipReport(TimeStamped):
    """The final internship report (实习报告): a PDF or DOCX and a summary."""

    Status = ReviewStatus

    placement = models.OneToOneField(
        "internships.Placement",
        on_delete=models.CASCADE,
        related_name="internship_report",
        verbose_name=_("placement"),
    )
    file = models.FileField(_("file"), upload_to=report_upload_to, max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUBMITTED
    )
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("internship report")
        verbose_name_plural = _("internship reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="report_score_0_100"
            ),
        ]

    def __str__(self) -> str:
        return self.filename


class Grade(TimeStamped):
    """The approved grade of a placement: its components frozen at approval.

    Until a teacher approves it the grade is computed afresh on every read
    (``practice.grading``); approval stores the figures and locks them.
    """

    placement = models.OneToOneField(
        "internships.Placement",
        on_delete=models.CASCADE,
        related_name="grade",
        verbose_name=_("placement"),
    )
    attendance = models.DecimalField(_("attendance"), max_digits=4, decimal_places=1)
    journals = models.DecimalField(_("journals"), max_digits=4, decimal_places=1)
    report = models.DecimalField(_("report"), max_digits=4, decimal_places=1)
    enterprise = models.DecimalField(_("enterprise evaluation"), max_digits=4, decimal_places=1)
    school = models.DecimalField(_("school evaluation"), max_digits=4, decimal_places=1)
    total = models.DecimalField(_("total"), max_digits=4, decimal_places=1)
    passed = models.BooleanField(_("passed"))
    approved_at = models.DateTimeField(_("approved at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("approved by"),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_at"]
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0, total__lte=100), name="grade_total_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.total}"


class IncidentLocation(models.Model):
    """Where a student stood when they raised an incident from their phone.

    The incident itself is the placement's incident log (internships), so it
    reaches the supervisor and administrators the way every incident does.
    """

    log = models.OneToOneField(
        "internships.PlacementLog",
        on_delete=models.CASCADE,
        related_name="location",
        verbose_name=_("incident"),
    )
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True)

    class Meta:
        verbose_name = _("incident location")
        verbose_name_plural = _("incident locations")

    def __str__(self) -> str:
        return f"{self.log_id}"


class PasswordChangeRequired(models.Model):
    """An account that must set its own password before anything else
    (accounts made for a cohort with initial passwords)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="password_change_required",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("required password change")
        verbose_name_plural = _("required password changes")

    def __str__(self) -> str:
        return f"{self.user_id}"
