from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from common.dashboard import dashboard_context

logger = logging.getLogger(__name__)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not ready"
        logger.warning("health: database unavailable: %s", type(exc).__name__)
        return "error"
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        logger.warning("health: broker unavailable: %s", type(exc).__name__)
        return "error"
    return "ok"


@never_cache
@require_GET
def health(request):
    """Readiness for load balancers and compose: database and broker."""
    checks = {"database": _check_database(), "broker": _check_broker()}
    healthy = all(value in ("ok", "eager") for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


@login_required
def home(request):
    return render(request, "home.html", dashboard_context(request.user, request.GET))


def server_error(request):
    """The 500 handler; a lost database connection becomes a 503 "try again"."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.http import HttpResponseServerError

    from common.middleware import DatabaseUnavailableMiddleware

    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        return DatabaseUnavailableMiddleware(None).process_exception(request, exc)
    return HttpResponseServerError(
        "<!doctype html><title>500</title><h1>Something went wrong</h1>"
        "<p>The error was recorded. Please try again in a moment.</p>"
    )
