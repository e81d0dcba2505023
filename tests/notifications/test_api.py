"""/api/v1/notifications/ and /api/v1/notification-preferences/."""

import pytest

from notifications.models import Notification, NotificationPreference
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def make(user, n):
    return [
        NotificationFactory(recipient=user, kind="incident", subject=f"Note {i}") for i in range(n)
    ]


def test_the_list_shows_only_the_callers_own_notifications(api, tom, lily):
    make(tom, 2)
    make(lily, 1)
    body = api.as_(tom).get("/api/v1/notifications/").json()
    assert body["count"] == 2
    assert set(body["results"][0]) == {
        "id",
        "kind",
        "subject",
        "object_type",
        "object_id",
        "created_at",
        "read",
    }
    other = Notification.objects.get(recipient=lily)
    assert api.as_(tom).post(f"/api/v1/notifications/{other.pk}/read/").status_code == 404


def test_the_list_costs_the_same_queries_for_3_and_150_rows(api, tom, django_assert_num_queries):
    client = api.as_(tom)
    make(tom, 3)
    # token and user, groups (role), count, page
    with django_assert_num_queries(4):
        assert client.get("/api/v1/notifications/?page_size=200").status_code == 200
    make(tom, 147)
    with django_assert_num_queries(4):
        assert len(client.get("/api/v1/notifications/?page_size=200").json()["results"]) == 150


def test_read_marks_one_and_read_all_marks_the_rest(api, tom):
    first, *_ = make(tom, 3)
    client = api.as_(tom)
    assert client.post(f"/api/v1/notifications/{first.pk}/read/").json()["read"] is True
    assert client.get("/api/v1/notifications/?read=false").json()["count"] == 2
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 2}
    assert client.get("/api/v1/notifications/?read=false").json()["count"] == 0
    assert client.get("/api/v1/notifications/?read=true").json()["count"] == 3


def test_preferences_list_every_kind_on_by_default(api, rita):
    body = api.as_(rita).get("/api/v1/notification-preferences/").json()
    kinds = {item["kind"]: item for item in body["results"]}
    assert "placement_unprepared" in kinds
    assert all(item["email"] is True for item in body["results"])
    assert body["count"] == len(body["results"])


def test_a_user_switches_off_one_kind_by_email(api, tom, alice):
    client = api.as_(tom)
    response = client.patch(
        "/api/v1/notification-preferences/placement_unprepared/", {"email": False}
    )
    assert response.status_code == 200
    assert response.json() == {
        "kind": "placement_unprepared",
        "label": "Placement starting without insurance or agreement",
        "email": False,
        "channels": {},
    }
    assert NotificationPreference.objects.get(user=tom).email is False
    assert not NotificationPreference.objects.filter(user=alice).exists()
    assert client.put(
        "/api/v1/notification-preferences/placement_unprepared/", {"email": True}
    ).json()["email"]


def test_preferences_refuse_unknown_kinds_and_bad_values(api, tom):
    client = api.as_(tom)
    assert (
        client.patch("/api/v1/notification-preferences/nonsense/", {"email": False}).status_code
        == 404
    )
    response = client.patch(
        "/api/v1/notification-preferences/placement_unprepared/", {"email": "perhaps"}
    )
    assert response.status_code == 400 and "email" in response.json()
    assert (
        client.patch("/api/v1/notification-preferences/placement_unprepared/", {}).status_code
        == 400
    )


def test_anonymous_callers_get_401(api):
    assert api.get("/api/v1/notification-preferences/").status_code == 401
    assert api.get("/api/v1/notifications/").status_code == 401
