"""Allocation rounds (双选): students rank positions, enterprises decide on
applicants, one run assigns everyone at once.

The rules of a round live in ``allocation/services.py``; the optimisation in
``allocation/solver.py``. The database keeps what must never happen twice: a
student's rank used twice in a round, or one position ranked twice.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.recorder import AuditedQuerySet
from common.models import TimeStamped

MAX_CHOICES_LIMIT = 20


class AllocationRound(TimeStamped):
    """A round of an internship plan: positions offered, a window for ranking,
    a stored preview of the run and, once published, the placements."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        PREVIEWED = "previewed", _("Previewed")
        PUBLISHED = "published", _("Published")

    plan = models.ForeignKey(
        "internships.InternshipPlan",
        on_delete=models.PROTECT,
        related_name="allocation_rounds",
        verbose_name=_("internship plan"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    positions = models.ManyToManyField(
        "internships.Position",
        blank=True,
        related_name="allocation_rounds",
        verbose_name=_("positions offered"),
    )
    # Empty: every student of the plan's majors and cohort. A second round
    # lists the students the first left unplaced.
    students = models.ManyToManyField(
        "internships.Student",
        blank=True,
        related_name="allocation_rounds",
        verbose_name=_("students"),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    max_choices = models.PositiveSmallIntegerField(
        _("choices a student ranks"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CHOICES_LIMIT)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_rounds",
        verbose_name=_("previous round"),
    )
    preview = models.JSONField(_("preview"), null=True, blank=True)
    previewed_at = models.DateTimeField(_("previewed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
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
        ordering = ["-opens_at", "-id"]
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(max_choices__gte=1, max_choices__lte=MAX_CHOICES_LIMIT),
                name="round_max_choices_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.plan} #{self.pk}"


class Application(TimeStamped):
    """A student's ranked choice of one position in a round, with the
    enterprise's decision on the applicant."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    round = models.ForeignKey(
        AllocationRound,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("round"),
    )
    student = models.ForeignKey(
        "internships.Student",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("student"),
    )
    position = models.ForeignKey(
        "internships.Position",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("position"),
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CHOICES_LIMIT)]
    )
    enterprise_decision = models.CharField(
        _("enterprise's decision"),
        max_length=10,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    enterprise_rank = models.PositiveSmallIntegerField(
        _("enterprise's rank"), null=True, blank=True, validators=[MinValueValidator(1)]
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["round", "student", "rank"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "student", "rank"], name="application_one_per_rank"
            ),
            models.UniqueConstraint(
                fields=["round", "student", "position"], name="application_one_per_position"
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="application_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.student} #{self.rank}: {self.position}"


class Adjustment(TimeStamped):
    """The administrator's pin (this student goes to this position) or
    exclusion (never this pair) for the next run of a round."""

    class Kind(models.TextChoices):
        PIN = "pin", _("Pin")
        EXCLUDE = "exclude", _("Exclude")

    round = models.ForeignKey(
        AllocationRound,
        on_delete=models.CASCADE,
        related_name="adjustments",
        verbose_name=_("round"),
    )
    student = models.ForeignKey(
        "internships.Student", on_delete=models.CASCADE, related_name="+", verbose_name=_("student")
    )
    position = models.ForeignKey(
        "internships.Position",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("position"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["round", "student"]
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "student", "position"], name="adjustment_one_per_pair"
            ),
            models.UniqueConstraint(
                fields=["round", "student"],
                condition=Q(kind="pin"),
                name="adjustment_one_pin_per_student",
            ),
        ]


class SelfFoundInternship(TimeStamped):
    """A unit and post a student found themselves (自主实习). The teacher
    approves it; the unit is vetted like any other; the placement then
    follows the normal rules."""

    class Status(models.TextChoices):
        DECLARED = "declared", _("Declared")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        PLACED = "placed", _("Placed")

    student = models.ForeignKey(
        "internships.Student",
        on_delete=models.CASCADE,
        related_name="self_found_internships",
        verbose_name=_("student"),
    )
    enterprise_name = models.CharField(_("unit name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18)
    post_title = models.CharField(_("post"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, default="post")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DECLARED
    )
    enterprise = models.ForeignKey(
        "partnerships.Enterprise",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    placement = models.ForeignKey(
        "internships.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placement"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("self-found internship")
        verbose_name_plural = _("self-found internships")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="selffound_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student}: {self.enterprise_name}"
