import pytest

from partnerships.models import Enterprise
from tests.partnerships.factories import EnterpriseFactory, make_credit_code

pytestmark = pytest.mark.django_db

FIELDS = {
    "id",
    "name",
    "credit_code",
    "industry",
    "size",
    "city",
    "workforce",
    "is_integration_enterprise",
    "status",
}


def test_an_administrator_creates_and_edits_an_enterprise(api, alice):
    client = api.as_(alice)
    body = {
        "name": "沈阳新松机器人自动化股份有限公司",
        "credit_code": make_credit_code(7).lower(),
        "industry": "工业机器人",
        "size": "large",
        "city": "沈阳",
        "workforce": 4000,
        "is_integration_enterprise": True,
        "status": "active",
    }
    created = client.post("/api/v1/enterprises/", body)
    assert created.status_code == 201, created.content
    data = created.json()
    assert set(data) == FIELDS
    assert data["credit_code"] == make_credit_code(7)
    patched = client.patch(f"/api/v1/enterprises/{data['id']}/", {"workforce": 4200})
    assert patched.status_code == 200
    assert Enterprise.objects.get(pk=data["id"]).workforce == 4200


def test_credit_codes_are_unique_and_checked(api, alice):
    EnterpriseFactory(credit_code=make_credit_code(1))
    client = api.as_(alice)
    taken = client.post("/api/v1/enterprises/", {"name": "B", "credit_code": make_credit_code(1)})
    assert taken.status_code == 400
    assert taken.json()["code"] == "credit_code_taken"
    code = make_credit_code(2)
    broken = code[:-1] + ("0" if code[-1] != "0" else "1")
    bad = client.post("/api/v1/enterprises/", {"name": "C", "credit_code": broken})
    assert bad.status_code == 400
    assert bad.json()["code"] == "credit_code_invalid"
    assert "credit_code" in bad.json()
    # Several enterprises may have no code at all.
    assert client.post("/api/v1/enterprises/", {"name": "D", "credit_code": ""}).status_code == 201
    assert client.post("/api/v1/enterprises/", {"name": "E"}).status_code == 201


def test_filters_narrow_the_list(api, alice):
    # No credit codes: a generated one may contain the letter searched for.
    EnterpriseFactory(
        name="A",
        status="active",
        size="large",
        city="Dalian",
        industry="Logistics",
        credit_code=None,
    )
    EnterpriseFactory(name="B", status="prospect", size="small", city="Shenyang", credit_code=None)
    client = api.as_(alice)
    names = lambda q: [r["name"] for r in client.get(f"/api/v1/enterprises/?{q}").json()["results"]]  # noqa: E731
    assert names("status=active") == ["A"]
    assert names("size=small") == ["B"]
    assert names("city=dalian") == ["A"]
    assert names("industry=Logistics") == ["A"]
    assert names("search=B") == ["B"]
    assert names("ordering=-name") == ["B", "A"]


def test_a_liaison_sees_only_their_enterprise_read_only(api, lily, enterprise, other_enterprise):
    client = api.as_(lily)
    results = client.get("/api/v1/enterprises/").json()["results"]
    assert [r["id"] for r in results] == [enterprise.pk]
    assert client.patch(f"/api/v1/enterprises/{enterprise.pk}/", {"city": "X"}).status_code == 403
    assert client.post("/api/v1/enterprises/", {"name": "New"}).status_code == 403


def test_a_teacher_reads_but_does_not_write(api, tom, enterprise):
    client = api.as_(tom)
    assert client.get(f"/api/v1/enterprises/{enterprise.pk}/").status_code == 200
    assert client.delete(f"/api/v1/enterprises/{enterprise.pk}/").status_code == 403


def test_the_list_costs_the_same_queries_for_5_and_200_rows(api, alice, django_assert_num_queries):
    client = api.as_(alice)
    EnterpriseFactory.create_batch(5)
    # token + user, caller's groups, count, page
    with django_assert_num_queries(4):
        assert client.get("/api/v1/enterprises/?page_size=200").status_code == 200
    EnterpriseFactory.create_batch(195)
    with django_assert_num_queries(4):
        assert len(client.get("/api/v1/enterprises/?page_size=200").json()["results"]) == 200
