"""The request (or command, or task) a change is made in, for the audit trail."""

from __future__ import annotations

import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

_current: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar(
    "audit_context", default=None
)


@dataclass
class AuditContext:
    request_id: str
    source: str
    path: str = ""
    ip_address: str | None = None
    request: object = None  # the HttpRequest; its user is read when a change is recorded
    actor: object = None  # set explicitly by commands and tasks

    @property
    def user(self):
        if self.actor is not None:
            return self.actor
        user = getattr(self.request, "user", None)
        return user if user is not None and user.is_authenticated else None


def current() -> AuditContext | None:
    return _current.get()


@contextmanager
def audit_context(*, source: str, actor=None, request_id: str | None = None):
    """Attribute the changes made inside to ``actor`` (commands, tasks, scripts)."""
    token = _current.set(
        AuditContext(request_id=request_id or uuid.uuid4().hex, source=source, actor=actor)
    )
    try:
        yield
    finally:
        _current.reset(token)


class AuditMiddleware:
    """Remembers the request so every change made while serving it names it.

    DRF sets the authenticated user on the underlying request too, so token
    requests are attributed once the view has authenticated them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = (request.headers.get("X-Request-ID") or "")[:64] or uuid.uuid4().hex
        path = request.path
        if path.startswith("/api/"):
            source = "api"
        elif path.startswith("/admin/"):
            source = "admin"
        else:
            source = "web"
        token = _current.set(
            AuditContext(
                request_id=request_id,
                source=source,
                path=path[:300],
                ip_address=request.META.get("REMOTE_ADDR") or None,
                request=request,
            )
        )
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request_id
        return response
