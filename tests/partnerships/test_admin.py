import pytest

from partnerships.models import CooperationAgreement
from tests.partnerships.factories import AgreementFactory, WorkstationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(alice):
    alice.is_superuser = True  # the admin site's model permissions
    alice.save(update_fields=["is_superuser"])
    return alice


@pytest.mark.parametrize(
    "model",
    ["cooperationagreement", "annualreview", "agreementdocument", "agreementevent", "workstation"],
)
def test_admin_pages_render(client, alice, model):
    agreement = AgreementFactory(status=CooperationAgreement.Status.ACTIVE)
    WorkstationFactory(agreement=agreement)
    client.force_login(alice)
    assert client.get(f"/admin/partnerships/{model}/").status_code == 200
    assert client.get(f"/admin/partnerships/{model}/add/").status_code == 200
    assert (
        client.get(f"/admin/partnerships/cooperationagreement/{agreement.pk}/change/").status_code
        == 200
    )


def test_an_agreement_added_in_the_admin_gets_a_number_and_its_depth(client, alice, enterprise):
    client.force_login(alice)
    response = client.post(
        "/admin/partnerships/cooperationagreement/add/",
        {
            "title": "Admin-made",
            "enterprise": enterprise.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2028-12-31",
            "owner": alice.pk,
            "school_investment": "0",
            "enterprise_investment": "0",
            "mode_rows-TOTAL_FORMS": "1",
            "mode_rows-INITIAL_FORMS": "0",
            "mode_rows-0-code": "joint_rnd",
            "reviews-TOTAL_FORMS": "0",
            "reviews-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = CooperationAgreement.objects.get(title="Admin-made")
    assert agreement.number.startswith("HZ-") and agreement.depth == "deep"
