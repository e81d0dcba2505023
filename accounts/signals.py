import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.middleware import REFRESHED_KEY, SESSION_LANGUAGE_KEY


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs):
    from accounts.models import Profile

    language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    if language and request is not None and hasattr(request, "session"):
        request.session[SESSION_LANGUAGE_KEY] = language


@receiver(user_logged_in)
def start_the_idle_clock(sender, request, user, **kwargs):
    """Signing in saves the session with a fresh expiry: the next page need not."""
    if request is not None and hasattr(request, "session"):
        request.session[REFRESHED_KEY] = int(time.time())
