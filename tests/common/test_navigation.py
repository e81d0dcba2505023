"""The main navigation: the areas a role uses, grouped so a laptop's width holds them."""

import pytest
from django.test import RequestFactory

from common.navigation import navigation

pytestmark = pytest.mark.django_db


def _nav(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return navigation(request)["nav_items"]


def _labels(items):
    return [
        (str(item["label"]), [str(child["label"]) for child in item.get("children", [])])
        for item in items
    ]


def test_an_administrator_sees_the_areas_in_a_few_menus(alice):
    assert _labels(_nav(alice)) == [
        ("Dashboard", []),
        ("Cooperation", ["Enterprises", "Agreements", "Majors", "Records"]),
        ("Councils", []),
        ("Groups", []),
        (
            "Internships",
            ["Placements and students", "Allocation", "Teacher's day", "Internship agreements"],
        ),
        ("Reports", []),
    ]


def test_the_menu_of_the_page_open_is_marked_active(alice):
    items = {str(item["label"]): item for item in _nav(alice, "/partnerships/majors/")}
    assert items["Cooperation"]["active"]
    assert [str(c["label"]) for c in items["Cooperation"]["children"] if c["active"]] == ["Majors"]
    assert not items["Internships"]["active"]


def test_a_menu_with_one_entry_for_a_role_is_a_plain_link(lily):
    items = _nav(lily)
    assert _labels(items) == [
        ("Dashboard", []),
        ("My enterprise", []),
        ("Internship agreements", []),
        ("Applicants", []),
    ]
    assert all("url" in item for item in items)


def test_the_page_shows_the_menus(client, alice):
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert 'class="nav-link dropdown-toggle' in html
    assert 'href="/partnerships/enterprises/"' in html
