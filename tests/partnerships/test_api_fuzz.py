"""Malformed input of any kind is a 400 (or 403/404/405), never a server error."""

import pytest

from partnerships.models import CooperationAgreement
from tests.partnerships.factories import AgreementFactory, WorkstationFactory

pytestmark = pytest.mark.django_db
JUNK = [None, "", "x", -1, 0, 10**30, 1.5, True, [], {}, ["x"], [None], {"a": 1}, "2026-13-45"]


@pytest.fixture
def objects(db):
    active = AgreementFactory(status=CooperationAgreement.Status.ACTIVE)
    station = WorkstationFactory(agreement=active)
    return {
        "agreements": active.pk,
        "reviews": active.reviews.get().pk,
        "workstations": station.pk,
    }


FIELDS = {
    "agreements": [
        "title",
        "enterprise",
        "majors",
        "modes",
        "starts_on",
        "ends_on",
        "signed_on",
        "owner",
        "school_investment",
        "enterprise_investment",
        "school_obligations",
    ],
    "reviews": ["scores", "decision", "summary", "next_year_plan", "figures"],
    "workstations": ["agreement", "enterprise", "name", "school_leader", "established_on"],
}


@pytest.mark.parametrize("resource", sorted(FIELDS))
def test_junk_in_every_field_is_never_a_server_error(api, alice, objects, resource):
    client = api.as_(alice)
    pk = objects[resource]
    for field in FIELDS[resource]:
        for value in JUNK:
            for response in (
                client.patch(f"/api/v1/{resource}/{pk}/", {field: value}, format="json"),
                client.post(f"/api/v1/{resource}/", {field: value}, format="json"),
            ):
                assert response.status_code < 500, (resource, field, value, response.content)


@pytest.mark.parametrize(
    "path,payload",
    [
        ("agreements/{a}/terminate/", {"reason": None}),
        ("agreements/{a}/terminate/", {"reason": ["x"]}),
        ("agreements/{a}/terminate/", []),
        ("agreements/{a}/renew/", {"ends_on": None}),
        ("agreements/{a}/renew/", {"ends_on": 20260101}),
        ("agreements/{a}/renew/", "not json"),
        ("agreements/{a}/activate/", {"x": 1}),
        ("reviews/{r}/submit/", {"x": 1}),
        ("reviews/{r}/approve/", []),
    ],
)
def test_junk_actions_are_never_a_server_error(api, alice, objects, path, payload):
    url = "/api/v1/" + path.format(a=objects["agreements"], r=objects["reviews"])
    response = api.as_(alice).post(url, payload, format="json")
    assert response.status_code < 500, response.content


def test_broken_json_is_a_400(api, alice):
    response = api.as_(alice).generic(
        "POST", "/api/v1/agreements/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
