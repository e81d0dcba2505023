import pytest

pytestmark = pytest.mark.django_db


def test_the_home_page_asks_for_a_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_administrator_signs_in_and_sees_the_navigation(client, alice, password):
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": password}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dashboard" in html
    assert "/partnerships/enterprises/" in html


def test_login_rotates_the_session(client, alice, password):
    client.get("/accounts/login/")
    client.cookies["sessionid"] = "fixated-session-id"
    client.post("/accounts/login/", {"username": "alice", "password": password})
    assert client.cookies["sessionid"].value != "fixated-session-id"


def test_repeated_failures_lock_the_user_out(client, alice, password):
    for _attempt in range(5):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "alice", "password": password})
    assert response.status_code == 429
    assert "Too many failed" in response.content.decode()


def test_the_language_switch_is_remembered_for_the_user(client, alice, password):
    client.force_login(alice)
    client.post("/accounts/language/", {"language": "zh-hans", "next": "/"})
    alice.profile.refresh_from_db()
    assert alice.profile.language == "zh-hans"
    other = type(client)()
    other.post("/accounts/login/", {"username": "alice", "password": password})
    assert other.get("/")["Content-Language"] == "zh-hans"


def test_a_liaison_cannot_open_the_enterprise_list(client, lily, password):
    client.force_login(lily)
    assert client.get("/partnerships/enterprises/").status_code == 403


def test_health_reports_database_and_broker(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    # The test settings run tasks eagerly, so there is no broker to reach.
    assert body["broker"] == "eager"


def test_an_administrator_who_is_not_a_superuser_uses_the_admin_site(client, alice):
    client.force_login(alice)
    assert client.get("/admin/partnerships/enterprise/").status_code == 200


def test_a_teacher_cannot_use_the_admin_site(client, tom):
    client.force_login(tom)
    assert client.get("/admin/partnerships/enterprise/").status_code == 302
