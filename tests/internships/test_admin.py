import pytest

from internships.models import Placement, Position
from tests.internships.factories import START, PlacementFactory, PositionFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_alice(client, alice):
    alice.is_superuser = True
    alice.save()
    client.force_login(alice)
    return client


def test_every_internship_model_has_an_admin_page(as_alice):
    placement = PlacementFactory(status="active")
    for path in ["student", "position", "placement", "attendance", "placementlog", "evaluation"]:
        assert as_alice.get(f"/admin/internships/{path}/").status_code == 200, path
    assert as_alice.get(f"/admin/internships/placement/{placement.pk}/change/").status_code == 200


def test_the_admin_refuses_a_broken_rule_next_to_its_field(as_alice, enterprise):
    data = {
        "enterprise": enterprise.pk,
        "title": "Night packer",
        "kind": "cognitive",
        "capacity": 2,
        "starts_on": "2026-09-01",
        "ends_on": "2026-10-01",
        "daily_hours": "10",
        "exception_filing": "",
        "monthly_pay": "0",
        "post_wage": "0",
        "post_headcount": "0",
    }
    refused = as_alice.post("/admin/internships/position/add/", data)
    assert refused.status_code == 200
    assert "daily_hours" in refused.context["adminform"].form.errors
    assert not Position.objects.exists()
    assert (
        as_alice.post("/admin/internships/position/add/", {**data, "daily_hours": "8"}).status_code
        == 302
    )
    assert Position.objects.count() == 1


def test_the_admin_creates_a_placement_through_the_service(as_alice):
    position = PositionFactory(capacity=1)
    PlacementFactory(position=position)
    data = {
        "student": StudentFactory().pk,
        "position": position.pk,
        "starts_on": str(START),
        "ends_on": str(position.ends_on),
        "hired": "unknown",
        "mentor_name": "",
        "insurance_policy": "",
        # the inlines' (empty) management forms
        **{
            f"{prefix}-{key}": value
            for prefix in ("attendance", "logs", "evaluations")
            for key, value in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0")]
        },
    }
    refused = as_alice.post("/admin/internships/placement/add/", data)
    assert refused.status_code == 200
    assert "position" in refused.context["adminform"].form.errors
    assert Placement.objects.count() == 1
    ok = as_alice.post(
        "/admin/internships/placement/add/", {**data, "position": PositionFactory().pk}
    )
    assert ok.status_code == 302, _debug(ok)
    assert Placement.objects.count() == 2


def _debug(response):
    return response.context["adminform"].form.errors
