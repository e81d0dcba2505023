"""Sign-in through the campus identity service, and the channels page."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from campus import identity, services, sso
from campus.models import ChannelIdentity

logger = logging.getLogger("campus.sso")

NEXT_KEY = "campus_next"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _remember_next(request) -> None:
    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    request.session[NEXT_KEY] = target if target and allowed else ""


def _sign_in(request, user):
    target = request.session.pop(NEXT_KEY, "") or settings.LOGIN_REDIRECT_URL
    login(request, user, backend=BACKEND)
    return redirect(target)


def refused(request, refusal: identity.SsoRefused):
    logger.warning("sign-in refused: %s", refusal)
    return render(
        request,
        "campus/refused.html",
        {"message": refusal.message, "code": refusal.code},
        status=403,
    )


def _cas_service_url(request) -> str:
    return request.build_absolute_uri(reverse("campus:cas-callback"))


def cas_login(request):
    if not sso.cas_enabled():
        return refused(request, identity.refuse("sso_not_configured"))
    _remember_next(request)
    return redirect(sso.cas_login_url(_cas_service_url(request)))


@csrf_exempt  # the CAS server's back-channel single sign-out POST carries no token
def cas_callback(request):
    if request.method == "POST":
        sso.cas_single_sign_out(request.POST.get("logoutRequest", ""))
        return HttpResponse(status=200)
    try:
        found = sso.cas_identity(
            ticket=request.GET.get("ticket", ""), service_url=_cas_service_url(request)
        )
        user = identity.user_for(found)
    except identity.SsoRefused as refusal:
        return refused(request, refusal)
    response = _sign_in(request, user)
    sso.cas_remember(ticket=request.GET["ticket"], session_key=request.session.session_key)
    return response


@require_POST
def cas_logout(request):
    """Sign out here and at the CAS server (which signs out its other services)."""
    logout(request)
    target = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
    if not sso.cas_enabled():
        return redirect(target)
    return redirect(sso.cas_logout_url(target))


def oidc_login(request):
    if not sso.oidc_enabled():
        return refused(request, identity.refuse("sso_not_configured"))
    _remember_next(request)
    try:
        return sso.oidc_client().authorize_redirect(
            request, request.build_absolute_uri(reverse("campus:oidc-callback"))
        )
    except Exception as exc:  # the provider's discovery document is unreachable or garbage
        return refused(request, identity.refuse("sso_failed", f"oidc: discovery: {exc!r}"[:300]))


def oidc_callback(request):
    try:
        user = identity.user_for(sso.oidc_identity(request))
    except identity.SsoRefused as refusal:
        return refused(request, refusal)
    return _sign_in(request, user)


@login_required
def channels_page(request):
    """The user's WeCom and DingTalk links, made from their staff or student number."""
    if request.method == "POST":
        channel = request.POST.get("channel", "")
        try:
            if request.POST.get("action") == "unlink":
                services.identity_unlink(user=request.user, channel=channel)
                messages.success(request, _("The link is removed."))
            else:
                services.identity_link(user=request.user, channel=channel)
                messages.success(request, _("Your account is linked."))
        except services.RuleError as exc:
            messages.error(request, exc.message)
        return redirect("campus:channels")
    linked = dict(
        ChannelIdentity.objects.filter(user=request.user).values_list("channel", "external_id")
    )
    rows = [
        {
            "code": code,
            "label": label,
            "configured": services.channel_configured(code),
            "external_id": linked.get(code, ""),
        }
        for code, label in ChannelIdentity.Channel.choices
    ]
    return render(request, "campus/channels.html", {"rows": rows})
