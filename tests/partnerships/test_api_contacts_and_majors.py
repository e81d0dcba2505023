import pytest

from partnerships.models import EnterpriseContact
from tests.partnerships.factories import (
    DepartmentFactory,
    EnterpriseContactFactory,
    EnterpriseFactory,
    MajorFactory,
)

pytestmark = pytest.mark.django_db


def test_contacts_are_added_and_the_primary_moves(api, alice, enterprise):
    client = api.as_(alice)
    first = client.post(
        "/api/v1/enterprise-contacts/",
        {"enterprise": enterprise.pk, "name": "Zhang Wei", "is_primary": True},
    )
    assert first.status_code == 201, first.content
    second = client.post(
        "/api/v1/enterprise-contacts/",
        {"enterprise": enterprise.pk, "name": "Li Na", "is_primary": True},
    )
    assert second.status_code == 201
    primary = EnterpriseContact.objects.get(is_primary=True)
    assert primary.name == "Li Na"
    bad = client.post("/api/v1/enterprise-contacts/", {"enterprise": enterprise.pk, "email": "x"})
    assert bad.status_code == 400 and {"name", "email"} <= set(bad.json())


def test_a_liaison_reads_only_their_contacts(api, lily, enterprise, other_enterprise):
    own = EnterpriseContactFactory(enterprise=enterprise)
    foreign = EnterpriseContactFactory(enterprise=other_enterprise)
    client = api.as_(lily)
    assert [c["id"] for c in client.get("/api/v1/enterprise-contacts/").json()["results"]] == [
        own.pk
    ]
    assert client.get(f"/api/v1/enterprise-contacts/{foreign.pk}/").status_code == 404
    assert client.patch(f"/api/v1/enterprise-contacts/{own.pk}/", {"name": "x"}).status_code == 403


@pytest.mark.parametrize(
    "url,make",
    [
        (
            "/api/v1/enterprise-contacts/",
            lambda n: EnterpriseContactFactory.create_batch(n, enterprise=EnterpriseFactory()),
        ),
        ("/api/v1/majors/", lambda n: MajorFactory.create_batch(n, department=DepartmentFactory())),
        ("/api/v1/departments/", lambda n: DepartmentFactory.create_batch(n)),
    ],
)
def test_lists_cost_the_same_queries_for_5_and_100_rows(
    api, alice, django_assert_num_queries, url, make
):
    client = api.as_(alice)
    make(5)
    # token + user, groups, count, page
    with django_assert_num_queries(4):
        assert client.get(url + "?page_size=200").status_code == 200
    make(95)
    with django_assert_num_queries(4):
        assert client.get(url + "?page_size=200").json()["count"] >= 100


def test_majors_filter_by_deep_partner(api, alice):
    from partnerships.models import CooperationAgreement
    from tests.partnerships.factories import AgreementFactory

    covered, uncovered = MajorFactory.create_batch(2)
    AgreementFactory(
        status=CooperationAgreement.Status.ACTIVE, modes=["apprenticeship"], majors=[covered]
    )
    client = api.as_(alice)
    ids = lambda q: [m["id"] for m in client.get(f"/api/v1/majors/?{q}").json()["results"]]  # noqa: E731
    assert ids("without_deep_partner=true") == [uncovered.pk]
    assert ids("without_deep_partner=false") == [covered.pk]
