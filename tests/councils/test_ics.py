import datetime
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Profile
from councils import services
from councils.ics import meeting_ics
from tests.councils.factories import MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def meeting():
    when = datetime.datetime(2026, 3, 12, 14, 30, tzinfo=SHANGHAI)
    return MeetingFactory(
        scheduled_at=when,
        duration_minutes=90,
        location="行政楼301会议室 Admin building, room 301",
        agenda="1. 人才培养方案修订\n2. Internship bases, 2026",
        committee__name="工业机器人技术专业建设指导委员会",
    )


def _events(body: bytes):
    return Calendar.from_ical(body).walk("VEVENT")


def test_the_invite_parses_back_with_its_fields(meeting):
    body = meeting_ics(meeting)
    cal = Calendar.from_ical(body)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    tz = cal.walk("VTIMEZONE")
    assert tz and tz[0]["TZID"] == "Asia/Shanghai"
    (event,) = _events(body)
    assert str(event["UID"]) == f"meeting-{meeting.uid}@councils"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime.datetime(2026, 3, 12, 14, 30, tzinfo=SHANGHAI)
    assert end - start == datetime.timedelta(minutes=90)
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert str(event["LOCATION"]).startswith("行政楼301")
    assert "人才培养方案修订" in str(event["DESCRIPTION"])
    assert "工业机器人技术专业建设指导委员会" in str(event["SUMMARY"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert b"DTSTAMP:" in body


def test_the_uid_is_stable_and_the_sequence_grows_when_it_moves(meeting):
    before = _events(meeting_ics(meeting))[0]
    moved = services.meeting_update(
        meeting=meeting, scheduled_at=meeting.scheduled_at + datetime.timedelta(days=1)
    )
    after = _events(meeting_ics(moved))[0]
    assert str(before["UID"]) == str(after["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    cancelled = services.meeting_cancel(meeting=moved, reason="Typhoon warning")
    event = _events(meeting_ics(cancelled))[0]
    assert str(event["STATUS"]) == "CANCELLED" and "Typhoon" in str(event["DESCRIPTION"])


def test_the_api_serves_text_calendar(api, alice, meeting):
    response = api.as_(alice).get(f"/api/v1/meetings/{meeting.pk}/ics/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert len(_events(response.content)) == 1


def test_a_calendar_client_asking_for_text_calendar_gets_it(api, alice, meeting):
    client = api.as_(alice)
    response = client.get(f"/api/v1/meetings/{meeting.pk}/ics/", HTTP_ACCEPT="text/calendar")
    assert response.status_code == 200 and len(_events(response.content)) == 1
    missing = client.get("/api/v1/meetings/999999/ics/", HTTP_ACCEPT="text/calendar")
    assert missing.status_code == 404


def test_the_api_ics_is_404_for_an_unknown_meeting(api, alice):
    assert api.as_(alice).get("/api/v1/meetings/999999/ics/").status_code == 404


# -- the personal feed ---------------------------------------------------------------


def test_the_feed_lists_the_meetings_of_the_users_committees(client, tom):
    mine = MembershipFactory(user=tom)
    MeetingFactory.create_batch(2, committee=mine.committee)
    ended = MembershipFactory(user=tom, term_end=datetime.date(2024, 1, 1))
    MeetingFactory(committee=ended.committee)
    MeetingFactory()  # a committee tom is not on
    token = Profile.objects.get(user=tom).calendar_token
    response = client.get(f"/councils/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    assert len(events) == 2
    assert {str(e["UID"]) for e in events} == {
        f"meeting-{m.uid}@councils" for m in mine.committee.meetings.all()
    }


def test_a_rotated_token_stops_working(client, tom):
    MembershipFactory(user=tom)
    old = Profile.objects.get(user=tom).calendar_token
    assert client.get(f"/councils/calendar/{old}.ics").status_code == 200
    new = services.profile_rotate_calendar_token(user=tom).calendar_token
    assert new != old
    assert client.get(f"/councils/calendar/{old}.ics").status_code == 404
    assert client.get(f"/councils/calendar/{new}.ics").status_code == 200


def test_a_wrong_token_or_a_disabled_user_gets_404(client, tom):
    assert client.get("/councils/calendar/not-a-token.ics").status_code == 404
    token = Profile.objects.get(user=tom).calendar_token
    tom.is_active = False
    tom.save()
    assert client.get(f"/councils/calendar/{token}.ics").status_code == 404


@pytest.mark.parametrize(
    "malformed",
    [
        "{token}%00",  # a NUL byte: PostgreSQL refuses it in a query
        "%00",
        "{token}{token}{token}",  # longer than any token
        "{token}$",
        "{token}%E4%BB%A4",  # 令
        "{token}%20",
    ],
)
def test_a_malformed_token_is_404_not_a_server_error(client, tom, malformed):
    MembershipFactory(user=tom)
    token = Profile.objects.get(user=tom).calendar_token
    assert client.get(f"/councils/calendar/{token}.ics").status_code == 200
    response = client.get(f"/councils/calendar/{malformed.format(token=token)}.ics")
    assert response.status_code == 404


def test_the_rotate_button_makes_a_new_address(client, tom):
    client.force_login(tom)
    old = Profile.objects.get(user=tom).calendar_token
    page = client.get("/councils/calendar/").content.decode()
    assert f"/councils/calendar/{old}.ics" in page
    response = client.post("/councils/calendar/rotate/")
    assert response.status_code == 302
    assert Profile.objects.get(user=tom).calendar_token != old


def test_the_feed_costs_the_same_queries_for_5_and_50_meetings(
    client, tom, django_assert_num_queries
):
    mine = MembershipFactory(user=tom)
    MeetingFactory.create_batch(5, committee=mine.committee)
    token = Profile.objects.get(user=tom).calendar_token
    # profile + user, meetings with their committee
    with django_assert_num_queries(2):
        assert len(_events(client.get(f"/councils/calendar/{token}.ics").content)) == 5
    MeetingFactory.create_batch(45, committee=mine.committee, scheduled_at=timezone.now())
    with django_assert_num_queries(2):
        assert len(_events(client.get(f"/councils/calendar/{token}.ics").content)) == 50
