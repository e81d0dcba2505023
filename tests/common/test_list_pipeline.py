"""A list page and its API endpoint filter, search and sort the same way."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from internships.models import Placement
from partnerships.models import CooperationAgreement, Enterprise
from tests.councils.factories import CommitteeFactory, MeetingFactory
from tests.internships.factories import PlacementFactory, PositionFactory
from tests.partnerships.factories import AgreementFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


def _exported(client, path: str) -> list[dict]:
    """The rows of a page's CSV export: every filtered row, not one page."""
    response = client.get(path + ("&" if "?" in path else "?") + "export=csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))


def _api(api, user, path: str) -> list[dict]:
    response = api.as_(user).get(path)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_enterprise_page_and_api_search_the_same_fields(as_alice, api, alice):
    EnterpriseFactory(name="Dalian Port Logistics", city="Dalian")
    EnterpriseFactory(name="Bohai Shipyard", city="Dalian")  # found by its city
    EnterpriseFactory(name="Dalian Exited Trading", city="Dalian", status=Enterprise.Status.EXITED)
    EnterpriseFactory(name="Shenyang Tools", city="Shenyang")
    query = "?search=dalian&status=active"
    page = {row["Name"] for row in _exported(as_alice, "/partnerships/enterprises/" + query)}
    api_rows = {row["name"] for row in _api(api, alice, "/api/v1/enterprises/" + query)}
    assert page == api_rows == {"Dalian Port Logistics", "Bohai Shipyard"}


def test_every_word_of_a_search_must_match_somewhere(as_alice):
    EnterpriseFactory(name="Dalian Port Logistics", city="Dalian")
    EnterpriseFactory(name="Dalian Shipyard", city="Dalian")
    rows = _exported(as_alice, "/partnerships/enterprises/?search=dalian+port")
    assert [row["Name"] for row in rows] == ["Dalian Port Logistics"]


def test_the_agreement_page_and_api_agree_on_review_due_and_search(as_alice, api, alice):
    start = TODAY - timedelta(days=350)  # first anniversary in 15 days
    active = CooperationAgreement.Status.ACTIVE
    due = AgreementFactory(status=active, starts_on=start, title="Welding order class")
    robots = AgreementFactory(status=active, starts_on=start, title="Robotics order class")
    later = AgreementFactory(status=active, title="Robotics workstation")  # due in a year
    for query, expected in [
        ("?review_due=true", {due.number, robots.number}),
        ("?review_due=true&search=robotics", {robots.number}),
        ("?review_due=false&status=active", {later.number}),
    ]:
        page = {row["Number"] for row in _exported(as_alice, "/partnerships/agreements/" + query)}
        api_rows = {row["number"] for row in _api(api, alice, "/api/v1/agreements/" + query)}
        assert page == api_rows == expected, query


def test_the_placement_page_and_api_share_the_enterprise_name_filter(as_alice, api, alice):
    port = EnterpriseFactory(name="Dalian Port Logistics")
    at_port = PlacementFactory(position=PositionFactory(enterprise=port))
    PlacementFactory()
    query = "?enterprise_name=port+log&has_warnings=false"
    page = {
        row["Student number"] for row in _exported(as_alice, "/internships/placements/" + query)
    }
    api_rows = _api(api, alice, "/api/v1/placements/" + query)
    assert page == {at_port.student.student_number}
    assert [row["id"] for row in api_rows] == [at_port.pk]


def test_the_placement_search_finds_the_enterprise_name_in_the_api_too(api, alice):
    port = EnterpriseFactory(name="Dalian Port Logistics")
    at_port = PlacementFactory(position=PositionFactory(enterprise=port))
    PlacementFactory()
    rows = _api(api, alice, "/api/v1/placements/?search=port")
    assert [row["id"] for row in rows] == [at_port.pk]


def test_a_bad_filter_is_shown_on_the_page_and_refused_by_the_api(as_alice, api, alice):
    AgreementFactory.create_batch(2)
    page = as_alice.get("/partnerships/agreements/?expiring_within_days=soon")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Some filters were not understood and were ignored." in html
    assert "2 rows" in html
    response = api.as_(alice).get("/api/v1/agreements/?expiring_within_days=soon")
    assert response.status_code == 400
    assert "expiring_within_days" in response.json()


def test_the_page_sorts_by_an_allowed_column_and_falls_back_otherwise(as_alice):
    for name in ("Beta Tools", "Alpha Tools", "Gamma Tools"):
        EnterpriseFactory(name=name)
    names = [r["Name"] for r in _exported(as_alice, "/partnerships/enterprises/?sort=-name")]
    assert names == ["Gamma Tools", "Beta Tools", "Alpha Tools"]
    fallback = _exported(as_alice, "/partnerships/enterprises/?sort=credit_code")
    assert [r["Name"] for r in fallback] == ["Alpha Tools", "Beta Tools", "Gamma Tools"]
    html = as_alice.get("/partnerships/enterprises/?sort=-name").content.decode()
    assert "Name ▼" in html


def test_the_filter_bar_keeps_what_was_asked(as_alice):
    html = as_alice.get(
        "/partnerships/agreements/?search=robot&review_due=true&expiring_within_days=90"
    ).content.decode()
    assert 'name="search" value="robot"' in html
    assert (
        '<input type="checkbox" name="review_due" value="true" class="form-check-input" '
        'id="id_review_due" checked>'
    ) in html
    assert 'name="flagged_for_owner" value="true" class="form-check-input" id=' in html
    assert '<option value="90" selected>' in html


def test_a_refused_rule_is_shown_next_to_its_field_and_nothing_is_saved(as_alice):
    taken = EnterpriseFactory(name="Shenyang Tools")
    form = {
        "name": "Shenyang Tools Two",
        "credit_code": taken.credit_code,
        "size": "small",
        "workforce": 40,
        "status": "active",
    }
    response = as_alice.post("/partnerships/enterprises/new/", form)
    html = response.content.decode()
    assert response.status_code == 200
    errors = html[html.index('id="id_credit_code_errors"') :]
    assert errors.index("<li>") < errors.index("</ul>")
    assert 'value="Shenyang Tools Two"' in html  # what the user typed is kept
    assert not Enterprise.objects.filter(name="Shenyang Tools Two").exists()
    form["credit_code"] = ""
    response = as_alice.post("/partnerships/enterprises/new/", form)
    created = Enterprise.objects.get(name="Shenyang Tools Two")
    assert response["Location"] == f"/partnerships/enterprises/{created.pk}/"


def test_the_placement_page_and_api_sort_by_the_same_fields(as_alice, api, alice):
    for name in ("Li Na", "Zhao Lei", "Chen Jie"):
        PlacementFactory(student__name=name)
    page = _exported(as_alice, "/internships/placements/?sort=-student__name")
    api_rows = _api(api, alice, "/api/v1/placements/?ordering=-student__name")
    names = ["Zhao Lei", "Li Na", "Chen Jie"]
    assert [row["Student"] for row in page] == names
    students = {p.pk: p.student.name for p in Placement.objects.select_related("student")}
    assert [students[row["id"]] for row in api_rows] == names
    # A field neither may order by: the page falls back, the API refuses.
    fallback = _exported(as_alice, "/internships/placements/?sort=student__date_of_birth")
    assert len(fallback) == 3
    refused = api.as_(alice).get("/api/v1/placements/?ordering=student__date_of_birth")
    assert refused.status_code == 400


def test_each_agreement_card_on_the_home_page_links_to_the_rows_it_counts(as_alice, alice):
    from partnerships.dashboard import staff_cards

    start = TODAY - timedelta(days=350)  # first anniversary in 15 days
    active = CooperationAgreement.Status.ACTIVE
    AgreementFactory(status=active, starts_on=start)
    AgreementFactory(status=active, ends_on=TODAY + timedelta(days=40))
    AgreementFactory()  # a draft
    cards = staff_cards(alice)["cards"]
    assert [card["value"] for card in cards if "agreement" in card["url"]] == [2, 1, 1]
    for card in cards:
        rows = _exported(as_alice, card["url"])
        assert len(rows) == card["value"], card["label"]


def test_the_overdue_committees_link_lists_only_them(as_alice):
    stale = CommitteeFactory(name="Stale council")
    MeetingFactory(
        committee=stale, status="held", scheduled_at=timezone.now() - timedelta(days=400)
    )
    fresh = CommitteeFactory(name="Fresh council")
    MeetingFactory(committee=fresh, status="held", scheduled_at=timezone.now() - timedelta(days=10))
    html = as_alice.get("/").content.decode()
    link = re.search(r'href="(/councils/\?overdue=[a-z]+)"', html)
    assert link is not None
    listed = as_alice.get(link.group(1)).content.decode()
    assert "Stale council" in listed and "Fresh council" not in listed


def test_the_portal_open_positions_link_lists_only_open_ones(client, lily, enterprise):
    from internships import services

    PositionFactory(enterprise=enterprise, title="Open welding post")
    services.position_close(position=PositionFactory(enterprise=enterprise, title="Closed post"))
    client.force_login(lily)
    home = client.get("/portal/").content.decode()
    link = re.search(r'href="(/portal/positions/\?[a-z_=]+)"', home)
    assert link is not None
    listed = client.get(link.group(1)).content.decode()
    assert "Open welding post" in listed and "Closed post" not in listed
