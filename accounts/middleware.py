import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.utils import translation

SESSION_LANGUAGE_KEY = "_language"


class UserLanguageMiddleware:
    """Applies the language a signed-in user chose, remembered in their profile.

    The choice is copied into the session at sign-in, so no request pays a
    query for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = (
            request.session.get(SESSION_LANGUAGE_KEY) if hasattr(request, "session") else None
        )
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


REFRESHED_KEY = "_refreshed_at"


class SessionRefreshMiddleware:
    """Keeps a session alive while it is used, writing it at most once a minute.

    Sessions expire after SESSION_COOKIE_AGE of idle time. Django's
    SESSION_SAVE_EVERY_REQUEST would write the session row (a transaction)
    on every page; here a request marks the session changed only when its
    last refresh is SESSION_REFRESH_SECONDS old, and SessionMiddleware then
    saves it with a fresh expiry and cookie. Idle expiry is exact to within
    that interval. Requests without a signed-in session (API tokens, anonymous
    visitors) are untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and AUTH_SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_KEY] = now
        return response
