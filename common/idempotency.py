"""``Idempotency-Key`` on API creates: a repeated request creates once.

Kept apart from common/api.py, which DRF's settings import while DRF itself is
still loading (the schema decorators need DRF loaded).
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from common import services
from common.exceptions import RuleError

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    name=IDEMPOTENCY_KEY_HEADER,
    location=OpenApiParameter.HEADER,
    required=False,
    type={"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x21-\\x7e]+$"},
    description=gettext_lazy(
        "Any unique string of 1 to 255 visible ASCII characters (a UUID, say). A request "
        "repeated with the same key (a retry, a double submit) creates nothing more: it gets "
        "the first answer again, status and body, with the header Idempotent-Replayed: true. "
        "The same key with a different request is refused with 422 and the code "
        "idempotency_key_reused. Only successful answers are kept, for "
        "IDEMPOTENCY_KEY_HOURS (24 hours by default); a refused request may be sent again "
        "with the same key. Keys are per user."
    ),
)


def _fingerprint(request) -> str:
    """The request a key stands for: method, path and the parsed body."""
    data = request.data
    if hasattr(data, "lists"):  # a form or multipart QueryDict
        data = {key: values for key, values in data.lists()}
    text = json.dumps(
        [request.method, request.path, data], sort_keys=True, default=str, ensure_ascii=False
    )
    return hashlib.sha256(text.encode()).hexdigest()


class IdempotentCreateMixin:
    """``Idempotency-Key`` on a viewset's create: a repeated request creates once.

    Put it before the DRF mixins (``class X(IdempotentCreateMixin,
    viewsets.ModelViewSet)``). The key is claimed with an insert into
    ``common.IdempotencyKey`` (unique on user and key) in the same transaction
    as the create and its stored answer, so two concurrent requests with one
    key cannot both create: the second waits for the first and replays its
    answer. Without the header a create behaves as before.
    """

    @extend_schema(
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        description=gettext_lazy(
            "Creates one. With an Idempotency-Key header, a repeat of the same request "
            "creates nothing more and answers as the first time (see the parameter)."
        ),
    )
    def create(self, request, *args, **kwargs):
        raw = request.headers.get(IDEMPOTENCY_KEY_HEADER)
        if raw is None:
            return super().create(request, *args, **kwargs)
        key = raw.strip()
        if not 1 <= len(key) <= 255 or not all("\x21" <= c <= "\x7e" for c in key):
            raise RuleError(
                "idempotency_key_invalid",
                _("An Idempotency-Key is 1 to 255 visible ASCII characters."),
            )
        with transaction.atomic():
            record, claimed = services.idempotency_key_claim(
                user=request.user, key=key, fingerprint=_fingerprint(request)
            )
            if not claimed:
                response = Response(
                    services.idempotency_key_replay_body(record), status=record.status
                )
                response["Idempotent-Replayed"] = "true"
                return response
            response = super().create(request, *args, **kwargs)
            if status.is_success(response.status_code):
                services.idempotency_key_answer(
                    record=record, status=response.status_code, body=response.data
                )
            else:  # an error answer is not kept: the key stays free for a corrected retry
                transaction.set_rollback(True)
        return response
