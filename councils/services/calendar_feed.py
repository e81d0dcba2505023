"""The calendar feed's private token."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User
from django.db import transaction

from accounts.models import Profile


@transaction.atomic
def profile_rotate_calendar_token(*, user: User) -> Profile:
    """A new secret for the user's meeting feed; the old feed URL stops working."""
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    profile.calendar_token = secrets.token_urlsafe(24)
    profile.save(update_fields=["calendar_token", "updated_at"])
    return profile
