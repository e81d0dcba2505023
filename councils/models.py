"""The cooperation council, professional steering committees and their meetings."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.recorder import AuditedQuerySet
from common.models import TimeStamped

# A committee that has not held a meeting for this long is overdue: each
# committee must meet at least once a year.
MEETING_INTERVAL_DAYS = 365


class CommitteeQuerySet(models.QuerySet):
    def active(self) -> CommitteeQuerySet:
        return self.filter(status=Committee.Status.ACTIVE)

    def overdue(self, *, now: datetime.datetime | None = None) -> CommitteeQuerySet:
        """Active committees with no meeting held in the last 365 days.

        A committee established less than a year ago is not overdue yet.
        """
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=MEETING_INTERVAL_DAYS)
        recent = Meeting.objects.filter(
            committee=models.OuterRef("pk"),
            status=Meeting.Status.HELD,
            scheduled_at__gte=cutoff,
        )
        return self.active().filter(
            ~models.Exists(recent), established_on__lte=timezone.localdate(cutoff)
        )


class Committee(TimeStamped):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("School-enterprise cooperation council")
        STEERING = "steering", _("Professional steering committee")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DISSOLVED = "dissolved", _("Dissolved")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    major = models.ForeignKey(
        "partnerships.Major",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steering_committees",
        verbose_name=_("major"),
        help_text=_("Required for a steering committee; a council has none."),
    )
    established_on = models.DateField(_("established on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="council", major__isnull=True)
                | Q(kind="steering", major__isnull=False),
                name="committee_major_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["council", "steering"]), name="committee_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "dissolved"]), name="committee_status_valid"
            ),
            # One active council per college.
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="council", status="active"),
                name="one_active_council",
            ),
            # One (active) steering committee per major; a dissolved one may be
            # succeeded by a new one.
            models.UniqueConstraint(
                fields=["major"],
                condition=Q(major__isnull=False, status="active"),
                name="one_steering_committee_per_major",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class MembershipQuerySet(AuditedQuerySet):
    def current(self, on: datetime.date | None = None) -> MembershipQuerySet:
        """Members whose term covers the given day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=on), term_start__lte=on)


class Membership(TimeStamped):
    class Affiliation(models.TextChoices):
        SCHOOL = "school", _("School")
        ENTERPRISE = "enterprise", _("Enterprise")
        INDUSTRY = "industry", _("Industry association")
        GOVERNMENT = "government", _("Government")
        RESEARCH = "research", _("Research institution")

    class Category(models.TextChoices):
        INDUSTRY_EXPERT = "industry_expert", _("Industry expert")
        ENTERPRISE_TECHNICIAN = "enterprise_technician", _("Enterprise technician")
        PROFESSIONAL_LEADER = "professional_leader", _("Professional leader")
        BACKBONE_TEACHER = "backbone_teacher", _("Backbone teacher")
        OTHER = "other", _("Other")

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("committee")
    )
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("Job title at their institution.")
    )
    affiliation = models.CharField(_("affiliation"), max_length=12, choices=Affiliation.choices)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    enterprise = models.ForeignKey(
        "partnerships.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_memberships",
        verbose_name=_("enterprise"),
    )
    contact = models.ForeignKey(
        "partnerships.EnterpriseContact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_memberships",
        verbose_name=_("enterprise contact"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_memberships",
        verbose_name=_("user account"),
        help_text=_("Links the member to a user, who then gets the meetings in their calendar."),
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="membership_term_order",
            ),
            models.CheckConstraint(
                condition=Q(
                    affiliation__in=["school", "enterprise", "industry", "government", "research"]
                ),
                name="membership_affiliation_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    category__in=[
                        "industry_expert",
                        "enterprise_technician",
                        "professional_leader",
                        "backbone_teacher",
                        "other",
                    ]
                ),
                name="membership_category_valid",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["chair", "vice_chair", "secretary", "member"]),
                name="membership_role_valid",
            ),
            # One open-ended chair per committee on every database; PostgreSQL
            # also refuses overlapping chair terms (an exclusion constraint
            # added in the migration).
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(role="chair", term_end__isnull=True),
                name="one_open_ended_chair_per_committee",
            ),
        ]
        indexes = [models.Index(fields=["committee", "term_start"], name="membership_term")]

    def __str__(self) -> str:
        return self.name

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.term_start <= on and (self.term_end is None or self.term_end >= on)


class Meeting(TimeStamped):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual meeting")
        REGULAR = "regular", _("Regular meeting")
        EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("committee")
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.REGULAR)
    scheduled_at = models.DateTimeField(_("scheduled at"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        default=120,
        validators=[MinValueValidator(15), MaxValueValidator(24 * 60)],
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    attendees = models.ManyToManyField(
        Membership, blank=True, related_name="meetings_attended", verbose_name=_("attendees")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    work_plan = models.TextField(
        _("next year's work plan"),
        blank=True,
        help_text=_("The council's annual meeting adopts next year's work plan."),
    )
    quorate = models.BooleanField(_("quorate"), null=True, blank=True, editable=False)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    # The iCalendar UID: stable for the meeting's life, so calendar clients
    # update the same event when the time or place changes.
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    # iCalendar SEQUENCE: bumped whenever the invite's time, place or status changes.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["annual", "regular", "extraordinary"]),
                name="meeting_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "held", "cancelled"]),
                name="meeting_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["committee", "status", "scheduled_at"], name="meeting_committee"),
            models.Index(fields=["status", "scheduled_at"], name="meeting_status_time"),
        ]

    def __str__(self) -> str:
        return f"{self.committee} · {timezone.localtime(self.scheduled_at):%Y-%m-%d}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.scheduled_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def local_date(self) -> datetime.date:
        return timezone.localdate(self.scheduled_at)


class CharterVersion(TimeStamped):
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="charters", verbose_name=_("committee")
    )
    version = models.PositiveIntegerField(_("version"), validators=[MaxValueValidator(10_000)])
    text = models.TextField(_("text"))
    adopted_at_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="charters_adopted",
        verbose_name=_("adopted at meeting"),
    )
    adopted_on = models.DateField(_("adopted on"))

    class Meta:
        ordering = ["-version"]
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "version"], name="one_charter_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} v{self.version}"


class ActionItem(TimeStamped):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("meeting")
    )
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_action_items",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default="open")
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "done"]), name="action_item_status_valid"
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="action_item_due")]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()
