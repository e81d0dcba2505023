from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from audit.recorder import AuditedQuerySet
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
    # Needed for the special protection of women workers (2021 regulation, Art. 16).
    sex = models.CharField(
        _("sex"), max_length=8, choices=[("female", _("Female")), ("male", _("Male"))], blank=True
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="student_record",
        verbose_name=_("user account"),
        help_text=_("The account the student signs in with, if they have one."),
    )

    class Meta:
        ordering = ["student_number"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        indexes = [models.Index(fields=["major", "cohort"], name="student_major_cohort")]

    def __str__(self) -> str:
        return f"{self.name} ({self.student_number})"


class VenueCategory(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary workplace")
    BAR = "bar", _("Bar")
    NIGHT_CLUB = "night_club", _("Night club")
    KTV = "ktv", _("Karaoke (KTV)")
    BATHHOUSE = "bathhouse", _("Bathhouse")
    ARCADE = "arcade", _("Amusement arcade")
    INTERNET_CAFE = "internet_cafe", _("Internet café")


class HighRisk(models.TextChoices):
    NONE = "", _("None")
    HEIGHTS = "heights", _("Work at heights")
    UNDERGROUND = "underground", _("Underground work")
    RADIOACTIVE = "radioactive", _("Radioactive work")
    TOXIC = "toxic", _("Toxic substances")
    FLAMMABLE = "flammable", _("Flammable or explosive substances")


GRADE_COMPONENTS = ("attendance", "journals", "report", "enterprise", "school")
# What a plan asks for when nobody said otherwise: the default
# plan that placements made without one belong to.
DEFAULT_PLAN_NAME = "Default plan"


class InternshipPlan(TimeStamped):
    """What an internship requires and how its grade is weighed (实习计划).

    Placements belong to a plan; one made without a plan gets the default
    plan. The weights of the five grade components sum to 100 (a database
    constraint as well as the service's rule).
    """

    name = models.CharField(_("name"), max_length=200)
    majors = models.ManyToManyField(
        "partnerships.Major", blank=True, related_name="internship_plans", verbose_name=_("majors")
    )
    cohort = models.PositiveSmallIntegerField(
        _("cohort"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    kind = models.CharField(_("kind"), max_length=10, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    checkin_required = models.BooleanField(_("check-in on workdays"), default=True)
    geofence_m = models.PositiveIntegerField(
        _("geofence radius (m)"),
        default=500,
        validators=[MinValueValidator(10), MaxValueValidator(100_000)],
    )
    weekly_journals = models.PositiveSmallIntegerField(
        _("weekly journals required"), default=12, validators=[MaxValueValidator(200)]
    )
    journal_min_chars = models.PositiveIntegerField(
        _("journal minimum length (characters)"),
        default=400,
        validators=[MaxValueValidator(20_000)],
    )
    monthly_reports = models.PositiveSmallIntegerField(
        _("monthly reports required"), default=0, validators=[MaxValueValidator(60)]
    )
    report_required = models.BooleanField(_("final internship report required"), default=True)
    weight_attendance = models.PositiveSmallIntegerField(
        _("weight of attendance"), default=20, validators=[MaxValueValidator(100)]
    )
    weight_journals = models.PositiveSmallIntegerField(
        _("weight of journals"), default=20, validators=[MaxValueValidator(100)]
    )
    weight_report = models.PositiveSmallIntegerField(
        _("weight of the report"), default=20, validators=[MaxValueValidator(100)]
    )
    weight_enterprise = models.PositiveSmallIntegerField(
        _("weight of the enterprise evaluation"), default=20, validators=[MaxValueValidator(100)]
    )
    weight_school = models.PositiveSmallIntegerField(
        _("weight of the school evaluation"), default=20, validators=[MaxValueValidator(100)]
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark"), default=60, validators=[MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("internship plan")
        verbose_name_plural = _("internship plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    weight_attendance__lte=100,
                    weight_journals__lte=100,
                    weight_report__lte=100,
                    weight_enterprise__lte=100,
                    weight_school__lte=100,
                ),
                name="plan_weights_at_most_100",
            ),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="plan_pass_mark_0_100"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="plan_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def weights(self) -> dict[str, int]:
        return {name: getattr(self, f"weight_{name}") for name in GRADE_COMPONENTS}

    @property
    def journals_required(self) -> int:
        return self.weekly_journals + self.monthly_reports


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
    # What the 2021 regulation asks of the post itself (Art. 16-18).
    venue_category = models.CharField(
        _("venue category"), max_length=20, choices=VenueCategory.choices, default="ordinary"
    )
    intensity_grade = models.PositiveSmallIntegerField(
        _("labour intensity grade"),
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        default=1,
        help_text=_("The national physical labour intensity grade (I to IV)."),
    )
    high_risk = models.CharField(
        _("high-risk work"), max_length=20, choices=HighRisk.choices, default="", blank=True
    )
    forbidden_to_minors = models.BooleanField(
        _("work forbidden to minors"),
        default=False,
        help_text=_("Work the special protection rules for juvenile workers forbid."),
    )
    forbidden_to_women = models.BooleanField(
        _("work forbidden to women"),
        default=False,
        help_text=_("Work the special labour protection rules for women workers forbid."),
    )
    major_categories = models.JSONField(
        _("major categories it suits"),
        default=list,
        blank=True,
        help_text=_(
            "The two-digit major categories (the first two digits of a major's code); "
            "empty means any major."
        ),
    )
    lowest_wage_grade = models.DecimalField(
        _("lowest wage grade (CNY)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "When the enterprise declares its lowest wage grade, a post intern's pay must reach "
            "it instead of 80 per cent of the same post's wage."
        ),
    )
    # The workplace: where students check in (set by an administrator, or by
    # the liaison at the site with "use my location").
    site_address = models.CharField(_("site address"), max_length=300, blank=True)
    site_lat = models.DecimalField(
        _("site latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    site_lng = models.DecimalField(
        _("site longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="position_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="position_capacity_positive"),
            models.CheckConstraint(
                condition=(Q(site_lat__isnull=True) & Q(site_lng__isnull=True))
                | Q(
                    site_lat__gte=-90,
                    site_lat__lte=90,
                    site_lng__gte=-180,
                    site_lng__lte=180,
                ),
                name="position_site_coordinates_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# The year figures of placements, defined once for the summary, the reports
# and the group metrics. Each is a Q, so a report can count several of them
# in one aggregate; ``prefix`` reaches placements through a join (e.g.
# "enterprise__placements__" from a group member).


def placed_in_q(year: int, prefix: str = "") -> Q:
    """Placed in the year: active or completed, dates overlapping the year."""
    first, last = _year_range(year)
    return Q(
        **{
            f"{prefix}status__in": [Placement.Status.ACTIVE, Placement.Status.COMPLETED],
            f"{prefix}starts_on__lte": last,
            f"{prefix}ends_on__gte": first,
        }
    )


def started_in_q(year: int, prefix: str = "") -> Q:
    """Active or completed and started in the year (a group's yearly placements)."""
    return Q(
        **{
            f"{prefix}status__in": [Placement.Status.ACTIVE, Placement.Status.COMPLETED],
            f"{prefix}starts_on__range": _year_range(year),
        }
    )


def completed_in_q(year: int, prefix: str = "") -> Q:
    """Completed and ended in the year (the base of the hire rate)."""
    return Q(
        **{
            f"{prefix}status": Placement.Status.COMPLETED,
            f"{prefix}ends_on__range": _year_range(year),
        }
    )


def hired_in_q(year: int, prefix: str = "") -> Q:
    """Ended in the year with hired = yes, whatever the status (a group's yearly hires)."""
    return Q(
        **{f"{prefix}hired": Placement.Hired.YES, f"{prefix}ends_on__range": _year_range(year)}
    )


class PlacementQuerySet(AuditedQuerySet):
    def current(self) -> PlacementQuerySet:
        """Planned and active placements: the ones that hold a place."""
        return self.filter(status__in=[Placement.Status.PLANNED, Placement.Status.ACTIVE])

    def overlapping(self, starts_on, ends_on) -> PlacementQuerySet:
        return self.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)

    def placed_in(self, year: int) -> PlacementQuerySet:
        return self.filter(placed_in_q(year))

    def started_in(self, year: int) -> PlacementQuerySet:
        return self.filter(started_in_q(year))

    def completed_in(self, year: int) -> PlacementQuerySet:
        return self.filter(completed_in_q(year))

    def hired_in(self, year: int) -> PlacementQuerySet:
        return self.filter(hired_in_q(year))


class Destination(models.TextChoices):
    LOCAL = "local", _("Within the province")
    CROSS_PROVINCE = "cross_province", _("In another province")
    ABROAD = "abroad", _("Abroad")


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
    # Null only for rows made outside the services; placement_create gives the
    # default plan when none is named.
    plan = models.ForeignKey(
        InternshipPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("internship plan"),
    )
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
    destination = models.CharField(
        _("destination"), max_length=16, choices=Destination.choices, default="local"
    )
    destination_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("destination approved by"),
    )
    destination_approved_on = models.DateField(_("destination approved on"), null=True, blank=True)
    # Codes of the policy's warnings (e.g. a post internship over six months),
    # recomputed by the services whenever the dates or the position change.
    warnings = models.JSONField(_("rule warnings"), default=list, blank=True)

    objects = PlacementQuerySet.as_manager()

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


class Attendance(TimeStamped):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        LEAVE = "leave", _("On leave")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("placement")
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # Hours worked that day and how many of them at night (22:00-06:00), so
    # overtime, night and holiday work can be flagged (Art. 17).
    hours = models.DecimalField(
        _("hours worked"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    night_hours = models.DecimalField(
        _("of which at night"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["placement_id", "date"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["placement", "date"], name="attendance_one_per_day"),
            models.CheckConstraint(
                condition=Q(status__in=["present", "absent", "leave"]),
                name="attendance_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.date} {self.status}"


class PlacementLog(TimeStamped):
    class Kind(models.TextChoices):
        WEEKLY = "weekly", _("Weekly report")
        VISIT = "visit", _("Supervision visit")
        INCIDENT = "incident", _("Incident")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="logs", verbose_name=_("placement")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("placement log")
        verbose_name_plural = _("placement logs")
        indexes = [models.Index(fields=["placement", "kind", "date"], name="placementlog_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
EVALUATION_CRITERIA = ("skills", "attitude", "teamwork", "discipline", "learning")


class Evaluation(TimeStamped):
    """One per side and placement; the final grade weighs the two sides."""

    class Side(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        SCHOOL = "school", _("School")

    CRITERIA = EVALUATION_CRITERIA

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("placement")
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    skills = models.PositiveSmallIntegerField(_("professional skills"), validators=SCORE_VALIDATORS)
    attitude = models.PositiveSmallIntegerField(_("work attitude"), validators=SCORE_VALIDATORS)
    teamwork = models.PositiveSmallIntegerField(_("teamwork"), validators=SCORE_VALIDATORS)
    discipline = models.PositiveSmallIntegerField(_("discipline"), validators=SCORE_VALIDATORS)
    learning = models.PositiveSmallIntegerField(_("learning ability"), validators=SCORE_VALIDATORS)
    comment = models.TextField(_("comment"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["placement_id", "side"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["placement", "side"], name="evaluation_one_per_side"),
            models.CheckConstraint(
                condition=Q(side__in=["enterprise", "school"]), name="evaluation_side_valid"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0, f"{name}__lte": 100}),
                    name=f"evaluation_{name}_0_100",
                )
                for name in EVALUATION_CRITERIA
            ],
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.side}"

    @property
    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.CRITERIA}

    @property
    def total(self) -> float:
        """The mean of the five criteria, to one decimal."""
        return round(sum(self.scores.values()) / len(self.CRITERIA), 1)


class InsurancePolicy(TimeStamped):
    """An internship liability (or accident) insurance policy of a placement.

    Its coverage must span the placement and its premium is never charged to
    the student (2021 regulation, Art. 35); the service refuses both.
    """

    class Kind(models.TextChoices):
        LIABILITY = "liability", _("Internship liability insurance")
        ACCIDENT = "accident", _("Personal accident insurance")
        OTHER = "other", _("Other")

    class Payer(models.TextChoices):
        SCHOOL = "school", _("School")
        ENTERPRISE = "enterprise", _("Enterprise")
        SHARED = "shared", _("School and enterprise")

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="insurance_policies",
        verbose_name=_("placement"),
    )
    insurer = models.CharField(_("insurer"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("policy number"), max_length=100)
    payer = models.CharField(_("payer"), max_length=10, choices=Payer.choices)
    purchased_on = models.DateField(_("purchased on"))
    covers_from = models.DateField(_("covers from"))
    covers_to = models.DateField(_("covers to"))
    premium = models.DecimalField(
        _("premium (CNY)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    charged_to_student = models.BooleanField(_("premium charged to the student"), default=False)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["placement_id", "covers_from"]
        verbose_name = _("insurance policy")
        verbose_name_plural = _("insurance policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(covers_to__gte=F("covers_from")), name="insurance_covers_forward"
            ),
            models.CheckConstraint(
                condition=Q(charged_to_student=False), name="insurance_not_charged_to_student"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.insurer} {self.number}"


class PayRecord(TimeStamped):
    """One month's pay of a placement (Art. 18: at least monthly, directly to the student)."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="pay_records", verbose_name=_("placement")
    )
    month = models.DateField(_("month"), help_text=_("Stored as the first day of the month."))
    amount = models.DecimalField(
        _("amount (CNY)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    paid_on = models.DateField(_("paid on"))
    direct = models.BooleanField(
        _("paid directly to the student"),
        default=True,
        help_text=_("In money, to the student's own account, not through a third party."),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["placement_id", "month"]
        verbose_name = _("pay record")
        verbose_name_plural = _("pay records")
        constraints = [
            models.UniqueConstraint(fields=["placement", "month"], name="pay_record_one_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="pay_record_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.month:%Y-%m}"


class RuleOverride(TimeStamped):
    """An administrator's override of a "generally" rule for one placement, with the reason."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="overrides", verbose_name=_("placement")
    )
    rule = models.CharField(_("rule"), max_length=40)
    reason = models.TextField(_("reason"))
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
        verbose_name = _("rule override")
        verbose_name_plural = _("rule overrides")
        constraints = [
            models.UniqueConstraint(fields=["placement", "rule"], name="override_once_per_rule")
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.rule}"


class FilingBatch(TimeStamped):
    """A filing (实习备案) for the authority: the placements a set of filters selects.

    The filters are stored, not the rows: the batch's files always list the
    records as they stand, with the emergency plan the school filed.
    """

    title = models.CharField(_("title"), max_length=200)
    major = models.ForeignKey(
        "partnerships.Major",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("major"),
    )
    cohort = models.PositiveSmallIntegerField(
        _("cohort"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Position.Kind.choices, blank=True)
    starts_from = models.DateField(_("starting from"), null=True, blank=True)
    starts_to = models.DateField(_("starting until"), null=True, blank=True)
    emergency_plan = models.TextField(_("emergency plan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("filing batch")
        verbose_name_plural = _("filing batches")

    def __str__(self) -> str:
        return self.title
