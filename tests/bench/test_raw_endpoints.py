"""The raw-SQL twins answer byte for byte what the API list endpoints answer."""

import json

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from rest_framework.authtoken.models import Token

from bench import views
from internships.models import Placement
from tests.bench.generator import generate_data

pytestmark = pytest.mark.postgres


@pytest.fixture
def token(db):
    generate_data(scale=0.01)
    return Token.objects.create(user=User.objects.get(username="bench-admin")).key


def _both(api, token, resource, query):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    orm = api.get(f"/api/v1/{resource}/?{query}")
    assert orm.status_code == 200
    request = RequestFactory().get(
        f"/bench/{resource}/?{query}", HTTP_AUTHORIZATION=f"Token {token}"
    )
    raw = getattr(views, resource)(request)
    assert raw.status_code == 200
    expected = orm.content.replace(f"/api/v1/{resource}/".encode(), f"/bench/{resource}/".encode())
    return expected, raw.content


@pytest.mark.parametrize(
    "resource,query",
    [
        ("enterprises", "status=active"),
        ("enterprises", "page=2&page_size=5"),
        ("agreements", "status=active"),
        ("agreements", "page=2&page_size=20"),
        ("placements", "status=active&page_size=100"),
        ("placements", "status=completed&page_size=10&page=3"),
    ],
)
def test_same_bytes(api, token, resource, query):
    expected, raw = _both(api, token, resource, query)
    assert raw == expected


def test_same_bytes_for_filtered_placements(api, token):
    placement = Placement.objects.filter(status="active").select_related("student").first()
    for query in (
        f"status=active&enterprise={placement.enterprise_id}&page_size=100",
        f"status=active&major={placement.student.major_id}&page_size=100",
    ):
        expected, raw = _both(api, token, "placements", query)
        assert raw == expected
        assert b'"count":0' not in raw


def test_needs_an_administrator_token(db):
    request = RequestFactory().get("/bench/enterprises/", HTTP_AUTHORIZATION="Token nope")
    assert views.enterprises(request).status_code == 401
    request = RequestFactory().get("/bench/enterprises/?page_size=x")
    assert views.enterprises(request).status_code == 400


def test_not_mounted_by_default(client):
    assert client.get("/bench/enterprises/").status_code == 404


def test_mounted_by_the_benchmarks_urls(client, bench_urls):
    # Without a token the twin refuses; the product's pages are still there.
    assert client.get("/bench/enterprises/").status_code == 401
    assert client.get("/health/").status_code == 200


def test_the_summary_twin_gives_the_summarys_figures(api, token):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    summary = api.get("/api/v1/reports/summary/?year=2025").json()
    request = RequestFactory().get("/bench/summary/?year=2025", HTTP_AUTHORIZATION=f"Token {token}")
    raw = views.summary(request)
    assert raw.status_code == 200
    figures = json.loads(raw.content)
    assert figures["enterprises_active"] > 0 and figures["students_placed"] > 0
    for key, value in figures.items():
        if key != "groups":
            assert summary[key] == value, key
    assert [{k: g[k] for k in figures["groups"][0]} for g in summary["groups"]] == figures["groups"]


def test_the_summary_twin_refuses_a_missing_year_and_a_missing_token(token):
    assert views.summary(RequestFactory().get("/bench/summary/")).status_code == 400
    assert views.summary(RequestFactory().get("/bench/summary/?year=2025")).status_code == 401
