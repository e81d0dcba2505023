from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.recorder import AuditedQuerySet
from common.models import TimeStamped
from partnerships.credit_code import validate_credit_code


class Department(TimeStamped):
    """A secondary college of the school (二级学院)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Major(TimeStamped):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="majors", verbose_name=_("department")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("major")
        verbose_name_plural = _("majors")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class EnterpriseQuerySet(AuditedQuerySet):
    def active(self) -> EnterpriseQuerySet:
        return self.filter(status=Enterprise.Status.ACTIVE)


class Enterprise(TimeStamped):
    class Size(models.TextChoices):
        LARGE = "large", _("Large")
        MEDIUM = "medium", _("Medium")
        SMALL = "small", _("Small")
        MICRO = "micro", _("Micro")

    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        EXITED = "exited", _("Exited")

    name = models.CharField(_("name"), max_length=200, unique=True)
    # Optional; stored upper-case, unique when given (NULL when absent, so many
    # enterprises may lack one).
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
    )
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, default=Size.SMALL)
    city = models.CharField(_("city"), max_length=100, blank=True)
    workforce = models.PositiveIntegerField(
        _("workforce"),
        default=0,
        validators=[MaxValueValidator(5_000_000)],
        help_text=_("Headcount; the internship share rules use it."),
    )
    is_integration_enterprise = models.BooleanField(
        _("certified industry-education integration enterprise"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROSPECT
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        constraints = [
            models.CheckConstraint(
                condition=Q(credit_code__isnull=True)
                | Q(credit_code__regex=r"^[0-9A-HJ-NPQRTUWXY]{18}$"),
                name="enterprise_credit_code_format",
            ),
            models.CheckConstraint(
                condition=Q(size__in=["large", "medium", "small", "micro"]),
                name="enterprise_size_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["prospect", "active", "dormant", "exited"]),
                name="enterprise_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "name"], name="enterprise_status_name")]

    def __str__(self) -> str:
        return self.name


class EnterpriseContact(TimeStamped):
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("enterprise")
    )
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-is_primary", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=Q(is_primary=True),
                name="one_primary_contact_per_enterprise",
            )
        ]

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------
# Cooperation agreements
# ---------------------------------------------------------------------------

MONEY_MAX = Decimal("999999999999.99")  # what DecimalField(14, 2) can hold
money_validators = [MinValueValidator(Decimal("0")), MaxValueValidator(MONEY_MAX)]
COUNT_MAX = 1_000_000


class Mode(models.TextChoices):
    ORDER_TRAINING = "order_training", _("Order-class training")
    INTERNSHIP_BASE = "internship_base", _("Internship base")
    WORK_STUDY = "work_study", _("Work-study alternation")
    APPRENTICESHIP = "apprenticeship", _("Modern apprenticeship")
    TRAINING_BASE = "training_base", _("Joint training base")
    CURRICULUM = "curriculum", _("Joint curriculum development")
    JOINT_RND = "joint_rnd", _("Joint research and development")
    WORKSTATION = "workstation", _("Enterprise workstation")
    INDUSTRY_COLLEGE = "industry_college", _("Industry college")
    TEACHER_PRACTICE = "teacher_practice", _("Teacher practice at the enterprise")
    PART_TIME_TEACHERS = "part_time_teachers", _("Part-time teachers from the enterprise")
    EMPLOYMENT = "employment", _("Graduate employment")


class Depth(models.TextChoices):
    DEEP = "deep", _("Deep")
    MIDDLE = "middle", _("Middle")
    SHALLOW = "shallow", _("Shallow")


DEEP_MODES = frozenset(
    {
        Mode.ORDER_TRAINING,
        Mode.APPRENTICESHIP,
        Mode.JOINT_RND,
        Mode.INDUSTRY_COLLEGE,
        Mode.WORKSTATION,
    }
)
MIDDLE_MODES = frozenset(
    {
        Mode.WORK_STUDY,
        Mode.TRAINING_BASE,
        Mode.CURRICULUM,
        Mode.PART_TIME_TEACHERS,
        Mode.TEACHER_PRACTICE,
    }
)


def depth_of(modes: Iterable[str]) -> str:
    """Deep if any deep mode, middle if any middle mode, else shallow."""
    codes = set(modes)
    if codes & DEEP_MODES:
        return Depth.DEEP
    if codes & MIDDLE_MODES:
        return Depth.MIDDLE
    return Depth.SHALLOW


class AgreementQuerySet(AuditedQuerySet):
    def active(self) -> AgreementQuerySet:
        return self.filter(status=CooperationAgreement.Status.ACTIVE)

    def expiring(self, *, within_days: int = 90, today: date | None = None) -> AgreementQuerySet:
        """Active agreements that end within the next ``within_days`` days."""
        today = today or timezone.localdate()
        return self.active().filter(
            ends_on__gte=today, ends_on__lte=today + timedelta(days=within_days)
        )


class AgreementNumberSequence(models.Model):
    """The last agreement number given out in a year (locked while numbering)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("agreement number sequence")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class CooperationAgreement(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    # Aliases, so callers can say CooperationAgreement.Depth / .Mode.
    Depth = Depth
    Mode = Mode

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("enterprise"),
    )
    majors = models.ManyToManyField(
        Major, related_name="agreements", blank=True, verbose_name=_("majors")
    )
    # Derived from the modes by the services (see ``computed_depth``); stored so
    # lists and reports can filter on it.
    depth = models.CharField(
        _("depth"), max_length=8, choices=Depth.choices, default=Depth.SHALLOW, editable=False
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_agreements",
        verbose_name=_("owner"),
        help_text=_("The staff member who receives the reminders."),
    )
    school_investment = models.DecimalField(
        _("school investment (CNY)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=money_validators,
    )
    enterprise_investment = models.DecimalField(
        _("enterprise investment (CNY)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=money_validators,
    )
    school_obligations = models.TextField(_("school obligations"), blank=True)
    enterprise_obligations = models.TextField(_("enterprise obligations"), blank=True)
    renews = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renews"),
        editable=False,
    )
    termination_reason = models.TextField(_("termination reason"), blank=True, editable=False)
    flagged_for_owner = models.BooleanField(_("flagged for the owner"), default=False)
    flag_reason = models.TextField(_("flag reason"), blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="agreement_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "active", "expired", "terminated"]),
                name="agreement_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(depth__in=["deep", "middle", "shallow"]), name="agreement_depth_valid"
            ),
            models.CheckConstraint(
                condition=Q(school_investment__gte=0) & Q(enterprise_investment__gte=0),
                name="agreement_investment_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(signed_on__isnull=False),
                name="agreement_active_is_signed",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "ends_on"], name="agreement_status_ends"),
            models.Index(fields=["enterprise", "status"], name="agreement_enterprise_status"),
            # The lists' default order within a status: a page is an index range.
            models.Index(fields=["status", "starts_on", "id"], name="agreement_status_start"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def mode_codes(self) -> list[str]:
        """The modes' codes (uses the prefetched rows when present)."""
        return sorted(row.code for row in self.mode_rows.all())

    @property
    def computed_depth(self) -> str:
        return depth_of(self.mode_codes)

    @property
    def allowed_actions(self) -> set[str]:
        """The transitions the services allow from this status (for the buttons)."""
        return {
            self.Status.DRAFT: {"edit", "activate", "delete"},
            self.Status.ACTIVE: {"edit", "terminate", "renew"},
            self.Status.EXPIRED: {"renew"},
            self.Status.TERMINATED: set(),
        }[self.status]

    def get_modes_display(self) -> list[str]:
        labels = dict(Mode.choices)
        return [labels.get(code, code) for code in self.mode_codes]


class AgreementMode(models.Model):
    """One cooperation mode of an agreement (a child table, so filters work everywhere)."""

    agreement = models.ForeignKey(
        CooperationAgreement, on_delete=models.CASCADE, related_name="mode_rows"
    )
    code = models.CharField(_("mode"), max_length=20, choices=Mode.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("cooperation mode")
        verbose_name_plural = _("cooperation modes")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="agreement_mode_once"),
            models.CheckConstraint(
                condition=Q(code__in=[c.value for c in Mode]), name="agreement_mode_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class AgreementEvent(models.Model):
    """The history of an agreement, written by the services."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Updated")
        ACTIVATED = "activated", _("Activated")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")
        RENEWED = "renewed", _("Renewed")
        REVIEW_APPROVED = "review_approved", _("Annual review approved")
        FLAGGED = "flagged", _("Flagged for the owner")
        DOCUMENT_ADDED = "document_added", _("Document added")

    agreement = models.ForeignKey(
        CooperationAgreement, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(
        _("from status"), max_length=12, blank=True, choices=CooperationAgreement.Status.choices
    )
    to_status = models.CharField(
        _("to status"), max_length=12, blank=True, choices=CooperationAgreement.Status.choices
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement events")

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.kind}"


SCORE_FIELDS = (
    "talent_training",
    "teaching_resources",
    "research",
    "employment",
    "student_satisfaction",
    "employer_satisfaction",
)
FIGURE_FIELDS = (
    "order_class_students",
    "courses_developed",
    "textbooks_developed",
    "part_time_teachers",
    "equipment_donated",
    "equipment_provided",
    "service_income",
    "training_person_days",
)
MONEY_FIGURES = ("equipment_donated", "equipment_provided", "service_income")


def _score(label):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


def _count(label):
    return models.PositiveIntegerField(label, default=0, validators=[MaxValueValidator(COUNT_MAX)])


def _money(label):
    return models.DecimalField(
        label, max_digits=14, decimal_places=2, default=Decimal("0"), validators=money_validators
    )


class AnnualReview(TimeStamped):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")

    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        IMPROVE = "improve", _("Continue with improvements")
        TERMINATE = "terminate", _("Terminate")

    agreement = models.ForeignKey(
        CooperationAgreement,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("agreement"),
    )
    # The calendar year of the due date (the anniversary of starts_on).
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    talent_training = _score(_("talent training"))
    teaching_resources = _score(_("teaching resources"))
    research = _score(_("research"))
    employment = _score(_("employment"))
    student_satisfaction = _score(_("student satisfaction"))
    employer_satisfaction = _score(_("employer satisfaction"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    next_year_plan = models.TextField(_("next year's plan"), blank=True)
    # The year's figures for the annual status-data collection (产学合作 table).
    order_class_students = _count(_("order-class students"))
    courses_developed = _count(_("courses developed together"))
    textbooks_developed = _count(_("textbooks developed together"))
    part_time_teachers = _count(_("part-time teachers supplied"))
    equipment_donated = _money(_("equipment donated (CNY)"))
    equipment_provided = _money(_("equipment provided without transfer (CNY)"))
    service_income = _money(_("technical-service income (CNY)"))
    training_person_days = _count(_("employee training person-days"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("annual review")
        verbose_name_plural = _("annual reviews")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="one_review_per_year"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "submitted", "approved"]),
                name="review_status_valid",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"review_{name}_1_to_5",
                )
                for name in SCORE_FIELDS
            ],
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="review_status_due")]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.year}"

    @property
    def scores(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in SCORE_FIELDS}

    @property
    def figures(self) -> dict:
        return {name: getattr(self, name) for name in FIGURE_FIELDS}

    @property
    def scores_complete(self) -> bool:
        return all(value is not None for value in self.scores.values())

    @property
    def mean_score(self) -> float | None:
        values = [v for v in self.scores.values() if v is not None]
        return round(sum(values) / len(values), 2) if values else None


def document_path(instance: AgreementDocument, filename: str) -> str:
    # A random name: the original is kept in ``original_name`` and never used
    # as a path, so an upload cannot choose where it lands.
    suffix = Path(filename).suffix.lower()[:8]
    return f"agreements/{instance.agreement_id}/{uuid.uuid4().hex}{suffix}"


class AgreementDocument(models.Model):
    class Kind(models.TextChoices):
        SIGNED_SCAN = "signed_scan", _("Signed scan")
        CHARTER = "charter", _("Charter")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(
        CooperationAgreement,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("agreement"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["signed_scan", "charter", "other"]),
                name="document_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class Workstation(TimeStamped):
    """An enterprise workstation / integration studio with its "double leader"."""

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="workstations",
        verbose_name=_("enterprise"),
    )
    agreement = models.ForeignKey(
        CooperationAgreement,
        on_delete=models.PROTECT,
        related_name="workstations",
        verbose_name=_("agreement"),
    )
    name = models.CharField(_("name"), max_length=200)
    enterprise_leader_name = models.CharField(_("enterprise leader (expert)"), max_length=100)
    enterprise_leader_title = models.CharField(
        _("enterprise leader's title"), max_length=100, blank=True
    )
    school_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_workstations",
        verbose_name=_("school leader (professional leader)"),
    )
    members = models.TextField(_("members"), blank=True, help_text=_("One per line."))
    activities = models.TextField(_("activities"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("workstation")
        verbose_name_plural = _("workstations")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "name"], name="workstation_name_once"),
            # Both leaders are required: the school one is a NOT NULL key, the
            # enterprise one may not be blank.
            models.CheckConstraint(
                condition=~Q(enterprise_leader_name=""), name="workstation_enterprise_leader"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def member_list(self) -> list[str]:
        return [line.strip() for line in self.members.splitlines() if line.strip()]


class VettingQuerySet(AuditedQuerySet):
    def valid_on(self, day: date) -> VettingQuerySet:
        """Approved vettings whose validity covers ``day`` (2021 regulation, Art. 7)."""
        return self.filter(
            decision=EnterpriseVetting.Decision.APPROVED,
            inspected_on__lte=day,
            valid_until__gte=day,
        )

    def published(self, day: date) -> VettingQuerySet:
        """The list of internship units: valid approved vettings published by ``day``."""
        return self.valid_on(day).filter(published_on__isnull=False, published_on__lte=day)


class EnterpriseVetting(TimeStamped):
    """The school's vetting of an enterprise as an internship unit (Art. 7).

    A site inspection, its report, the decision of a meeting, the publication
    in the list of internship units and an expiry (re-vetting yearly by
    default, ``INTERNSHIP_VETTING_MONTHS``). New placements go only to an
    enterprise with an approved vetting valid on their start date.
    """

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="vettings", verbose_name=_("enterprise")
    )
    inspected_on = models.DateField(_("inspected on"))
    inspector = models.CharField(_("inspector"), max_length=200)
    report = models.TextField(
        _("inspection report"),
        help_text=_(
            "Qualifications, integrity, management, nature of the posts, working hours, "
            "working and living environment, health and safety."
        ),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    decided_at_meeting = models.CharField(_("decided at meeting"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = VettingQuerySet.as_manager()

    class Meta:
        ordering = ["-inspected_on", "-id"]
        verbose_name = _("enterprise vetting")
        verbose_name_plural = _("enterprise vettings")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("inspected_on")),
                name="vetting_valid_after_inspection",
                violation_error_message=_("The vetting cannot expire before the inspection."),
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["approved", "rejected"]), name="vetting_decision_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["enterprise", "decision", "valid_until"], name="vetting_validity")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.inspected_on} {self.decision}"
