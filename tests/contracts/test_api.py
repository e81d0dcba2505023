"""The agreement API as a client uses it: draft to sealed PDF, refusals, scoping."""

from __future__ import annotations

import datetime
import hashlib
import re
from io import BytesIO

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader
from rest_framework.test import APIClient

from contracts import seal
from contracts.models import InternshipAgreement
from tests.accounts.factories import UserFactory
from tests.contracts.factories import all_templates, make_ca, shadow_placement
from tests.internships.factories import StudentFactory

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
    assert stranger.get(f"/api/v1/internship-agreements/{body['id']}/pdf/").status_code == 404
    signing = stranger.post(
        f"/api/v1/internship-agreements/{body['id']}/sign/",
        {"sha256": body["sha256"]},
        format="json",
    )
    assert signing.status_code == 404
    assert (
        stranger.get("/api/v1/internship-agreements/", {"placement": world["placement"].pk}).json()[
            "count"
        ]
        == 0
    )
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


# --- every party, in order and out of it, and the amendment ------------------


def _pdf_text(data: bytes) -> str:
    """The PDF's text as an independent reader (pypdf) extracts it, without
    the line breaks a long hash is wrapped at."""
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages))


@pytest.fixture
def minor_world():
    """A follow-post placement of a 17-year-old: student, guardian, enterprise, college."""
    all_templates()
    student = StudentFactory(name="李小明", date_of_birth=datetime.date(2009, 6, 1))
    placement = shadow_placement(student=student, mentor_name="王师傅")
    placement.enterprise.name = "沈阳新松机器人有限公司"
    placement.enterprise.save()
    user = UserFactory(role="student")
    student.user = user
    student.save()
    liaison = UserFactory(
        role="liaison", role__enterprise=placement.enterprise, first_name="刘", last_name="联络"
    )
    return {
        "placement": placement,
        "student": _client(user),
        "liaison": _client(liaison),
        "admin": _client(UserFactory(role="administrator")),
    }


def _sign(client, url, sha, **extra):
    return client.post(f"{url}/sign/", {"sha256": sha, **extra}, format="json")


def _refused(answer, code):
    assert answer.status_code == 400, (answer.status_code, answer.content)
    assert answer.json()["code"] == code, answer.json()
    assert any(k != "code" for k in answer.json()), answer.json()  # with a message


def test_every_party_in_turn_one_on_paper_and_every_out_of_turn_refused(minor_world):
    w = minor_world
    body = _generated(w)
    url = f"/api/v1/internship-agreements/{body['id']}"
    sha = body["sha256"]
    assert body["next_party"] == "student"
    # Before the student: the guardian, the enterprise, the college, on line or on paper.
    _refused(_sign(w["student"], url, sha, party="guardian", name="李大强"), "not_your_turn")
    _refused(_sign(w["liaison"], url, sha), "not_your_turn")
    _refused(_sign(w["admin"], url, sha), "not_your_turn")
    for party in ("guardian", "enterprise", "college"):
        scan = SimpleUploadedFile(f"{party}.pdf", b"%PDF-1.4\n% paper\n", "application/pdf")
        _refused(
            w["admin"].post(
                f"{url}/upload_paper/", {"file": scan, "party": party}, format="multipart"
            ),
            "not_your_turn",
        )
    # A wrong hash, and a hash that is not one at all.
    _refused(_sign(w["student"], url, "0" * 64), "document_changed")
    _refused(_sign(w["student"], url, "not-a-hash"), "document_changed")
    assert _sign(w["student"], url, sha).status_code == 200

    # Before the guardian: the student again, the enterprise, the college.
    _refused(_sign(w["student"], url, sha), "not_your_turn")
    _refused(_sign(w["liaison"], url, sha), "not_your_turn")
    _refused(_sign(w["admin"], url, sha), "not_your_turn")
    nameless = _sign(w["student"], url, sha, party="guardian")
    _refused(nameless, "name_required")
    guardian = _sign(w["student"], url, sha, party="guardian", name="李大强")
    assert guardian.status_code == 200, guardian.content
    assert guardian.json()["next_party"] == "enterprise"

    # Before the enterprise: the college on line and on paper, the guardian again.
    _refused(_sign(w["admin"], url, sha), "not_your_turn")
    _refused(_sign(w["student"], url, sha, party="guardian", name="李大强"), "not_your_turn")
    scan = SimpleUploadedFile("college.pdf", b"%PDF-1.4\n% paper\n", "application/pdf")
    _refused(
        w["admin"].post(
            f"{url}/upload_paper/", {"file": scan, "party": "college"}, format="multipart"
        ),
        "not_your_turn",
    )
    # The enterprise signs on paper: the administrator uploads its scan.
    scan = SimpleUploadedFile("enterprise.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32, "image/png")
    paper = w["admin"].post(
        f"{url}/upload_paper/", {"file": scan, "party": "enterprise"}, format="multipart"
    )
    assert paper.status_code == 200, paper.content
    assert paper.json()["next_party"] == "college"
    # Before the college: the enterprise again (on line now), the student.
    _refused(_sign(w["liaison"], url, sha), "not_your_turn")
    _refused(_sign(w["student"], url, sha), "not_your_turn")
    done = _sign(w["admin"], url, sha)
    assert done.status_code == 200, done.content
    answer = done.json()
    assert answer["status"] == "signed" and answer["next_party"] is None
    assert [(s["party"], s["method"]) for s in answer["signatures"]] == [
        ("student", "online"),
        ("guardian", "online"),
        ("enterprise", "paper"),
        ("college", "online"),
    ]
    # Signed: nothing more is signed.
    _refused(_sign(w["admin"], url, sha), "agreement_signed")

    final = w["student"].get(f"{url}/pdf/")
    assert final.status_code == 200
    data = b"".join(final.streaming_content)
    assert hashlib.sha256(data).hexdigest() == answer["final_sha256"]
    text = _pdf_text(data)
    for name in (
        "李小明",
        "李大强",
        "沈阳新松机器人有限公司",
        django_settings.CONTRACTS_COLLEGE_NAME,
        "王师傅",
    ):
        assert name in text, name
    assert sha in text
    assert w["admin"].get(f"/api/v1/placements/{w['placement'].pk}/").json()["agreement_signed"]


def test_an_older_version_is_superseded_and_changed_terms_need_a_new_one(minor_world):
    w = minor_world
    first = _generated(w)
    url = f"/api/v1/internship-agreements/{first['id']}"
    second = w["admin"].post(f"{url}/generate/").json()
    assert second["sha256"] != first["sha256"]
    _refused(_sign(w["student"], url, first["sha256"]), "version_superseded")
    assert _sign(w["student"], url, second["sha256"]).status_code == 200
    # The placement's terms change while it is being signed.
    changed = w["admin"].patch(
        f"/api/v1/placements/{w['placement'].pk}/", {"mentor_name": "赵工"}, format="json"
    )
    assert changed.status_code == 200, changed.content
    _refused(_sign(w["student"], url, second["sha256"], party="guardian", name="李大强"),
             "terms_changed")  # fmt: skip
    scan = SimpleUploadedFile("all.pdf", b"%PDF-1.4\n% paper\n", "application/pdf")
    _refused(
        w["admin"].post(f"{url}/upload_paper/", {"file": scan}, format="multipart"), "terms_changed"
    )
    third = w["admin"].post(f"{url}/generate/").json()
    # The student's signature was on the version before: it signs again.
    assert third["signatures"] == [] and third["next_party"] == "student"
    assert "赵工" in _pdf_text(b"".join(w["student"].get(f"{url}/pdf/").streaming_content))


def test_void_stops_signing_paper_and_generation(minor_world):
    w = minor_world
    body = _generated(w)
    url = f"/api/v1/internship-agreements/{body['id']}"
    assert _sign(w["student"], url, body["sha256"]).status_code == 200
    assert w["admin"].post(f"{url}/void/", {"reason": "岗位取消"}).json()["status"] == "void"
    _refused(_sign(w["student"], url, body["sha256"], party="guardian", name="李大强"),
             "agreement_void")  # fmt: skip
    scan = SimpleUploadedFile("all.pdf", b"%PDF-1.4\n% paper\n", "application/pdf")
    _refused(
        w["admin"].post(f"{url}/upload_paper/", {"file": scan}, format="multipart"),
        "agreement_void",
    )
    _refused(w["admin"].post(f"{url}/generate/"), "agreement_void")
    _refused(w["admin"].post(f"{url}/void/", {"reason": "again"}), "agreement_void")
    # A new agreement can be started after the void one.
    again = w["admin"].post(
        "/api/v1/internship-agreements/", {"placement": w["placement"].pk}, format="json"
    )
    assert again.status_code == 201, again.content


def _sign_all(w, url, sha):
    for who, extra in (
        ("student", {}),
        ("student", {"party": "guardian", "name": "李大强"}),
        ("liaison", {}),
        ("admin", {}),
    ):
        answer = _sign(w[who], url, sha, **extra)
        assert answer.status_code == 200, (who, answer.content)
    return answer.json()


def test_changing_a_signed_placements_terms_opens_an_amendment_signed_in_the_same_order(
    minor_world,
):
    w = minor_world
    body = _generated(w)
    url = f"/api/v1/internship-agreements/{body['id']}"
    signed = _sign_all(w, url, body["sha256"])
    assert signed["status"] == "signed"
    pk = w["placement"].pk
    # The liaison changes the post's pay; the administrator the end date.
    position = w["placement"].position
    paid = w["liaison"].patch(
        f"/api/v1/positions/{position.pk}/", {"monthly_pay": "3300.00"}, format="json"
    )
    assert paid.status_code == 200, paid.content
    new_end = (w["placement"].ends_on - datetime.timedelta(days=10)).isoformat()
    ended = w["admin"].patch(f"/api/v1/placements/{pk}/", {"ends_on": new_end}, format="json")
    assert ended.status_code == 200, ended.content

    rows = w["admin"].get("/api/v1/internship-agreements/", {"placement": pk}).json()["results"]
    amendments = [r for r in rows if r["kind"] == "amendment"]
    assert len(amendments) == 1, rows
    amendment = amendments[0]
    assert amendment["amends"] == body["id"] and amendment["status"] == "signing"
    # The signed agreement stays as it was.
    original = w["admin"].get(f"{url}/").json()
    assert original["status"] == "signed" and original["final_sha256"] == signed["final_sha256"]
    amend_url = f"/api/v1/internship-agreements/{amendment['id']}"
    text = _pdf_text(b"".join(w["student"].get(f"{amend_url}/pdf/").streaming_content))
    assert "实习报酬" in text and "结束日期" in text and "3300" in text and new_end in text
    # Waiting for the amendment, the planned placement does not start.
    refused = w["admin"].post(f"/api/v1/placements/{pk}/activate/")
    assert refused.status_code == 400 and refused.json()["code"] == "agreement_unsigned"
    # The same parties, in the same order.
    sha = amendment["sha256"]
    _refused(_sign(w["liaison"], amend_url, sha), "not_your_turn")
    _refused(_sign(w["admin"], amend_url, sha), "not_your_turn")
    _refused(_sign(w["student"], amend_url, body["sha256"]), "document_changed")
    done = _sign_all(w, amend_url, sha)
    assert done["status"] == "signed"
    assert sha in _pdf_text(b"".join(w["admin"].get(f"{amend_url}/pdf/").streaming_content))
    activated = w["admin"].post(f"/api/v1/placements/{pk}/activate/")
    assert activated.status_code == 200, activated.content


def test_bad_input_to_the_agreement_actions_is_a_400(minor_world):
    w = minor_world
    body = _generated(w)
    url = f"/api/v1/internship-agreements/{body['id']}"
    for payload in ({}, {"sha256": ""}, {"sha256": None}, {"sha256": "a" * 65},
                    {"sha256": body["sha256"], "party": "college"},
                    {"sha256": body["sha256"], "name": "x" * 101}, [body["sha256"]]):  # fmt: skip
        answer = w["student"].post(f"{url}/sign/", payload, format="json")
        assert answer.status_code == 400, (payload, answer.status_code, answer.content)
    for payload in ({"placement": "x"}, {"placement": 2**70}, {"placement": None},
                    {"placement": w["placement"].pk, "kind": "amendment"},
                    {"placement": w["placement"].pk, "kind": "certificate"}):  # fmt: skip
        answer = w["admin"].post("/api/v1/internship-agreements/", payload, format="json")
        assert answer.status_code == 400, (payload, answer.status_code, answer.content)
    scan = SimpleUploadedFile("s.pdf", b"%PDF-1.4\n", "application/pdf")
    answer = w["admin"].post(
        f"{url}/upload_paper/", {"file": scan, "party": "nobody"}, format="multipart"
    )
    assert answer.status_code == 400
    for ordering in ("sha256", "-"):
        answer = w["admin"].get("/api/v1/internship-agreements/", {"ordering": ordering})
        assert answer.status_code == 400, (ordering, answer.status_code)


def test_a_second_change_before_the_amendment_is_signed_makes_it_signed_again(minor_world):
    w = minor_world
    body = _generated(w)
    _sign_all(w, f"/api/v1/internship-agreements/{body['id']}", body["sha256"])
    pk = w["placement"].pk
    w["admin"].patch(f"/api/v1/placements/{pk}/", {"mentor_name": "赵工"}, format="json")
    first = [
        r
        for r in w["admin"]
        .get("/api/v1/internship-agreements/", {"placement": pk})
        .json()["results"]
        if r["kind"] == "amendment"
    ][0]
    url = f"/api/v1/internship-agreements/{first['id']}"
    assert _sign(w["student"], url, first["sha256"]).status_code == 200
    new_end = (w["placement"].ends_on - datetime.timedelta(days=5)).isoformat()
    w["admin"].patch(f"/api/v1/placements/{pk}/", {"ends_on": new_end}, format="json")
    rows = w["admin"].get("/api/v1/internship-agreements/", {"placement": pk}).json()["results"]
    amendments = [r for r in rows if r["kind"] == "amendment"]
    assert [a["id"] for a in amendments] == [first["id"]]  # the same amendment, regenerated
    again = amendments[0]
    assert again["sha256"] != first["sha256"] and again["signatures"] == []
    _refused(_sign(w["student"], url, first["sha256"]), "version_superseded")
    text = _pdf_text(b"".join(w["student"].get(f"{url}/pdf/").streaming_content))
    assert "企业指导教师" in text and "结束日期" in text and "赵工" in text
    assert _sign_all(w, url, again["sha256"])["status"] == "signed"


def test_voiding_a_signed_agreement_voids_its_open_amendment(minor_world):
    w = minor_world
    body = _generated(w)
    url = f"/api/v1/internship-agreements/{body['id']}"
    _sign_all(w, url, body["sha256"])
    pk = w["placement"].pk
    w["admin"].patch(f"/api/v1/placements/{pk}/", {"mentor_name": "赵工"}, format="json")
    # The agreement is done again from the start instead.
    voided = w["admin"].post(f"{url}/void/", {"reason": "重新签订"}, format="json")
    assert voided.status_code == 200, voided.content
    rows = w["admin"].get("/api/v1/internship-agreements/", {"placement": pk}).json()["results"]
    amendment = next(r for r in rows if r["kind"] == "amendment")
    # An amendment of a void agreement amends nothing: it is void too and takes no signature.
    assert amendment["status"] == "void"
    _refused(_sign(w["student"], f"/api/v1/internship-agreements/{amendment['id']}",
                   amendment["sha256"]), "agreement_void")  # fmt: skip
    fresh = w["admin"].post("/api/v1/internship-agreements/", {"placement": pk}, format="json")
    assert fresh.status_code == 201, fresh.content
    new_url = f"/api/v1/internship-agreements/{fresh.json()['id']}"
    generated = w["admin"].post(f"{new_url}/generate/").json()
    assert _sign_all(w, new_url, generated["sha256"])["status"] == "signed"
    # The new agreement, signed, is all a planned placement needs to start.
    activated = w["admin"].post(f"/api/v1/placements/{pk}/activate/")
    assert activated.status_code == 200, activated.content


def test_the_placements_checkbox_never_contradicts_the_agreement_on_file(minor_world):
    w = minor_world
    body = _generated(w)
    url = f"/api/v1/internship-agreements/{body['id']}"
    pk = f"/api/v1/placements/{w['placement'].pk}/"
    assert _sign(w["student"], url, body["sha256"]).status_code == 200
    # Ticked while the agreement is being signed: the list would say signed,
    # the activation would refuse it.
    ticked = w["admin"].patch(pk, {"agreement_signed": True}, format="json")
    _refused(ticked, "agreement_being_signed")
    assert w["admin"].get(pk).json()["agreement_signed"] is False
    signed = _sign_all_after_student(w, url, body["sha256"])
    assert signed["status"] == "signed"
    assert w["admin"].get(pk).json()["agreement_signed"] is True
    # Unticked while the agreement is signed: the activation would let it start anyway.
    unticked = w["admin"].patch(pk, {"agreement_signed": False}, format="json")
    _refused(unticked, "agreement_on_file")
    assert w["admin"].get(pk).json()["agreement_signed"] is True
    # Voided, the agreement no longer counts: the checkbox follows.
    w["admin"].post(f"{url}/void/", {"reason": "纸质重签"}, format="json")
    assert w["admin"].get(pk).json()["agreement_signed"] is False
    # Ticked with no agreement under way: the paper agreement is on file.
    assert w["admin"].patch(pk, {"agreement_signed": True}, format="json").status_code == 200
    rows = w["admin"].get("/api/v1/internship-agreements/").json()["results"]
    assert sorted(r["status"] for r in rows) == ["signed", "void"]


def _sign_all_after_student(w, url, sha):
    for who, extra in (
        ("student", {"party": "guardian", "name": "李大强"}),
        ("liaison", {}),
        ("admin", {}),
    ):
        answer = _sign(w[who], url, sha, **extra)
        assert answer.status_code == 200, (who, answer.content)
    return answer.json()
