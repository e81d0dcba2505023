"""Malformed input of any kind is a 400, never a server error; each junk value
in each field gets the one answer stated here."""

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


# The junk a PATCH of that one field takes (200); every other value is a 400.
# Text fields take any string or number (as its text); money takes a number; a list field may be
# emptied; the review's score and figure mappings take {} (nothing to change),
# and its figures ignore an unknown key.
TEXT = {"'x'", "-1", "0", repr(10**30), "1.5", "'2026-13-45'"}
ACCEPTED: dict[tuple[str, str], set[str]] = {
    ("agreements", "title"): TEXT,
    ("agreements", "majors"): {"[]", "{}"},
    ("agreements", "modes"): {"[]"},
    ("agreements", "school_investment"): {"0", "1.5"},
    ("agreements", "enterprise_investment"): {"0", "1.5"},
    ("agreements", "school_obligations"): TEXT | {"''"},
    ("reviews", "scores"): {"{}"},
    ("reviews", "decision"): {"''"},
    ("reviews", "summary"): TEXT | {"''"},
    ("reviews", "next_year_plan"): TEXT | {"''"},
    ("reviews", "figures"): {"{}", "{'a': 1}"},
    ("workstations", "name"): TEXT,
    ("workstations", "established_on"): {"None"},
}
# A POST of one field lacks the others (400); reviews have no POST (405).
CREATED = {"agreements": 400, "reviews": 405, "workstations": 400}


@pytest.mark.parametrize("resource", sorted(FIELDS))
def test_junk_in_every_field_is_never_a_server_error(api, alice, objects, resource):
    client = api.as_(alice)
    pk = objects[resource]
    for field in FIELDS[resource]:
        accepted = ACCEPTED.get((resource, field), set())
        for value in JUNK:
            patched = client.patch(f"/api/v1/{resource}/{pk}/", {field: value}, format="json")
            expected = 200 if repr(value) in accepted else 400
            assert patched.status_code == expected, (field, value, patched.content)
            posted = client.post(f"/api/v1/{resource}/", {field: value}, format="json")
            assert posted.status_code == CREATED[resource], (field, value, posted.content)


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
    assert response.status_code == 400, response.content


def test_broken_json_is_a_400(api, alice):
    response = api.as_(alice).generic(
        "POST", "/api/v1/agreements/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
