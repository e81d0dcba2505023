import pytest

from partnerships.models import CooperationAgreement, Workstation
from tests.partnerships.factories import AgreementFactory, WorkstationFactory

pytestmark = pytest.mark.django_db
S = CooperationAgreement.Status
FIELDS = {
    "id",
    "enterprise",
    "agreement",
    "name",
    "enterprise_leader_name",
    "enterprise_leader_title",
    "school_leader",
    "members",
    "activities",
    "established_on",
}


def test_an_administrator_creates_a_workstation_with_two_leaders(api, alice, tom, enterprise):
    agreement = AgreementFactory(enterprise=enterprise, status=S.ACTIVE, modes=["workstation"])
    client = api.as_(alice)
    body = {
        "agreement": agreement.pk,
        "name": "工业机器人技能大师工作站 Robotics master workstation",
        "enterprise_leader_name": "刘建华",
        "school_leader": tom.pk,
        "members": "张伟\n李娜",
    }
    response = client.post("/api/v1/workstations/", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == FIELDS and data["enterprise"] == enterprise.pk
    missing = client.post(
        "/api/v1/workstations/", {**body, "name": "B", "enterprise_leader_name": ""}
    )
    assert missing.status_code == 400 and "enterprise_leader_name" in missing.json()
    no_school = client.post(
        "/api/v1/workstations/", {k: v for k, v in body.items() if k != "school_leader"}
    )
    assert no_school.status_code == 400 and "school_leader" in no_school.json()
    other = AgreementFactory(status=S.ACTIVE)
    mismatch = client.post(
        "/api/v1/workstations/", {**body, "name": "C", "enterprise": other.enterprise_id}
    )
    assert (
        mismatch.status_code == 400 and mismatch.json()["code"] == "agreement_enterprise_mismatch"
    )
    dup = client.post("/api/v1/workstations/", body)
    assert dup.status_code == 400 and dup.json()["code"] == "workstation_name_taken"
    patched = client.patch(f"/api/v1/workstations/{data['id']}/", {"activities": "Skills contest"})
    assert patched.status_code == 200 and patched.json()["activities"] == "Skills contest"


def test_roles(api, tom, lily, leo, rita, enterprise):
    own = WorkstationFactory(agreement=AgreementFactory(enterprise=enterprise, status=S.ACTIVE))
    assert api.as_(lily).get("/api/v1/workstations/").json()["count"] == 1
    assert api.as_(leo).get(f"/api/v1/workstations/{own.pk}/").status_code == 404
    assert api.as_(lily).patch(f"/api/v1/workstations/{own.pk}/", {"name": "x"}).status_code == 403
    assert api.as_(tom).delete(f"/api/v1/workstations/{own.pk}/").status_code == 403
    assert api.as_(rita).get("/api/v1/workstations/").status_code == 403
    assert Workstation.objects.get().name == own.name


def test_the_list_costs_the_same_queries_for_5_and_40_rows(api, alice, django_assert_num_queries):
    client = api.as_(alice)
    agreement = AgreementFactory(status=S.ACTIVE)
    WorkstationFactory.create_batch(5, agreement=agreement)
    # token + user, groups, count, page
    with django_assert_num_queries(4):
        assert client.get("/api/v1/workstations/?page_size=200").status_code == 200
    WorkstationFactory.create_batch(35, agreement=agreement)
    with django_assert_num_queries(4):
        assert client.get("/api/v1/workstations/?page_size=200").json()["count"] == 40
