from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from partnerships.models import CooperationAgreement
from tests.partnerships.factories import AgreementFactory, EnterpriseFactory, MajorFactory

pytestmark = pytest.mark.django_db
S = CooperationAgreement.Status
TODAY = timezone.localdate()
FIELDS = {
    "id",
    "number",
    "title",
    "enterprise",
    "majors",
    "modes",
    "depth",
    "starts_on",
    "ends_on",
    "signed_on",
    "status",
    "owner",
    "school_investment",
    "enterprise_investment",
    "renews",
}


def body(enterprise, **extra):
    return {
        "title": "Industrial robotics order class",
        "enterprise": enterprise.pk,
        "starts_on": str(TODAY),
        "ends_on": str(TODAY + timedelta(days=3 * 365)),
        **extra,
    }


def test_an_administrator_walks_an_agreement_through_its_life(api, alice, tom, enterprise):
    client = api.as_(alice)
    majors = MajorFactory.create_batch(2)
    created = client.post(
        "/api/v1/agreements/",
        body(
            enterprise,
            majors=[m.pk for m in majors],
            modes=["curriculum", "order_training"],
            school_investment="150000.00",
            owner=tom.pk,
        ),
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert set(data) == FIELDS
    assert data["number"].startswith(f"HZ-{TODAY.year}-")
    assert data["depth"] == "deep" and data["status"] == "draft" and data["renews"] is None
    assert sorted(data["majors"]) == sorted(m.pk for m in majors)
    assert data["modes"] == ["curriculum", "order_training"]
    assert data["owner"] == tom.pk and data["school_investment"] == "150000.00"
    url = f"/api/v1/agreements/{data['id']}/"

    refused = client.post(url + "activate/")
    assert refused.status_code == 400
    assert refused.json()["code"] == "signed_on_required"
    assert (
        client.patch(url, {"signed_on": str(TODAY), "modes": ["curriculum"]}).json()["depth"]
        == "middle"
    )
    activated = client.post(url + "activate/")
    assert activated.status_code == 200 and activated.json()["status"] == "active"
    reviews = client.get(f"/api/v1/reviews/?agreement={data['id']}").json()["results"]
    assert [r["status"] for r in reviews] == ["pending"]

    renewed = client.post(url + "renew/", {"ends_on": str(TODAY + timedelta(days=6 * 365))})
    assert renewed.status_code == 201, renewed.content
    assert renewed.json()["renews"] == data["id"] and renewed.json()["status"] == "draft"

    for missing in ({}, {"reason": " "}):
        refused = client.post(url + "terminate/", missing)
        assert refused.status_code == 400 and refused.json()["code"] == "reason_required"
    terminated = client.post(url + "terminate/", {"reason": "The workshop closed."})
    assert terminated.status_code == 200 and terminated.json()["status"] == "terminated"
    again = client.post(url + "terminate/", {"reason": "again"})
    assert again.status_code == 400 and again.json()["code"] == "invalid_transition"
    assert client.post(url + "activate/").json()["code"] == "invalid_transition"


def test_owner_defaults_to_the_creator(api, alice, enterprise):
    data = api.as_(alice).post("/api/v1/agreements/", body(enterprise)).json()
    assert data["owner"] == alice.pk and data["modes"] == [] and data["depth"] == "shallow"


@pytest.mark.parametrize(
    "extra,field",
    [
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"ends_on": "not-a-date"}, "ends_on"),
        ({"modes": ["telepathy"]}, "modes"),
        ({"modes": "order_training"}, "modes"),
        ({"majors": [999999]}, "majors"),
        ({"majors": ["x"]}, "majors"),
        ({"school_investment": "-1"}, "school_investment"),
        ({"school_investment": "1e20"}, "school_investment"),
        ({"enterprise": 999999}, "enterprise"),
        ({"title": ""}, "title"),
        ({"owner": 999999}, "owner"),
        ({"enterprise": 10**30}, "enterprise"),
        ({"majors": [10**30]}, "majors"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, alice, enterprise, extra, field):
    response = api.as_(alice).post("/api/v1/agreements/", {**body(enterprise), **extra})
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not CooperationAgreement.objects.exists()


def test_read_only_fields_are_ignored_on_input(api, alice, enterprise):
    data = (
        api.as_(alice)
        .post("/api/v1/agreements/", body(enterprise, status="active", number="X-1", depth="deep"))
        .json()
    )
    assert data["status"] == "draft" and data["number"] != "X-1" and data["depth"] == "shallow"


def test_a_non_staff_owner_is_refused(api, alice, rita, enterprise):
    response = api.as_(alice).post("/api/v1/agreements/", body(enterprise, owner=rita.pk))
    assert response.status_code == 400 and response.json()["code"] == "owner_not_staff"


def test_renew_needs_a_valid_end_date(api, alice):
    active = AgreementFactory(status=S.ACTIVE)
    client = api.as_(alice)
    url = f"/api/v1/agreements/{active.pk}/renew/"
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"ends_on": "tomorrow"}).status_code == 400
    early = client.post(url, {"ends_on": str(active.ends_on)})
    assert early.status_code == 400 and early.json()["code"] == "ends_before_start"


def test_only_drafts_can_be_deleted(api, alice):
    client = api.as_(alice)
    draft, active = AgreementFactory(), AgreementFactory(status=S.ACTIVE)
    assert client.delete(f"/api/v1/agreements/{draft.pk}/").status_code == 204
    response = client.delete(f"/api/v1/agreements/{active.pk}/")
    assert response.status_code == 400 and response.json()["code"] == "invalid_transition"


def test_filters(api, alice):
    client = api.as_(alice)
    major = MajorFactory()
    deep = AgreementFactory(status=S.ACTIVE, modes=["apprenticeship"], majors=[major])
    middle = AgreementFactory(
        status=S.ACTIVE, modes=["curriculum"], ends_on=TODAY + timedelta(days=45)
    )
    draft = AgreementFactory(modes=["employment"], enterprise=deep.enterprise)

    def ids(query):
        response = client.get(f"/api/v1/agreements/?{query}")
        assert response.status_code == 200, response.content
        return {r["id"] for r in response.json()["results"]}

    assert ids("status=draft") == {draft.pk}
    assert ids(f"enterprise={deep.enterprise_id}") == {deep.pk, draft.pk}
    assert ids(f"major={major.pk}") == {deep.pk}
    assert ids("depth=middle") == {middle.pk}
    assert ids("mode=apprenticeship") == {deep.pk}
    assert ids("mode=employment") == {draft.pk}
    assert ids("expiring_within_days=90") == {middle.pk}
    assert ids("expiring_within_days=0") == set()
    assert ids(f"search={deep.number}") == {deep.pk}
    ordered = client.get("/api/v1/agreements/?ordering=ends_on").json()["results"]
    assert ordered[0]["id"] == middle.pk


@pytest.mark.parametrize(
    "query",
    [
        "status=gone",
        "depth=abyss",
        "mode=x",
        "enterprise=abc",
        "enterprise=99999999999999999999999",
        "major=-1",
        "expiring_within_days=-5",
        "expiring_within_days=1.5",
        "expiring_within_days=100000",
        "ordering=owner__password",
        "page=0",
    ],
)
def test_malformed_filters_are_a_400(api, alice, query):
    AgreementFactory()
    assert api.as_(alice).get(f"/api/v1/agreements/?{query}").status_code == 400


def test_a_liaison_sees_their_enterprises_agreements_read_only(api, lily, enterprise):
    own = AgreementFactory(enterprise=enterprise, status=S.ACTIVE)
    foreign = AgreementFactory(status=S.ACTIVE)
    client = api.as_(lily)
    assert [r["id"] for r in client.get("/api/v1/agreements/").json()["results"]] == [own.pk]
    assert client.get(f"/api/v1/agreements/{foreign.pk}/").status_code == 404
    assert (
        client.get(f"/api/v1/agreements/?enterprise={foreign.enterprise_id}").json()["count"] == 0
    )
    assert client.patch(f"/api/v1/agreements/{own.pk}/", {"title": "x"}).status_code == 403
    assert (
        client.post(f"/api/v1/agreements/{own.pk}/terminate/", {"reason": "x"}).status_code == 403
    )
    assert client.post("/api/v1/agreements/", body(enterprise)).status_code == 403
    reviews = client.get("/api/v1/reviews/").json()["results"]
    assert [r["agreement"] for r in reviews] == [own.pk]
    foreign_review = foreign.reviews.get()
    assert client.get(f"/api/v1/reviews/{foreign_review.pk}/").status_code == 404


def test_a_teacher_reads_but_does_not_act(api, tom):
    agreement = AgreementFactory()
    client = api.as_(tom)
    assert client.get(f"/api/v1/agreements/{agreement.pk}/").status_code == 200
    assert client.post(f"/api/v1/agreements/{agreement.pk}/activate/").status_code == 403
    assert client.delete(f"/api/v1/agreements/{agreement.pk}/").status_code == 403


def test_a_reporter_and_anonymous_are_refused(api, rita):
    agreement = AgreementFactory()
    assert api.get("/api/v1/agreements/").status_code == 401
    client = api.as_(rita)
    assert client.get("/api/v1/agreements/").status_code == 403
    assert client.get(f"/api/v1/agreements/{agreement.pk}/").status_code == 403
    assert client.get("/api/v1/reviews/").status_code == 403


def test_the_list_costs_the_same_queries_for_5_and_200_rows(api, alice, django_assert_num_queries):
    client = api.as_(alice)
    enterprise = EnterpriseFactory()
    owner = alice
    majors = MajorFactory.create_batch(3)
    AgreementFactory.create_batch(5, enterprise=enterprise, owner=owner, majors=majors)
    # token + user, caller's groups, count, page, then the page's majors and
    # modes in one query (PostgreSQL reads them as arrays in the page query)
    queries = 4 if connection.vendor == "postgresql" else 5
    with django_assert_num_queries(queries):
        assert client.get("/api/v1/agreements/?page_size=200").status_code == 200
    AgreementFactory.create_batch(195, enterprise=enterprise, owner=owner, majors=majors)
    with django_assert_num_queries(queries):
        assert len(client.get("/api/v1/agreements/?page_size=200").json()["results"]) == 200


def test_a_liaisons_list_costs_one_more_query_for_the_profile(
    api, lily, enterprise, django_assert_num_queries
):
    client = api.as_(lily)
    AgreementFactory.create_batch(3, enterprise=enterprise)
    # token + user, groups, profile (their enterprise), count, page, majors and
    # modes (with the page on PostgreSQL)
    with django_assert_num_queries(5 if connection.vendor == "postgresql" else 6):
        assert client.get("/api/v1/agreements/").json()["count"] == 3
