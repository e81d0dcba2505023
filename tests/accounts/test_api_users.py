import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def test_an_administrator_creates_a_liaison_linked_to_an_enterprise(api, alice, enterprise):
    response = api.as_(alice).post(
        "/api/v1/users/",
        {
            "username": "zhang.wei",
            "password": "Str0ng-pass-phrase",
            "email": "zw@example.com",
            "role": "liaison",
            "enterprise": enterprise.pk,
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["role"] == "liaison"
    assert response.json()["enterprise"] == enterprise.pk
    token = api.post(
        "/api/v1/auth/token/", {"username": "zhang.wei", "password": "Str0ng-pass-phrase"}
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").json()["enterprise"] == enterprise.pk


def test_a_liaison_needs_an_enterprise(api, alice):
    response = api.as_(alice).post(
        "/api/v1/users/", {"username": "x1", "password": "Str0ng-pass-phrase", "role": "liaison"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "liaison_needs_enterprise"
    assert not User.objects.filter(username="x1").exists()


@pytest.mark.parametrize(
    "body,field",
    [
        ({"username": "x2", "password": "Str0ng-pass-phrase", "role": "boss"}, "role"),
        ({"username": "x3", "password": "123", "role": "teacher"}, "password"),
        ({"username": "alice", "password": "Str0ng-pass-phrase", "role": "teacher"}, "username"),
        (
            {"username": "bad name!", "password": "Str0ng-pass-phrase", "role": "teacher"},
            "username",
        ),
    ],
)
def test_bad_user_input_is_400_on_the_field(api, alice, body, field):
    response = api.as_(alice).post("/api/v1/users/", body)
    assert response.status_code == 400
    assert field in response.json()


def test_only_administrators_manage_users(api, tom, lily, rita):
    for user in (tom, lily, rita):
        assert api.as_(user).get("/api/v1/users/").status_code == 403


def test_a_superuser_is_an_administrator(api, db):
    root = User.objects.create_superuser("root", "root@example.com", "Str0ng-pass-phrase")
    assert api.as_(root).get("/api/v1/me/").json()["role"] == "administrator"
    assert api.as_(root).get("/api/v1/users/").status_code == 200


def test_me_tells_each_role(api, tom, lily, rita, enterprise):
    assert api.as_(tom).get("/api/v1/me/").json()["role"] == "teacher"
    assert api.as_(lily).get("/api/v1/me/").json() == {
        "id": lily.pk,
        "username": "lily",
        "role": "liaison",
        "enterprise": enterprise.pk,
        "student": None,
    }
    assert api.as_(rita).get("/api/v1/me/").json()["role"] == "reporter"


def test_the_user_list_costs_the_same_queries_for_many_users(
    api, alice, django_assert_max_num_queries
):
    from tests.accounts.factories import UserFactory

    UserFactory.create_batch(3, role="teacher")
    client = api.as_(alice)
    # token lookup, role of the caller, count, page of users, their groups
    with django_assert_max_num_queries(6):
        client.get("/api/v1/users/")
    UserFactory.create_batch(40, role="teacher")
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/users/").json()["results"]) == 44


def test_a_deactivated_user_loses_api_access(api, alice, tom):
    client = api.as_(tom)
    assert client.get("/api/v1/me/").status_code == 200
    api.as_(alice).patch(f"/api/v1/users/{tom.pk}/", {"is_active": False})
    client = api.as_(tom)
    assert client.get("/api/v1/me/").status_code == 401
