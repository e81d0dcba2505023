from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStamped


class Student(TimeStamped):
    student_number = models.CharField(_("student number"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    major = models.ForeignKey(
        "partnerships.Major",
        on_delete=models.PROTECT,
        related_name="students",
        verbose_name=_("major"),
    )
    cohort = models.PositiveSmallIntegerField(
        _("cohort"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Year of enrolment."),
    )
    date_of_birth = models.DateField(_("date of birth"))

    class Meta:
        ordering = ["student_number"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        indexes = [models.Index(fields=["major", "cohort"], name="student_major_cohort")]

    def __str__(self) -> str:
        return f"{self.name} ({self.student_number})"


class Position(TimeStamped):
    class Kind(models.TextChoices):
        COGNITIVE = "cognitive", _("Cognitive internship")
        SHADOW = "shadow", _("Follow-post (shadow) internship")
        POST = "post", _("Post internship")

    enterprise = models.ForeignKey(
        "partnerships.Enterprise",
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("enterprise"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    daily_hours = models.DecimalField(
        _("daily hours"),
        max_digits=4,
        decimal_places=1,
        default=8,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    night_shift = models.BooleanField(_("night shift"), default=False)
    exception_filing = models.CharField(
        _("special arrangement filing"),
        max_length=200,
        blank=True,
        help_text=_("Reference of the higher authority's approval of a special arrangement."),
    )
    monthly_pay = models.DecimalField(
        _("monthly pay (CNY)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    post_wage = models.DecimalField(
        _("wage of the same post (CNY)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    post_headcount = models.PositiveIntegerField(
        _("headcount of the post"), default=0, validators=[MaxValueValidator(1_000_000)]
    )
    is_open = models.BooleanField(_("open"), default=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="position_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="position_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class Placement(TimeStamped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        TERMINATED = "terminated", _("Terminated")

    class Hired(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Unknown")

    student = models.ForeignKey(
        Student, on_delete=models.PROTECT, related_name="placements", verbose_name=_("student")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="placements", verbose_name=_("position")
    )
    # Denormalised from the position so that scoping and the 10 % share can
    # filter and lock by enterprise without a join.
    enterprise = models.ForeignKey(
        "partnerships.Enterprise",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("enterprise"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_placements",
        verbose_name=_("school supervisor"),
    )
    mentor_name = models.CharField(_("enterprise mentor"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    termination_reason = models.TextField(_("termination reason"), blank=True)
    agreement_signed = models.BooleanField(_("tripartite agreement signed"), default=False)
    guardian_consent = models.BooleanField(_("guardian consent"), default=False)
    insurance_policy = models.CharField(_("insurance policy"), max_length=100, blank=True)
    insurance_expires_on = models.DateField(_("insurance expires on"), null=True, blank=True)
    hired = models.CharField(
        _("hired after the internship"), max_length=8, choices=Hired.choices, default=Hired.UNKNOWN
    )

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="placement_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["enterprise", "status", "starts_on"], name="placement_ent_status"),
            models.Index(fields=["position", "status"], name="placement_position_status"),
            models.Index(fields=["student", "status"], name="placement_student_status"),
            models.Index(fields=["status", "starts_on"], name="placement_status_start"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} @ {self.position_id}"
