"""The lists read from values() rows give the serializers' JSON byte for byte."""

import pytest
from rest_framework.renderers import JSONRenderer

from internships import selectors as internship_selectors
from internships.api.serializers import PlacementSerializer
from internships.models import Placement
from partnerships import selectors
from partnerships.api.serializers import AgreementSerializer, EnterpriseSerializer
from partnerships.models import AgreementMode, CooperationAgreement, Enterprise
from tests.bench.generator import generate_data


@pytest.fixture
def data(db):
    generate_data(scale=0.01)
    # Edge cases the generator does not make: a renewal, a missing credit code,
    # two modes whose order differs between code points and collations.
    first, second = CooperationAgreement.objects.order_by("id")[:2]
    CooperationAgreement.objects.filter(pk=second.pk).update(
        renews=first, school_investment="1234.50"
    )
    AgreementMode.objects.filter(agreement=first).delete()
    AgreementMode.objects.bulk_create(
        [AgreementMode(agreement=first, code=c) for c in ("workstation", "work_study")]
    )
    Enterprise.objects.filter(pk=Enterprise.objects.order_by("name")[0].pk).update(credit_code=None)


def _same(api, user, url, serializer_class, queryset):
    response = api.as_(user).get(url)
    assert response.status_code == 200
    page = response.data["results"]
    assert page, url
    expected = serializer_class(list(queryset[: len(page)]), many=True).data
    assert JSONRenderer().render(page) == JSONRenderer().render(expected)


def test_enterprises(api, alice, data):
    queryset = selectors.enterprise_visible_to(alice).order_by("name")
    _same(api, alice, "/api/v1/enterprises/", EnterpriseSerializer, queryset)
    _same(
        api,
        alice,
        "/api/v1/enterprises/?status=active&page_size=7",
        EnterpriseSerializer,
        queryset.filter(status="active"),
    )


def test_agreements(api, alice, data):
    queryset = selectors.agreement_visible_to(alice).order_by("-starts_on", "-id")
    _same(api, alice, "/api/v1/agreements/?page_size=200", AgreementSerializer, queryset)
    _same(
        api,
        alice,
        "/api/v1/agreements/?status=active",
        AgreementSerializer,
        queryset.filter(status="active"),
    )


def test_placements(api, alice, data):
    queryset = internship_selectors.placement_visible_to(alice).order_by("-starts_on", "id")
    _same(api, alice, "/api/v1/placements/?page_size=200", PlacementSerializer, queryset)
    enterprise = Placement.objects.filter(status="active").first().enterprise_id
    _same(
        api,
        alice,
        f"/api/v1/placements/?status=active&enterprise={enterprise}&page_size=100",
        PlacementSerializer,
        queryset.filter(status="active", enterprise_id=enterprise),
    )
    assert Placement.objects.exclude(warnings=[]).exists()
