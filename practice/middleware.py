"""Holds an account with an initial password at the password page until its
owner chose their own (accounts made for a cohort, practice.services)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

# What such a user may still reach: the password page, signing out, static
# files and the language switch.
ALLOWED_PREFIXES = ("/static/", "/accounts/", "/jsi18n/", "/practice/manifest.webmanifest")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._held(request, user):
            return redirect("practice:password-change")
        return self.get_response(request)

    def _held(self, request, user) -> bool:
        path = request.path
        target = reverse("practice:password-change")
        if path == target or path.startswith(ALLOWED_PREFIXES) or path.startswith("/api/"):
            return False
        from practice.models import PasswordChangeRequired

        return PasswordChangeRequired.objects.filter(user=user).exists()
