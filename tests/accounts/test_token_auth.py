"""API token authentication: one query, DRF's answers."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.test import APIRequestFactory

from accounts.authentication import TokenAuthentication


def _authenticate(header):
    request = APIRequestFactory().get("/api/v1/me/", HTTP_AUTHORIZATION=header)
    return TokenAuthentication().authenticate(request)


def test_a_token_gives_its_user_and_itself_in_one_query(alice, django_assert_num_queries):
    token = Token.objects.create(user=alice)
    with django_assert_num_queries(1):
        user, auth = _authenticate(f"Token {token.key}")
    assert user == alice
    assert user.username == alice.username and user.is_superuser == alice.is_superuser
    assert (auth.key, auth.user_id) == (token.key, alice.pk)
    assert auth.user is user
    assert auth.created == token.created  # read when asked for


def test_an_unknown_token_is_refused(db):
    with pytest.raises(AuthenticationFailed, match="Invalid token."):
        _authenticate("Token " + "0" * 40)


def test_a_deactivated_users_token_is_refused(alice):
    token = Token.objects.create(user=alice)
    alice.is_active = False
    alice.save()
    with pytest.raises(AuthenticationFailed, match="User inactive or deleted."):
        _authenticate(f"Token {token.key}")


def test_other_schemes_are_left_to_the_next_authenticator(db):
    assert _authenticate("Basic dXNlcjpwYXNz") is None


@pytest.mark.parametrize("header", ["Token", "Token a b"])
def test_a_malformed_header_is_refused(db, header):
    with pytest.raises(AuthenticationFailed):
        _authenticate(header)


def test_the_api_answers_401_for_a_bad_token_and_200_for_a_good_one(api, alice):
    api.credentials(HTTP_AUTHORIZATION="Token " + "f" * 40)
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}
    assert api.as_(alice).get("/api/v1/me/").json()["username"] == alice.username
