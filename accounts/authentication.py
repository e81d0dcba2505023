"""API token authentication in one plain query.

Every API request authenticates, so this is the hottest query the API makes.
DRF's TokenAuthentication builds it through the ORM (a select_related join
compiled on each request); here the same join is written once and the user
is hydrated by ``Manager.raw``. Same header parsing, same messages, same
(user, token) pair.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token


def _user_model():
    return Token._meta.get_field("user").related_model


@cache
def _sql() -> str:
    user_model = _user_model()
    quote = connection.ops.quote_name
    return (
        f"SELECT u.*"
        f" FROM {quote(Token._meta.db_table)} t"
        f" JOIN {quote(user_model._meta.db_table)} u"
        f" ON u.{quote(user_model._meta.pk.column)} = t.{quote('user_id')}"
        f" WHERE t.{quote('key')} = %s"
    )


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        users = list(_user_model()._default_manager.raw(_sql(), [key]))
        if not users:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = users[0]
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        # The token as the ORM would load it with only these columns read
        # (its creation time loads on first use, as a deferred field does).
        token = Token.from_db(user._state.db, ["key", "user_id"], [key, user.pk])
        token.user = user
        return user, token
