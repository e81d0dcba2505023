"""The agreement API as a client uses it: draft to sealed PDF, refusals, scoping."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader
from rest_framework.test import APIClient

from contracts import seal
from contracts.models import InternshipAgreement
from tests.accounts.factories import UserFactory
from tests.contracts.factories import all_templates, make_ca, shadow_placement

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def world():
    all_templates()
    placement = shadow_placement()
    student = UserFactory(role="student")
    placement.student.user = student
    placement.student.save()
    return {
        "placement": placement,
        "student": _client(student),
        "liaison": _client(UserFactory(role="liaison", role__enterprise=placement.enterprise)),
        "admin": _client(UserFactory(role="administrator")),
    }


def _generated(world) -> dict:
    created = world["admin"].post(
        "/api/v1/internship-agreements/", {"placement": world["placement"].pk}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "draft"
    generated = world["admin"].post(
        f"/api/v1/internship-agreements/{created.json()['id']}/generate/", format="json"
    )
    assert generated.status_code == 200, generated.content
    return generated.json()


def test_from_draft_to_sealed_pdf_with_one_party_on_paper(world, settings, tmp_path):
    ca = make_ca(tmp_path)
    settings.CONTRACTS_SEAL_PKCS12 = ca["pkcs12"]
    settings.CONTRACTS_SEAL_PASSPHRASE = ca["passphrase"]
    settings.CONTRACTS_SEAL_TRUST_ROOTS = [ca["root"]]
    body = _generated(world)
    url = f"/api/v1/internship-agreements/{body['id']}"
    assert body["status"] == "signing" and len(body["sha256"]) == 64
    assert body["next_party"] == "student" and body["template_version"] >= 1
    pdf = world["student"].get(f"{url}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    signed = world["student"].post(
        f"{url}/sign/", {"sha256": body["sha256"]}, format="json", REMOTE_ADDR="192.0.2.9"
    )
    assert signed.status_code == 200, signed.content
    assert signed.json()["next_party"] == "enterprise"
    scan = SimpleUploadedFile("enterprise.pdf", b"%PDF-1.4\n% paper\n", "application/pdf")
    paper = world["admin"].post(
        f"{url}/upload_paper/", {"file": scan, "party": "enterprise"}, format="multipart"
    )
    assert paper.status_code == 200, paper.content
    done = world["admin"].post(f"{url}/sign/", {"sha256": body["sha256"]}, format="json")
    assert done.status_code == 200, done.content
    answer = done.json()
    assert answer["status"] == "signed" and answer["sealed"]
    assert [(s["party"], s["method"]) for s in answer["signatures"]] == [
        ("student", "online"),
        ("enterprise", "paper"),
        ("college", "online"),
    ]
    final = world["liaison"].get(f"{url}/pdf/")
    data = b"".join(final.streaming_content)
    check = seal.verify(data)
    assert check.intact and check.trusted
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
    assert "签署页" in text and "纸质签署" in text
    agreement = InternshipAgreement.objects.get(pk=body["id"])
    assert agreement.signatures.get(party="student").ip_address == "192.0.2.9"
    activated = world["admin"].post(
        f"/api/v1/placements/{world['placement'].pk}/activate/", format="json"
    )
    assert activated.status_code == 200, activated.content


def test_out_of_turn_and_wrong_hash_are_400_with_codes(world):
    body = _generated(world)
    url = f"/api/v1/internship-agreements/{body['id']}"
    for who in ("liaison", "admin"):
        refused = world[who].post(f"{url}/sign/", {"sha256": body["sha256"]}, format="json")
        assert refused.status_code == 400 and refused.json()["code"] == "not_your_turn"
    wrong = world["student"].post(f"{url}/sign/", {"sha256": "ab" * 32}, format="json")
    assert wrong.status_code == 400 and wrong.json()["code"] == "document_changed"
    assert InternshipAgreement.objects.get(pk=body["id"]).signatures.count() == 0


def test_bad_scans_are_400(world):
    body = _generated(world)
    url = f"/api/v1/internship-agreements/{body['id']}/upload_paper/"
    exe = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00", "application/pdf")
    refused = world["admin"].post(url, {"file": exe}, format="multipart")
    assert refused.status_code == 400 and refused.json()["code"] == "file_type"
    missing = world["admin"].post(url, {"party": "all"}, format="multipart")
    assert missing.status_code == 400


def test_void_needs_a_reason_and_then_refuses_signatures(world):
    body = _generated(world)
    url = f"/api/v1/internship-agreements/{body['id']}"
    assert world["admin"].post(f"{url}/void/", {}, format="json").json()["code"] == (
        "reason_required"
    )
    voided = world["admin"].post(f"{url}/void/", {"reason": "wrong dates"}, format="json")
    assert voided.json()["status"] == "void"
    refused = world["student"].post(f"{url}/sign/", {"sha256": body["sha256"]}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "agreement_void"


def test_a_template_with_an_unknown_placeholder_is_400(world):
    answer = world["admin"].post(
        "/api/v1/document-templates/",
        {"kind": "certificate", "title": "证明", "body": "{{student_name}} {{password}}"},
        format="json",
    )
    assert answer.status_code == 400 and answer.json()["code"] == "unknown_placeholder"
    ok = world["admin"].post(
        "/api/v1/document-templates/",
        {"kind": "certificate", "title": "证明", "body": "{{student_name}}", "active": True},
        format="json",
    )
    assert ok.status_code == 201 and ok.json()["version"] == 1 and ok.json()["active"]


def test_a_student_sees_only_their_own_agreements(world):
    body = _generated(world)
    other = shadow_placement()
    other_user = UserFactory(role="student")
    other.student.user = other_user
    other.student.save()
    stranger = _client(other_user)
    assert stranger.get(f"/api/v1/internship-agreements/{body['id']}/").status_code == 404
    assert stranger.get("/api/v1/internship-agreements/").json()["count"] == 0
    mine = world["student"].get("/api/v1/internship-agreements/").json()
    assert [row["id"] for row in mine["results"]] == [body["id"]]
    assert world["student"].get("/api/v1/document-templates/").status_code == 403
    create = world["student"].post(
        "/api/v1/internship-agreements/", {"placement": world["placement"].pk}, format="json"
    )
    assert create.status_code == 403


def test_the_list_costs_the_same_for_more_rows(world, django_assert_num_queries):
    admin = world["admin"]
    _generated(world)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert admin.get("/api/v1/internship-agreements/?page_size=200").status_code == 200
        return len(captured)

    few = count()
    for _ in range(4):
        world["placement"] = shadow_placement()
        _generated(world)
    assert count() == few
