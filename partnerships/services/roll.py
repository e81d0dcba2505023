"""The daily roll: agreements past their end expire, pending reviews appear."""

from __future__ import annotations

from datetime import date

from common.services import idempotency_keys_purge

from .agreements import agreement_expire_due
from .reviews import review_create_pending


def statuses_roll(*, today: date) -> dict[str, int]:
    """The daily roll: expire agreements past their end, then create the
    pending annual reviews (so the reminders that follow see them), and forget
    the old idempotency keys of API creates."""
    return {
        "agreement_expire_due": agreement_expire_due(today=today),
        "review_create_pending": review_create_pending(today=today),
        # Replays of API creates are kept for IDEMPOTENCY_KEY_HOURS, then forgotten.
        "idempotency_keys_purge": idempotency_keys_purge(),
    }
