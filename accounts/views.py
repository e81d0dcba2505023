from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST

from accounts import services
from accounts.middleware import SESSION_LANGUAGE_KEY


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        # A directory sign-in backend that knew the person but refused them
        # (unknown to the product's records, switched off) says why.
        refusal = getattr(self.request, "campus_refusal", None)
        if refusal is not None:
            form.errors.pop("__all__", None)
            form.add_error(None, refusal.message)
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    pass


@require_POST
def set_language(request):
    """Switch the interface language; remembered per user when signed in."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language and check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        if request.user.is_authenticated:
            services.profile_set_language(user=request.user, language=language)
            request.session[SESSION_LANGUAGE_KEY] = language
    return response
