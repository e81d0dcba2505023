"""Writes of the shared models: the API's idempotency keys."""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from common.models import IdempotencyKey


def idempotency_key_claim(*, user: User, key: str, fingerprint: str) -> tuple[IdempotencyKey, bool]:
    """Claim ``key`` for this request, or return the answer stored under it.

    Runs inside the caller's transaction, which must also write the answer
    (idempotency_key_answer) before it commits. The insert is the claim: a
    concurrent request with the same key blocks on the unique index until
    this transaction ends, then either finds the committed answer or, if this
    one rolled back, claims the key itself.

    Returns the row and whether it was claimed now (False: a replay).
    """
    try:
        # A savepoint, so a conflict leaves the caller's transaction usable.
        with transaction.atomic():
            return (
                IdempotencyKey.objects.create(user=user, key=key, fingerprint=fingerprint),
                True,
            )
    except IntegrityError:
        record = IdempotencyKey.objects.get(user=user, key=key)
    if record.fingerprint != fingerprint:
        raise RuleError(
            "idempotency_key_reused",
            _("This Idempotency-Key was already used for a different request."),
            status=422,
        )
    return record, False


def idempotency_key_answer(*, record: IdempotencyKey, status: int, body) -> IdempotencyKey:
    """Store the answer a replay of the key returns (``body`` as the API wrote it)."""
    record.status = status
    record.body = json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False)
    record.save(update_fields=["status", "body"])
    return record


def idempotency_key_replay_body(record: IdempotencyKey):
    """The stored answer's body, its keys in their first order."""
    return json.loads(record.body) if record.body else None


def idempotency_keys_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget keys older than IDEMPOTENCY_KEY_HOURS; they may then be used again."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
