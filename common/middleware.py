"""Failures that get a clear page instead of a crash: a lost database
connection (503, "try again") and a stored file that is gone (404)."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from common.files import StoredFileMissing

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable: %s", type(exception).__name__)
        message = _("The database is unavailable right now; please try again shortly.")
        if request.path.startswith("/api/") or request.path.startswith("/health/"):
            response = JsonResponse({"detail": message}, status=503)
        else:
            try:
                html = render_to_string("503.html", {"message": message})
            except Exception:  # the template layer may need the database too
                html = f"<!doctype html><title>503</title><h1>{message}</h1>"
            response = HttpResponse(html, status=503)
        response["Retry-After"] = "5"
        return response


class StoredFileMissingMiddleware:
    """A page download whose stored file is gone: the 404 page saying so.

    API views answer through the API's exception handler instead; the file,
    record and warning are logged where the file was opened (common/files.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StoredFileMissing):
            return None
        return render(request, "404.html", {"message": exception.message}, status=404)
