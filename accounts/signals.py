from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.middleware import SESSION_LANGUAGE_KEY


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs):
    from accounts.models import Profile

    language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    if language and request is not None and hasattr(request, "session"):
        request.session[SESSION_LANGUAGE_KEY] = language
