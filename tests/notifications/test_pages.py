"""The bell, the notifications page and the e-mail settings page."""

import pytest

from notifications.models import Notification, NotificationPreference
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tom_client(client, tom):
    client.force_login(tom)
    return client


def make(user, n, **kwargs):
    return [
        NotificationFactory(
            recipient=user, kind="placement_unprepared", subject=f"Note {i}", **kwargs
        )
        for i in range(n)
    ]


def test_the_bell_counts_unread_and_links_to_them(tom_client, tom):
    make(tom, 3)
    page = tom_client.get("/").content.decode()
    assert 'data-testid="unread-count">3<' in page
    assert 'href="/notifications/?read=false"' in page


def test_the_page_filters_unread_and_marks_read(tom_client, tom):
    first, second = make(tom, 2)
    tom_client.post(f"/notifications/{first.pk}/read/", {"stay": "1"})
    first.refresh_from_db()
    assert first.read
    unread = tom_client.get("/notifications/?read=false").content.decode()
    assert "Note 1" in unread and "Note 0" not in unread
    assert "Placement starting without insurance or agreement" in unread  # kind label
    everything = tom_client.get("/notifications/").content.decode()
    assert "Note 0" in everything and "Note 1" in everything


def test_opening_a_notification_marks_it_read_and_follows_its_link(tom_client, tom):
    [note] = make(tom, 1, url="/partnerships/enterprises/")
    response = tom_client.post(f"/notifications/{note.pk}/read/")
    assert response["Location"] == "/partnerships/enterprises/"
    note.refresh_from_db()
    assert note.read


def test_mark_all_read_empties_the_bell(tom_client, tom):
    make(tom, 4)
    response = tom_client.post("/notifications/read-all/", {"next": "/notifications/?read=false"})
    assert response["Location"] == "/notifications/?read=false"
    assert not Notification.objects.unread().exists()
    assert (
        "No unread notifications." in tom_client.get("/notifications/?read=false").content.decode()
    )


def test_mark_all_read_does_not_redirect_elsewhere(tom_client, tom):
    response = tom_client.post("/notifications/read-all/", {"next": "https://evil.example/"})
    assert response["Location"] == "/notifications/"


def test_nobody_marks_someone_elses_notification(tom_client, lily):
    [note] = make(lily, 1)
    assert tom_client.post(f"/notifications/{note.pk}/read/").status_code == 404


def test_the_page_costs_the_same_queries_for_3_and_100_rows(
    tom_client, tom, django_assert_num_queries
):
    make(tom, 3)
    # session, user, groups, unread notifications (bell), count, page
    with django_assert_num_queries(6):
        tom_client.get("/notifications/?page_size=100")
    make(tom, 97)
    with django_assert_num_queries(6):
        page = tom_client.get("/notifications/?page_size=100").content.decode()
    assert page.count('data-testid="notification"') == 100


def test_the_settings_page_switches_email_off_per_kind(tom_client, tom):
    page = tom_client.get("/notifications/preferences/").content.decode()
    assert "Placement ended without evaluation" in page
    from notifications.selectors import notification_preferences_of

    kinds = [item["kind"] for item in notification_preferences_of(tom)]
    assert "placement_incident" in kinds  # immediate notifications too
    checked = {kind: "on" for kind in kinds if kind != "placement_unprepared"}
    # the unchecked placement_unprepared box is off, all others stay on
    response = tom_client.post("/notifications/preferences/", checked)
    assert response.status_code == 302
    assert dict(NotificationPreference.objects.filter(user=tom).values_list("kind", "email")) == {
        "placement_unprepared": False
    }
    page = tom_client.get("/notifications/preferences/").content.decode()
    assert 'name="placement_unevaluated" id="id_placement_unevaluated" checked' in page
    assert 'name="placement_unprepared" id="id_placement_unprepared">' in page


def test_pages_need_a_signed_in_user(client):
    assert client.get("/notifications/")["Location"].startswith("/accounts/login/")
    assert client.get("/notifications/preferences/")["Location"].startswith("/accounts/login/")
