from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import TimeStamped


def _new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


# What a calendar token can look like: URL-safe base64 within the column's
# length. Anything else in a feed address is refused before the database sees
# it (PostgreSQL refuses a NUL byte in a query with an error, not a miss).
CALENDAR_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class Profile(TimeStamped):
    """What a user is beyond Django's User: the liaison's enterprise, language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    enterprise = models.ForeignKey(
        "partnerships.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="liaisons",
        verbose_name=_("enterprise"),
        help_text=_("The one enterprise a liaison works for."),
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    calendar_token = models.CharField(
        _("calendar feed token"), max_length=64, unique=True, default=_new_calendar_token
    )
    # The college's staff number (工号) of a teacher or administrator: what
    # single sign-on and the messaging channels match them by.
    staff_number = models.CharField(_("staff number"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["staff_number"],
                condition=~models.Q(staff_number=""),
                name="profile_staff_number_once",
            )
        ]

    def __str__(self) -> str:
        return f"profile of {self.user_id}"
