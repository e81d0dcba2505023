"""Sign-in against the college's LDAP directory (ldap3, pure Python).

An authentication backend after Django's own: a local account (an enterprise
person) signs in with its password as before; otherwise, when LDAP_SERVER_URL
is set, the name is looked up in the directory with the service account,
the password is checked by binding as the entry found, and the entry's
number attribute names the user (``campus.identity``).

The login name is checked against a strict pattern before it reaches a
filter, and escaped as well: ``*``, parentheses, backslashes and NUL can
never widen the search (an "injection" such as ``*)(uid=*`` is refused).
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import User

from campus import identity

logger = logging.getLogger("campus.sso")

LOGIN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


def _first(entry, attribute: str) -> str:
    if not attribute or attribute not in entry.entry_attributes:
        return ""
    values = entry[attribute].values
    return str(values[0]) if values else ""


def _server():
    import ldap3

    return ldap3.Server(settings.LDAP_SERVER_URL, connect_timeout=settings.LDAP_TIMEOUT)


def _connection(server, user: str, password: str):
    import ldap3

    connection = ldap3.Connection(
        server,
        user=user or None,
        password=password or None,
        receive_timeout=settings.LDAP_TIMEOUT,
        raise_exceptions=False,
    )
    if settings.LDAP_START_TLS:
        connection.open()
        connection.start_tls()
    return connection


def directory_identity(username: str, password: str) -> identity.Identity | None:
    """The identity of a login name and password, or None when they do not sign in."""
    from ldap3.core.exceptions import LDAPException
    from ldap3.utils.conv import escape_filter_chars

    if not LOGIN_RE.fullmatch(username or ""):
        logger.warning("ldap: refused a login name that is not a plain name: %r", username[:80])
        return None
    if not password:
        return None  # an empty password would be an anonymous bind, which "succeeds"
    attributes = [
        a
        for a in (
            settings.LDAP_NUMBER_ATTRIBUTE,
            settings.LDAP_ROLE_ATTRIBUTE,
            settings.LDAP_NAME_ATTRIBUTE,
        )
        if a
    ]
    search_filter = f"({settings.LDAP_LOGIN_ATTRIBUTE}={escape_filter_chars(username)})"
    try:
        server = _server()
        service = _connection(server, settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
        if not service.bind():
            logger.error("ldap: the service account cannot bind: %s", service.result)
            return None
        service.search(settings.LDAP_USER_BASE, search_filter, attributes=attributes, size_limit=2)
        entries = list(service.entries)
        service.unbind()
        if len(entries) != 1:
            logger.info("ldap: %d entries for %r", len(entries), username)
            return None
        entry = entries[0]
        person = _connection(server, entry.entry_dn, password)
        if not person.bind():
            logger.info("ldap: wrong password for %r", username)
            return None
        person.unbind()
    except LDAPException as exc:
        logger.error("ldap: directory unavailable: %s", exc)
        return None
    return identity.Identity(
        protocol="ldap",
        number=_first(entry, settings.LDAP_NUMBER_ATTRIBUTE),
        role=_first(entry, settings.LDAP_ROLE_ATTRIBUTE),
        name=_first(entry, settings.LDAP_NAME_ATTRIBUTE),
    )


class LdapBackend(BaseBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.LDAP_SERVER_URL or username is None or password is None:
            return None
        found = directory_identity(username, password)
        if found is None:
            return None
        try:
            return identity.user_for(found)
        except identity.SsoRefused as refused:
            logger.warning("ldap: refused %r: %s", username, refused)
            if request is not None:
                request.campus_refusal = refused
            return None

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id, is_active=True).first()
