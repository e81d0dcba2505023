from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
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
