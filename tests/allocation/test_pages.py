"""The pages: the round and its preview, the student's ranking, the liaison's applicants."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from allocation import services
from allocation.models import AllocationRound, Application, SelfFoundInternship
from internships.models import Placement
from tests.allocation.factories import make_plan, make_round, world
from tests.internships.factories import PositionFactory
from tests.practice.factories import student_user

pytestmark = pytest.mark.django_db


def test_the_administrator_runs_pins_and_publishes_from_the_page(client, alice):
    plan, students, positions = world(n_students=3, capacities=(1, 1))
    round_ = make_round(positions=positions, plan=plan)
    for s in students:
        services.applications_rank(round_=round_, student=s, positions=positions)
    client.force_login(alice)
    url = f"/allocation/{round_.pk}/"
    assert client.post(f"{url}close/").status_code == 302
    client.post(f"{url}run/")
    page = client.get(url).content.decode()
    assert 'data-testid="figures"' in page and "position_full" in page
    round_.refresh_from_db()
    assert round_.status == AllocationRound.Status.PREVIEWED
    unplaced = round_.preview["unplaced"][0]["student"]
    client.post(f"{url}adjust/", {"student": unplaced, "position": positions[0].pk, "kind": "pin"})
    client.post(f"{url}run/")
    round_.refresh_from_db()
    assert {"student": unplaced, "position": positions[0].pk, "rank": 1} in round_.preview[
        "assigned"
    ]
    client.post(f"{url}publish/")
    assert Placement.objects.filter(plan=plan).count() == 2
    # Publishing twice: refused with its message, nothing more made.
    response = client.post(f"{url}publish/", follow=True)
    assert "already been published" in response.content.decode()
    assert Placement.objects.filter(plan=plan).count() == 2
    assert client.post(f"{url}nonsense/").status_code == 404
    assert client.post(f"{url}adjust/", {"student": "x", "position": "1e9"}).status_code == 404


def test_a_round_is_created_from_the_form(client, alice):
    plan, _students, positions = world(n_students=1, capacities=(1,))
    client.force_login(alice)
    response = client.post(
        "/allocation/new/",
        {
            "plan": plan.pk,
            "name": "Round A",
            "opens_at": "2026-05-01T08:00",
            "closes_at": "2026-05-03T18:00",
            "max_choices": 3,
            "positions": [positions[0].pk],
        },
    )
    assert response.status_code == 302
    round_ = AllocationRound.objects.get(name="Round A")
    assert list(round_.positions.all()) == positions
    assert client.get("/allocation/").status_code == 200


def test_the_round_list_costs_the_same_for_many_rows(client, alice):
    plan, _students, positions = world(n_students=1, capacities=(1,))
    make_round(positions=positions, plan=plan)
    client.force_login(alice)
    client.get("/allocation/")
    with CaptureQueriesContext(connection) as one:
        client.get("/allocation/")
    for _ in range(5):
        make_round(positions=positions, plan=plan)
    with CaptureQueriesContext(connection) as six:
        client.get("/allocation/")
    assert len(six) == len(one)


def test_the_student_ranks_on_the_phone_and_sees_the_outcome(client):
    user = student_user("ming")
    student = user.student_record
    positions = [PositionFactory(capacity=1) for _ in range(2)]
    round_ = make_round(positions=positions, plan=make_plan(major=student.major))
    client.force_login(user)
    page = client.get("/allocation/me/").content.decode()
    assert str(round_) in page
    client.post(
        "/allocation/me/",
        {"round": round_.pk, "choice": [positions[1].pk, positions[0].pk, ""]},
    )
    assert list(
        Application.objects.filter(student=student)
        .order_by("rank")
        .values_list("position_id", flat=True)
    ) == [positions[1].pk, positions[0].pk]
    assert client.post("/allocation/me/", {"round": "abc"}).status_code == 404
    services.round_close(round_=round_)
    services.round_run(round_=round_)
    services.round_publish(round_=round_)
    page = client.get("/allocation/me/").content.decode()
    assert 'data-testid="outcome"' in page and positions[1].title in page


def test_the_liaison_decides_on_applicants(client, lily, leo, enterprise):
    user = student_user("ming")
    position = PositionFactory(enterprise=enterprise)
    round_ = make_round(positions=[position], plan=make_plan(major=user.student_record.major))
    application = services.applications_rank(
        round_=round_, student=user.student_record, positions=[position]
    )[0]
    client.force_login(leo)
    assert "ming" not in client.get("/allocation/portal/").content.decode()
    assert (
        client.post(
            f"/allocation/portal/{application.pk}/decide/", {"decision": "rejected"}
        ).status_code
        == 404
    )
    client.force_login(lily)
    assert user.student_record.name in client.get("/allocation/portal/").content.decode()
    client.post(
        f"/allocation/portal/{application.pk}/decide/",
        {"decision": "rejected", "enterprise_rank": "2"},
    )
    application.refresh_from_db()
    assert (application.enterprise_decision, application.enterprise_rank) == ("rejected", 2)


def test_a_self_found_internship_is_declared_approved_and_placed(client, tom):
    from partnerships.models import Enterprise
    from tests.partnerships.factories import VettingFactory, make_credit_code

    user = student_user("ming")
    client.force_login(user)
    code = make_credit_code(991)
    client.post(
        "/allocation/me/self-found/",
        {
            "enterprise_name": "Shenyang Self-Found Works",
            "credit_code": code,
            "post_title": "Assembly",
            "kind": "cognitive",
            "starts_on": "2026-03-02",
            "ends_on": "2026-06-30",
        },
    )
    declaration = SelfFoundInternship.objects.get()
    client.force_login(tom)
    assert "Shenyang Self-Found Works" in client.get("/allocation/self-found/").content.decode()
    client.post(f"/allocation/self-found/{declaration.pk}/decide/", {"decision": "approve"})
    declaration.refresh_from_db()
    assert declaration.status == "approved"
    unit = Enterprise.objects.get(credit_code=code)
    position = PositionFactory(enterprise=unit)
    # Not vetted yet: the normal rules refuse the placement.
    with pytest.raises(services.RuleError) as error:
        services.self_found_place(declaration=declaration, position=position)
    assert error.value.code == "enterprise_not_vetted"
    VettingFactory(enterprise=unit)
    declaration = services.self_found_place(declaration=declaration, position=position)
    assert declaration.status == "placed" and declaration.placement.student == user.student_record
