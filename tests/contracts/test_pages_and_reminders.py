"""The agreement pages (a student and a liaison sign on their phones), the
certificate, and the reminder of a party that has not signed."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from contracts import reminders, services
from contracts.models import AgreementVersion, InternshipAgreement
from internships.models import Placement
from tests.accounts.factories import UserFactory
from tests.contracts.factories import all_templates, generated, shadow_placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    all_templates()
    placement = shadow_placement()
    student = UserFactory(role="student")
    placement.student.user = student
    placement.student.save()
    admin = UserFactory(role="administrator")
    return {
        "placement": placement,
        "student": student,
        "liaison": UserFactory(role="liaison", role__enterprise=placement.enterprise),
        "admin": admin,
        "agreement": generated(placement, admin),
    }


def _sign_on_page(client, user, agreement, **extra):
    client.force_login(user)
    page = client.get(f"/contracts/{agreement.pk}/")
    assert page.status_code == 200
    sha = services.current_version(agreement).sha256
    assert sha in page.content.decode()
    return client.post(
        f"/contracts/{agreement.pk}/sign/", {"sha256": sha, "agree": "on", **extra}, follow=True
    )


def test_each_party_signs_on_its_page_in_turn(client, world):
    agreement = world["agreement"]
    client.force_login(world["liaison"])
    page = client.get(f"/contracts/{agreement.pk}/").content.decode()
    assert f'action="/contracts/{agreement.pk}/sign/"' not in page  # not their turn
    _sign_on_page(client, world["student"], agreement)
    _sign_on_page(client, world["liaison"], agreement)
    answer = _sign_on_page(client, world["admin"], agreement)
    assert answer.status_code == 200
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    client.force_login(world["student"])
    pdf = client.get(f"/contracts/{agreement.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_an_out_of_turn_post_is_refused_with_a_message(client, world):
    agreement = world["agreement"]
    answer = _sign_on_page(client, world["liaison"], agreement)
    assert agreement.signatures.count() == 0
    assert "not this party" in answer.content.decode()


def test_another_student_gets_404_and_the_list_is_scoped(client, world):
    other = UserFactory(role="student")
    client.force_login(other)
    assert client.get(f"/contracts/{world['agreement'].pk}/").status_code == 404
    assert client.get("/contracts/").status_code == 200
    client.force_login(world["student"])
    assert world["agreement"].number in client.get("/contracts/").content.decode()


def test_paper_upload_and_void_on_the_page(client, world):
    agreement = world["agreement"]
    client.force_login(world["admin"])
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n% scan\n", "application/pdf")
    client.post(f"/contracts/{agreement.pk}/paper/", {"file": scan, "party": "all"})
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    client.post(f"/contracts/{agreement.pk}/void/", {"reason": "duplicate"})
    agreement.refresh_from_db()
    assert agreement.status == "void"


def test_templates_page_and_an_unknown_placeholder(client, world):
    client.force_login(world["admin"])
    assert client.get("/contracts/templates/").status_code == 200
    answer = client.post(
        "/contracts/templates/new/",
        {"kind": "certificate", "title": "证明", "body": "{{nope}}"},
    )
    assert answer.status_code == 200 and "Unknown placeholder" in answer.content.decode()


def test_the_list_page_costs_the_same_for_more_rows(client, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["admin"])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/contracts/?page_size=200").status_code == 200
        return len(captured)

    few = count()
    for _ in range(5):
        generated(shadow_placement(), world["admin"])
    assert count() == few


def test_the_student_downloads_the_certificate_once_completed(client, world):
    client.force_login(world["student"])
    url = f"/contracts/placements/{world['placement'].pk}/certificate/"
    assert client.get(url).status_code == 302  # not completed yet
    Placement.objects.filter(pk=world["placement"].pk).update(status="completed")
    answer = client.get(url)
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF-")
    client.force_login(UserFactory(role="student"))
    assert client.get(url).status_code == 404


def test_a_party_waiting_three_days_is_reminded(world):
    agreement = world["agreement"]
    today = timezone.localdate()
    assert list(reminders.find_awaiting_signature(today)) == []
    AgreementVersion.objects.filter(agreement=agreement).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    due = list(reminders.find_awaiting_signature(today))
    assert [(d.recipient, d.stage) for d in due] == [(world["student"], "student-v1")]
    services.agreement_sign(
        agreement=agreement,
        actor=world["student"],
        sha256=services.current_version(agreement).sha256,
    )
    assert list(reminders.find_awaiting_signature(today)) == []
    later = today + datetime.timedelta(days=3)
    due = list(reminders.find_awaiting_signature(later))
    assert [(d.recipient, d.stage) for d in due] == [(world["liaison"], "enterprise-v1")]
    assert InternshipAgreement.objects.get(pk=agreement.pk).status == "signing"
