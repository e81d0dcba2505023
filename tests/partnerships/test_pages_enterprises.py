import pytest

from partnerships.models import Enterprise
from tests.partnerships.factories import EnterpriseFactory, make_credit_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, alice, password):
    client.force_login(alice)
    return client


def test_the_list_filters_and_paginates(admin_client):
    EnterpriseFactory.create_batch(30, city="Shenyang")
    EnterpriseFactory(name="Dalian Port Logistics", city="Dalian")
    page = admin_client.get("/partnerships/enterprises/?city=Dalian").content.decode()
    assert "Dalian Port Logistics" in page
    assert "1 row" in page
    full = admin_client.get("/partnerships/enterprises/").content.decode()
    assert "31 rows" in full and "Page 1 of 2" in full


def test_the_list_costs_the_same_queries_for_5_and_100_rows(
    admin_client, django_assert_num_queries
):
    EnterpriseFactory.create_batch(5)
    # session, user, groups, unread notifications, count, page (the
    # session, renewed within the minute, is not written)
    with django_assert_num_queries(6):
        admin_client.get("/partnerships/enterprises/?page_size=100")
    EnterpriseFactory.create_batch(95)
    with django_assert_num_queries(6):
        admin_client.get("/partnerships/enterprises/?page_size=100")


def test_the_form_shows_a_bad_credit_code_next_to_the_field(admin_client):
    code = make_credit_code(3)
    broken = code[:-1] + ("0" if code[-1] != "0" else "1")
    response = admin_client.post(
        "/partnerships/enterprises/new/",
        {
            "name": "Tieling Valve",
            "credit_code": broken,
            "size": "small",
            "workforce": 40,
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert "check character" in response.content.decode()
    assert not Enterprise.objects.filter(name="Tieling Valve").exists()


def test_the_form_creates_an_enterprise(admin_client):
    response = admin_client.post(
        "/partnerships/enterprises/new/",
        {
            "name": "Tieling Valve",
            "credit_code": make_credit_code(4),
            "size": "small",
            "workforce": 40,
            "status": "active",
        },
    )
    enterprise = Enterprise.objects.get(name="Tieling Valve")
    assert response["Location"] == f"/partnerships/enterprises/{enterprise.pk}/"
