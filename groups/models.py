from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStamped

# Yearly counts are bounded so that malformed input is a 400, not a database error.
MAX_COUNT = 1_000_000
MAX_OUTCOMES = 10_000
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


def _count_field(label, *, limit: int = MAX_COUNT, help_text="") -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        label, default=0, validators=[MaxValueValidator(limit)], help_text=help_text
    )


class EducationGroup(TimeStamped):
    """A vocational education group (职业教育集团): schools, enterprises and others."""

    class Level(models.TextChoices):
        NONE = "none", _("None")
        MUNICIPAL = "municipal", _("Municipal")
        PROVINCIAL = "provincial", _("Provincial demonstration")
        NATIONAL = "national", _("National demonstration")

    name = models.CharField(_("name"), max_length=200, unique=True)
    founded_on = models.DateField(_("founded on"))
    lead_institutions = models.TextField(_("lead institutions"), blank=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.NONE)
    # The standing yearly targets; a GroupTarget row overrides them for its year.
    internship_target = _count_field(
        _("internship placements per year"),
        help_text=_("Placements at member enterprises each year."),
    )
    employment_target = _count_field(
        _("hires per year"), help_text=_("Graduates hired by member enterprises each year.")
    )
    resource_target = _count_field(_("shared resources per year"))
    patent_target = _count_field(_("patents per year"), limit=MAX_OUTCOMES)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vocational education group")
        verbose_name_plural = _("vocational education groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=["none", "municipal", "provincial", "national"]),
                name="education_group_level_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name


class GroupTarget(TimeStamped):
    """One year's targets of a group; overrides the group's standing targets."""

    group = models.ForeignKey(
        EducationGroup, on_delete=models.CASCADE, related_name="targets", verbose_name=_("group")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    internships = _count_field(_("internship placements"))
    employment = _count_field(_("hires"))
    resources = _count_field(_("shared resources"))
    patents = _count_field(_("patents"), limit=MAX_OUTCOMES)

    class Meta:
        ordering = ["group", "-year"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(fields=["group", "year"], name="one_target_per_group_year")
        ]

    def __str__(self) -> str:
        return f"{self.group_id} {self.year}"


class GroupMemberQuerySet(models.QuerySet):
    def during(self, year: int) -> GroupMemberQuerySet:
        """Members whose membership overlaps the calendar year."""
        return self.filter(joined_on__lte=datetime.date(year, 12, 31)).filter(
            Q(left_on__isnull=True) | Q(left_on__gte=datetime.date(year, 1, 1))
        )

    def on(self, day: datetime.date) -> GroupMemberQuerySet:
        return self.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gte=day))


class GroupMember(TimeStamped):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        ENTERPRISE = "enterprise", _("Enterprise")
        RESEARCH = "research", _("Research institute")
        ASSOCIATION = "association", _("Industry association")
        GOVERNMENT = "government", _("Government body")

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead unit")
        VICE = "vice", _("Vice-chair unit")
        MEMBER = "member", _("Member")

    group = models.ForeignKey(
        EducationGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("group")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    enterprise = models.ForeignKey(
        "partnerships.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name=_("enterprise"),
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = GroupMemberQuerySet.as_manager()

    class Meta:
        ordering = ["group", "kind", "name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="enterprise") & Q(enterprise__isnull=False))
                | (~Q(kind="enterprise") & Q(enterprise__isnull=True)),
                name="group_member_enterprise_iff_kind",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="group_member_left_after_joined",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind__in=["school", "enterprise", "research", "association", "government"]
                ),
                name="group_member_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["lead", "vice", "member"]), name="group_member_role_valid"
            ),
            # Backstop for the service's overlap check: two open memberships
            # of one enterprise in one group always overlap.
            models.UniqueConstraint(
                fields=["group", "enterprise"],
                condition=Q(left_on__isnull=True, enterprise__isnull=False),
                name="one_open_membership_per_enterprise",
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "group"], name="group_member_enterprise")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class SharedResource(TimeStamped):
    class Kind(models.TextChoices):
        CURRICULUM_STANDARD = "curriculum_standard", _("Curriculum standard")
        TEXTBOOK = "textbook", _("Textbook")
        TRAINING_GUIDE = "training_guide", _("Training guide")
        TRAINING_SOFTWARE = "training_software", _("Training software")
        COURSE_PACKAGE = "course_package", _("Course resource package")
        MULTIMEDIA = "multimedia", _("Multimedia resource")

    group = models.ForeignKey(
        EducationGroup, on_delete=models.CASCADE, related_name="resources", verbose_name=_("group")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    contributors = models.ManyToManyField(
        GroupMember,
        blank=True,
        related_name="contributed_resources",
        verbose_name=_("contributors"),
    )

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("shared resource")
        verbose_name_plural = _("shared resources")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "curriculum_standard",
                        "textbook",
                        "training_guide",
                        "training_software",
                        "course_package",
                        "multimedia",
                    ]
                ),
                name="shared_resource_kind_valid",
            )
        ]
        indexes = [models.Index(fields=["group", "year"], name="shared_resource_group_year")]

    def __str__(self) -> str:
        return self.title


class ResearchProject(TimeStamped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")

    group = models.ForeignKey(
        EducationGroup,
        on_delete=models.CASCADE,
        related_name="research_projects",
        verbose_name=_("group"),
    )
    title = models.CharField(_("title"), max_length=300)
    members = models.ManyToManyField(
        GroupMember, blank=True, related_name="research_projects", verbose_name=_("members")
    )
    started_on = models.DateField(_("started on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    patents = _count_field(_("patents"), limit=MAX_OUTCOMES)
    technical_improvements = _count_field(_("technical improvements"), limit=MAX_OUTCOMES)
    achievements = _count_field(_("scientific achievements"), limit=MAX_OUTCOMES)

    class Meta:
        ordering = ["-started_on", "title"]
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["planned", "active", "completed"]),
                name="research_project_status_valid",
            )
        ]
        indexes = [models.Index(fields=["group", "started_on"], name="research_group_started")]

    def __str__(self) -> str:
        return self.title
