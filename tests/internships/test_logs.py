"""Placement logs: who writes which kind, who changes a log, and its trail."""

import pytest

from audit.models import AuditEvent
from common.exceptions import RuleError
from internships import services
from internships.models import Placement, PlacementLog
from tests.accounts.factories import UserFactory
from tests.internships.factories import START, PlacementFactory, PositionFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/placement-logs/"


@pytest.fixture
def active(enterprise, tom):
    return PlacementFactory(
        position=PositionFactory(enterprise=enterprise),
        supervisor=tom,
        status=Placement.Status.ACTIVE,
    )


def _body(placement, kind="weekly", text="Learned the lathe"):
    return {"placement": placement.pk, "kind": kind, "date": str(START), "text": text}


# -- who writes a visit -------------------------------------------------------------


def test_a_liaison_may_not_record_a_supervision_visit(api, lily, active):
    response = api.as_(lily).post(URL, _body(active, kind="visit"))
    assert response.status_code == 400
    assert response.json() == {
        "kind": ["Only teachers and administrators record supervision visits."],
        "code": "visit_not_allowed",
    }
    assert not PlacementLog.objects.exists()
    # The same liaison's weekly report and incident go through.
    assert api.as_(lily).post(URL, _body(active)).status_code == 201
    assert api.as_(lily).post(URL, _body(active, kind="incident")).status_code == 201


def test_the_supervising_teacher_and_an_administrator_record_visits(api, tom, alice, active):
    for user in (tom, alice):
        response = api.as_(user).post(URL, _body(active, kind="visit", text=f"By {user}"))
        assert response.status_code == 201, response.content
    authors = set(
        PlacementLog.objects.filter(kind="visit").values_list("author__username", flat=True)
    )
    assert authors == {"tom", "alice"}


def test_a_liaison_may_not_turn_their_report_into_a_visit(api, lily, active):
    log = services.placement_log_create(
        placement=active, kind="weekly", date=START, text="Week one", author=lily
    )
    response = api.as_(lily).patch(f"{URL}{log.pk}/", {"kind": "visit"})
    assert response.status_code == 400
    assert response.json()["code"] == "visit_not_allowed"
    log.refresh_from_db()
    assert log.kind == "weekly"


# -- who changes a log --------------------------------------------------------------


def test_only_the_author_or_an_administrator_edits_a_log(api, lily, tom, alice, enterprise, active):
    log = services.placement_log_create(
        placement=active, kind="weekly", date=START, text="Week one", author=lily
    )
    colleague = UserFactory(role="liaison", role__enterprise=enterprise)
    for user in (tom, colleague):
        refused = api.as_(user).patch(f"{URL}{log.pk}/", {"text": "Rewritten"})
        assert refused.status_code == 403, user
        assert refused.json()["code"] == "log_not_author"
    log.refresh_from_db()
    assert log.text == "Week one"
    assert api.as_(lily).patch(f"{URL}{log.pk}/", {"text": "Week one, fixed"}).status_code == 200
    assert api.as_(alice).patch(f"{URL}{log.pk}/", {"text": "Checked"}).status_code == 200
    log.refresh_from_db()
    assert log.text == "Checked"
    assert log.author == lily  # editing does not take over the authorship


def test_a_teachers_visit_is_not_the_liaisons_to_edit(api, lily, tom, active):
    visit = services.placement_log_create(
        placement=active, kind="visit", date=START, text="Visited the line", author=tom
    )
    response = api.as_(lily).put(f"{URL}{visit.pk}/", _body(active, kind="visit", text="No"))
    assert response.status_code == 403
    assert response.json()["code"] == "log_not_author"
    assert api.as_(tom).patch(f"{URL}{visit.pk}/", {"text": "Visited twice"}).status_code == 200


def test_only_the_author_or_an_administrator_deletes_a_log(lily, tom, alice, active):
    log = services.placement_log_create(
        placement=active, kind="weekly", date=START, text="Week one", author=lily
    )
    with pytest.raises(RuleError) as refused:
        services.placement_log_delete(log=log, actor=tom)
    assert refused.value.code == "log_not_author"
    assert PlacementLog.objects.filter(pk=log.pk).exists()
    services.placement_log_delete(log=log, actor=lily)
    assert not PlacementLog.objects.filter(pk=log.pk).exists()
    other = services.placement_log_create(
        placement=active, kind="weekly", date=START, text="Week two", author=lily
    )
    services.placement_log_delete(log=other, actor=alice)
    assert not PlacementLog.objects.exists()


def test_through_the_api_the_author_or_an_administrator_deletes(api, lily, tom, alice, active):
    mine = services.placement_log_create(
        placement=active, kind="weekly", date=START, text="Week one", author=lily
    )
    theirs = services.placement_log_create(
        placement=active, kind="visit", date=START, text="Visited", author=tom
    )
    refused = api.as_(lily).delete(f"{URL}{theirs.pk}/")
    assert refused.status_code == 403
    assert refused.json()["code"] == "log_not_author"
    assert api.as_(tom).delete(f"{URL}{mine.pk}/").json()["code"] == "log_not_author"
    assert api.as_(lily).delete(f"{URL}{mine.pk}/").status_code == 204
    assert api.as_(alice).delete(f"{URL}{theirs.pk}/").status_code == 204
    assert not PlacementLog.objects.exists()


# -- the browser and the portal ----------------------------------------------------


def test_the_portal_offers_no_visit_and_refuses_a_forged_one(client, lily, active):
    client.force_login(lily)
    page = client.get(f"/portal/interns/{active.pk}/")
    kinds = [v for v, _label in page.context["log_form"].fields["kind"].choices if v]
    assert kinds == ["weekly", "incident"]
    assert 'value="visit"' not in page.content.decode()
    response = client.post(
        f"/portal/interns/{active.pk}/logs/", _body(active, kind="visit"), follow=True
    )
    assert "Only teachers and administrators record supervision visits." in (
        response.content.decode()
    )
    assert not PlacementLog.objects.exists()


def test_the_supervising_teacher_records_a_visit_on_the_placement_page(client, tom, active):
    client.force_login(tom)
    client.post(f"/internships/placements/{active.pk}/logs/", _body(active, kind="visit"))
    assert PlacementLog.objects.get().author == tom


# -- the audit trail ----------------------------------------------------------------


def test_creating_editing_and_deleting_a_log_leave_audit_events(api, lily, alice, active):
    created = api.as_(lily).post(URL, _body(active), HTTP_X_REQUEST_ID="log-1")
    pk = created.json()["id"]
    api.as_(lily).patch(f"{URL}{pk}/", {"text": "Learned the mill"})
    api.as_(alice).delete(f"{URL}{pk}/")
    events = list(
        AuditEvent.objects.filter(object_type="internships.placementlog", object_id=str(pk))
        .order_by("id")
        .values_list("action", "actor__username", "source")
    )
    assert events == [
        ("create", "lily", "api"),
        ("update", "lily", "api"),
        ("delete", "alice", "api"),
    ]
    first, edit = AuditEvent.objects.filter(
        object_type="internships.placementlog", object_id=str(pk)
    ).order_by("id")[:2]
    assert first.request_id == "log-1"
    assert first.changes["placement_id"] == [None, active.pk]
    assert edit.changes == {"text": ["Learned the lathe", "Learned the mill"]}
