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
