import pytest

from audit.context import audit_context
from audit.models import AuditEvent
from partnerships import services
from partnerships.models import Enterprise
from tests.partnerships.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def events_for(enterprise):
    return AuditEvent.objects.filter(
        object_type="partnerships.enterprise", object_id=str(enterprise.pk)
    ).order_by("id")


def test_an_api_change_records_who_what_and_the_request(api, alice):
    enterprise = EnterpriseFactory(workforce=100)
    response = api.as_(alice).patch(
        f"/api/v1/enterprises/{enterprise.pk}/", {"workforce": 150}, HTTP_X_REQUEST_ID="req-42"
    )
    assert response.status_code == 200
    event = events_for(enterprise).last()
    assert event.action == "update"
    assert event.actor == alice
    assert event.changes == {"workforce": [100, 150]}
    assert event.request_id == "req-42"
    assert event.source == "api"
    assert response["X-Request-ID"] == "req-42"


def test_a_creation_and_a_deletion_are_recorded(alice):
    with audit_context(source="command", actor=alice):
        enterprise = services.enterprise_create(name="Benxi Steel Parts", workforce=80)
        pk = enterprise.pk
        enterprise.delete()
    actions = list(
        AuditEvent.objects.filter(object_id=str(pk), object_type="partnerships.enterprise")
        .order_by("id")
        .values_list("action", "actor__username", "source")
    )
    assert actions == [("create", "alice", "command"), ("delete", "alice", "command")]


def test_a_bulk_update_is_recorded_per_row(alice):
    first, second = EnterpriseFactory(status="active"), EnterpriseFactory(status="active")
    with audit_context(source="task", actor=alice):
        Enterprise.objects.filter(pk__in=[first.pk, second.pk]).update(status="dormant")
    for enterprise in (first, second):
        assert events_for(enterprise).last().changes == {"status": ["active", "dormant"]}


def test_an_unchanged_save_records_nothing():
    enterprise = EnterpriseFactory()
    before = events_for(enterprise).count()
    enterprise.save()
    assert events_for(enterprise).count() == before


def test_an_admin_site_change_is_recorded(client, db):
    from django.contrib.auth.models import User

    root = User.objects.create_superuser("root", "root@example.com", "x-Strong-pass-1")
    client.force_login(root)
    enterprise = EnterpriseFactory(city="Dalian")
    data = {
        "name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "industry": "",
        "size": "medium",
        "city": "Jinzhou",
        "workforce": 500,
        "status": "active",
        "notes": "",
        "contacts-TOTAL_FORMS": 0,
        "contacts-INITIAL_FORMS": 0,
    }
    response = client.post(f"/admin/partnerships/enterprise/{enterprise.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    event = events_for(enterprise).last()
    assert event.changes["city"] == ["Dalian", "Jinzhou"]
    assert event.actor == root and event.source == "admin"


def test_the_history_is_on_the_page_and_exportable(client, alice):
    enterprise = EnterpriseFactory()
    services.enterprise_update(enterprise=enterprise, city="Fushun")
    client.force_login(alice)
    page = client.get(f"/partnerships/enterprises/{enterprise.pk}/").content.decode()
    assert "History" in page and "Changed" in page
    export = client.get(
        f"/audit/export/?object_type=partnerships.enterprise&object_id={enterprise.pk}"
    )
    body = export.content.decode("utf-8-sig")
    assert export["Content-Type"].startswith("text/csv")
    assert "Fushun" in body and body.splitlines()[0].startswith("at,actor,action")


def test_only_administrators_export_the_trail(client, tom):
    client.force_login(tom)
    assert client.get("/audit/export/").status_code == 403


def test_the_daily_expiry_of_agreements_is_recorded(alice):
    import datetime

    from partnerships.models import CooperationAgreement
    from tests.partnerships.factories import AgreementFactory

    agreement = AgreementFactory(status=CooperationAgreement.Status.ACTIVE)
    with audit_context(source="task"):
        services.agreement_expire_due(today=agreement.ends_on + datetime.timedelta(days=1))
    event = AuditEvent.objects.filter(
        object_type="partnerships.cooperationagreement", object_id=str(agreement.pk)
    ).first()  # newest first
    assert event.changes["status"] == ["active", "expired"]
    assert event.source == "task"


def test_a_placement_change_is_recorded(alice):
    from internships import services as internship_services
    from tests.internships.factories import PlacementFactory

    placement = PlacementFactory(status="active")
    with audit_context(source="web", actor=alice):
        internship_services.placement_terminate(placement=placement, reason="Moved away")
    types = set(
        AuditEvent.objects.filter(object_id=str(placement.pk)).values_list("object_type", flat=True)
    )
    assert "internships.placement" in types


@pytest.mark.parametrize(
    "query", ["object_type=%00", "object_type=internships", "object_id=%00", "object_id=1;2"]
)
def test_a_malformed_audit_export_filter_is_a_400(client, alice, query):
    client.force_login(alice)
    response = client.get(f"/audit/export/?{query}")
    assert response.status_code == 400
