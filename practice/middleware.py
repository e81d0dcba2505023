"""Holds an account with an initial password at the password page until its
owner chose their own (accounts made for a cohort, practice.services).

Whether the account must change its password is read once, when it signs in,
and kept in the session, so other requests cost no query.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "practice_password_change_required"
# What such a user may still reach: the password page, signing out, static
# files, the language switch and the API (a token client has no session).
ALLOWED_PREFIXES = ("/static/", "/accounts/", "/jsi18n/", "/practice/manifest.webmanifest", "/api/")


def note_password_change_required(sender, request, user, **kwargs) -> None:
    """On sign-in (the user_logged_in signal): remember whether the user must
    set their own password first."""
    from practice.models import PasswordChangeRequired

    if request is not None and hasattr(request, "session"):
        if PasswordChangeRequired.objects.filter(user=user).exists():
            request.session[SESSION_KEY] = True
        else:
            request.session.pop(SESSION_KEY, None)


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY) and self._held(request):
            return redirect("practice:password-change")
        return self.get_response(request)

    @staticmethod
    def _held(request) -> bool:
        path = request.path
        if path == reverse("practice:password-change") or path.startswith(ALLOWED_PREFIXES):
            return False
        return request.user.is_authenticated
