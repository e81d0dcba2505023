"""CAS 2/3 and OpenID Connect sign-in: the protocol steps, in front of ``campus.identity``.

CAS uses python-cas (ticket validation, the single sign-out request); OpenID
Connect uses Authlib (discovery, state, nonce, the code exchange and the ID
token's signature, issuer, audience, expiry and nonce). Every failure is an
``SsoRefused`` with a log line saying why; the views turn it into a page.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from campus import identity
from campus.models import CasSession

logger = logging.getLogger("campus.sso")

# CAS protocol 3.0, 3.7: a service ticket starts with "ST-" and is at most
# 256 characters; anything else is not sent to the server at all.
TICKET_RE = re.compile(r"ST-[A-Za-z0-9._-]{1,253}")


def cas_enabled() -> bool:
    return bool(settings.CAS_SERVER_URL)


def oidc_enabled() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_CLIENT_ID)


def _cas_client(service_url: str):
    from cas import CASClient

    server = settings.CAS_SERVER_URL
    return CASClient(
        version=settings.CAS_VERSION,
        service_url=service_url,
        server_url=server if server.endswith("/") else server + "/",
    )


def cas_login_url(service_url: str) -> str:
    return _cas_client(service_url).get_login_url()


def cas_logout_url(redirect_url: str) -> str:
    return _cas_client(redirect_url).get_logout_url(redirect_url)


def _attribute(attributes: dict, name: str) -> str:
    if not name:
        return ""
    value = attributes.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "")


def cas_identity(*, ticket: str, service_url: str) -> identity.Identity:
    """Validate a service ticket with the CAS server and say whose it is."""
    if not cas_enabled():
        raise identity.refuse("sso_not_configured", "cas: CAS_SERVER_URL unset")
    if not TICKET_RE.fullmatch(ticket or ""):
        raise identity.refuse("sso_failed", f"cas: malformed ticket {ticket[:40]!r}")
    if CasSession.objects.filter(ticket=ticket).exists():
        raise identity.refuse("sso_failed", f"cas: ticket {ticket[:40]} replayed")
    try:
        user, attributes, _pgtiou = _cas_client(service_url).verify_ticket(ticket)
    except Exception as exc:  # unreachable server, garbage instead of XML
        raise identity.refuse("sso_failed", f"cas: validation failed: {exc!r}"[:300]) from None
    if not user:
        raise identity.refuse("sso_failed", f"cas: server refused ticket {ticket[:40]}")
    attributes = attributes or {}
    number = _attribute(attributes, settings.CAS_NUMBER_ATTRIBUTE) or user
    return identity.Identity(
        protocol="cas",
        number=number,
        role=_attribute(attributes, settings.CAS_ROLE_ATTRIBUTE),
        name=_attribute(attributes, settings.CAS_NAME_ATTRIBUTE),
    )


# How long a ticket is remembered for the server's single sign-out: longer than
# any CAS server keeps a sign-in alive (a ticket-granting ticket lives hours).
CAS_SESSION_DAYS = 7


def cas_remember(*, ticket: str, session_key: str) -> None:
    """Remember which session the ticket opened; forget those too old to be signed out."""
    CasSession.objects.filter(
        created_at__lt=timezone.now() - dt.timedelta(days=CAS_SESSION_DAYS)
    ).delete()
    CasSession.objects.create(ticket=ticket, session_key=session_key)


def cas_single_sign_out(logout_request: str) -> int:
    """End the sessions the ticket named in the server's logoutRequest opened."""
    from cas import CASClientV3

    indexes = CASClientV3.get_saml_slos(logout_request.encode()) or []
    tickets = [i.text for i in indexes if i.text]
    if not tickets:
        logger.warning("cas: a single sign-out request without a session index")
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    rows = list(CasSession.objects.filter(ticket__in=tickets))
    for row in rows:
        store(session_key=row.session_key).delete()
    CasSession.objects.filter(pk__in=[r.pk for r in rows]).delete()
    logger.info("cas: single sign-out ended %d sessions", len(rows))
    return len(rows)


# --- OpenID Connect -----------------------------------------------------------


def oidc_client():
    from authlib.integrations.django_client import OAuth

    oauth = OAuth()
    issuer = settings.OIDC_ISSUER.rstrip("/")
    return oauth.register(
        name="campus",
        client_id=settings.OIDC_CLIENT_ID,
        client_secret=settings.OIDC_CLIENT_SECRET,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": settings.OIDC_SCOPES,
            "timeout": settings.CAMPUS_HTTP_TIMEOUT,
            "code_challenge_method": "S256",
        },
    )


def oidc_identity(request) -> identity.Identity:
    """Exchange the callback's code and check the ID token (Authlib does the checks)."""
    if not oidc_enabled():
        raise identity.refuse("sso_not_configured", "oidc: OIDC_ISSUER unset")
    if request.GET.get("error"):
        raise identity.refuse("sso_failed", f"oidc: provider said {request.GET['error'][:80]!r}")
    try:
        client = oidc_client()
        issuer = client.load_server_metadata().get("issuer")
        if issuer != settings.OIDC_ISSUER.rstrip("/"):
            raise ValueError(f"the discovery document names issuer {issuer!r}")
        # The audience must hold our client id (OpenID Connect Core 3.1.3.7):
        # Authlib checks "azp" by default, not "aud", so it is asked for here.
        token = client.authorize_access_token(
            request,
            claims_options={
                "iss": {"essential": True, "values": [issuer]},
                "aud": {"essential": True, "values": [settings.OIDC_CLIENT_ID]},
            },
        )
    except Exception as exc:  # state, code, signature, issuer, audience, nonce, expiry
        raise identity.refuse("sso_failed", f"oidc: {type(exc).__name__}: {exc}"[:300]) from None
    claims = token.get("userinfo") or {}
    if not claims:
        raise identity.refuse("sso_failed", "oidc: no ID token in the answer")
    return identity.Identity(
        protocol="oidc",
        number=str(claims.get(settings.OIDC_NUMBER_CLAIM) or ""),
        role=str(claims.get(settings.OIDC_ROLE_CLAIM) or "") if settings.OIDC_ROLE_CLAIM else "",
        name=str(claims.get(settings.OIDC_NAME_CLAIM) or ""),
    )
