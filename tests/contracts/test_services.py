"""The agreement's rules at the service: order, hashes, paper, seal, amendments, activation."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from common.exceptions import RuleError
from contracts import seal, services
from contracts.models import DocumentKind, InternshipAgreement, Party
from internships import services as placement_services
from internships.models import Placement, Position
from tests.accounts.factories import UserFactory
from tests.contracts.factories import all_templates, generated, make_ca, shadow_placement
from tests.internships.factories import PlacementFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    all_templates()
    placement = shadow_placement(mentor_name="王师傅")
    student_user = UserFactory(role="student")
    placement.student.user = student_user
    placement.student.save()
    return {
        "placement": placement,
        "student": student_user,
        "liaison": UserFactory(role="liaison", role__enterprise=placement.enterprise),
        "admin": UserFactory(role="administrator"),
    }


def _sign(agreement, user, **kwargs):
    version = services.current_version(agreement)
    kwargs.setdefault("sha256", version.sha256)
    return services.agreement_sign(agreement=agreement, actor=user, ip_address="10.0.0.7", **kwargs)


def _code(call) -> str:
    with pytest.raises(RuleError) as caught:
        call()
    return caught.value.code


def test_the_pdf_embeds_the_chinese_text_with_a_footer(people):
    agreement = generated(people["placement"], people["admin"])
    version = services.current_version(agreement)
    data = version.pdf.read()
    assert services.pdf.sha256(data) == version.sha256
    reader = PdfReader(BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "学生实习三方协议" in text
    assert people["placement"].student.name in text
    assert "王师傅" in text
    assert f"编号 {agreement.number}" in text and "第 1 页 / 共 1 页" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    font = next(iter(fonts.values())).get_object()
    descendant = font["/DescendantFonts"][0].get_object()
    assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded TrueType
    assert "/ToUnicode" in font


def test_online_signing_in_order_then_sealed_and_verified(people, settings, tmp_path):
    ca = make_ca(tmp_path)
    settings.CONTRACTS_SEAL_PKCS12 = ca["pkcs12"]
    settings.CONTRACTS_SEAL_PASSPHRASE = ca["passphrase"]
    settings.CONTRACTS_SEAL_TRUST_ROOTS = [ca["root"]]
    agreement = generated(people["placement"], people["admin"])
    for user in (people["student"], people["liaison"], people["admin"]):
        agreement = _sign(agreement, user)
    agreement.refresh_from_db()
    assert agreement.status == InternshipAgreement.Status.SIGNED
    assert agreement.sealed
    signatures = list(agreement.signatures.order_by("signed_at", "id"))
    assert [s.party for s in signatures] == [Party.STUDENT, Party.ENTERPRISE, Party.COLLEGE]
    version = services.current_version(agreement)
    assert {s.sha256 for s in signatures} == {version.sha256}
    assert signatures[0].ip_address == "10.0.0.7" and signatures[0].signer == people["student"]
    data = agreement.final_pdf.read()
    check = seal.verify(data)
    assert check.present and check.intact and check.trusted
    assert "Test College Seal" in check.signer
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
    assert "签署页" in text and version.sha256 in text
    placement = Placement.objects.get(pk=people["placement"].pk)
    assert placement.agreement_signed
    # Tampering with the sealed bytes breaks the seal.
    tampered = data.replace(b"/Title", b"/Titl\x65", 1)
    index = data.find(b"stream") + 40
    tampered = data[:index] + bytes([data[index] ^ 1]) + data[index + 1 :]
    assert not seal.verify(tampered).intact


def test_an_untrusted_root_is_reported(people, settings, tmp_path):
    ca = make_ca(tmp_path)
    settings.CONTRACTS_SEAL_PKCS12 = ca["pkcs12"]
    settings.CONTRACTS_SEAL_PASSPHRASE = ca["passphrase"]
    settings.CONTRACTS_SEAL_TRUST_ROOTS = []
    agreement = generated(people["placement"], people["admin"])
    for user in (people["student"], people["liaison"], people["admin"]):
        agreement = _sign(agreement, user)
    agreement.refresh_from_db()
    check = seal.verify(agreement.final_pdf.read())
    assert check.intact and not check.trusted


def test_every_out_of_order_signature_is_refused(people):
    agreement = generated(people["placement"], people["admin"])
    assert _code(lambda: _sign(agreement, people["liaison"])) == "not_your_turn"
    assert _code(lambda: _sign(agreement, people["admin"])) == "not_your_turn"
    _sign(agreement, people["student"])
    assert _code(lambda: _sign(agreement, people["student"])) == "not_your_turn"
    assert _code(lambda: _sign(agreement, people["admin"])) == "not_your_turn"
    _sign(agreement, people["liaison"])
    assert _code(lambda: _sign(agreement, people["liaison"])) == "not_your_turn"
    assert agreement.signatures.count() == 2
    teacher = UserFactory(role="teacher")
    assert _code(lambda: _sign(agreement, teacher)) == "not_a_party"


def test_a_minor_signs_with_the_guardian_after_the_student(people):
    placement = people["placement"]
    placement.student.date_of_birth = datetime.date(2009, 5, 1)
    placement.student.save()
    agreement = generated(placement, people["admin"])
    assert agreement.parties == ["student", "guardian", "enterprise", "college"]
    _sign(agreement, people["student"])
    assert _code(lambda: _sign(agreement, people["liaison"])) == "not_your_turn"
    assert _code(lambda: _sign(agreement, people["student"], party="guardian")) == "name_required"
    _sign(agreement, people["student"], party="guardian", name="张父")
    _sign(agreement, people["liaison"])
    assert agreement.signatures.get(party="guardian").name == "张父"


def test_a_wrong_or_superseded_hash_and_changed_terms_are_refused(people):
    agreement = generated(people["placement"], people["admin"])
    old = services.current_version(agreement).sha256
    assert _code(lambda: _sign(agreement, people["student"], sha256="0" * 64)) == (
        "document_changed"
    )
    services.agreement_generate(agreement=agreement, actor=people["admin"])
    # Same terms, same second: the new version still differs (it names its number).
    assert services.current_version(agreement).sha256 != old
    assert _code(lambda: _sign(agreement, people["student"], sha256=old)) == "version_superseded"
    Placement.objects.filter(pk=people["placement"].pk).update(mentor_name="李师傅")
    assert _code(lambda: _sign(agreement, people["student"])) == "terms_changed"
    assert agreement.signatures.count() == 0
    services.agreement_generate(agreement=agreement, actor=people["admin"])
    _sign(agreement, people["student"])


def test_void_and_signed_documents_take_no_signature(people):
    agreement = generated(people["placement"], people["admin"])
    assert (
        _code(
            lambda: services.agreement_void(agreement=agreement, actor=people["admin"], reason=" ")
        )
        == "reason_required"
    )
    services.agreement_void(agreement=agreement, actor=people["admin"], reason="wrong post")
    assert _code(lambda: _sign(agreement, people["student"])) == "agreement_void"
    assert (
        _code(lambda: services.agreement_generate(agreement=agreement, actor=people["admin"]))
        == "agreement_void"
    )


def _scan(name="scan.pdf", content=b"%PDF-1.4\n% scan\n"):
    return SimpleUploadedFile(name, content, "application/pdf")


def test_paper_for_one_party_then_online_for_the_rest(people):
    agreement = generated(people["placement"], people["admin"])
    _sign(agreement, people["student"])
    services.agreement_upload_paper(
        agreement=agreement, actor=people["admin"], file=_scan(), party="enterprise"
    )
    paper = agreement.signatures.get(party="enterprise")
    assert paper.method == "paper" and paper.confirmed_by == people["admin"] and paper.scan
    _sign(agreement, people["admin"])
    agreement.refresh_from_db()
    assert agreement.status == "signed" and not agreement.sealed


def test_paper_for_all_parties(people):
    agreement = generated(people["placement"], people["admin"])
    services.agreement_upload_paper(agreement=agreement, actor=people["admin"], file=_scan())
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    assert agreement.signatures.filter(method="paper").count() == 3


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("scan.exe", b"MZ\x90\x00", "file_type"),
        ("scan.pdf", b"MZ\x90\x00 not a pdf", "file_type"),
        ("scan.png", b"%PDF-1.4", "file_type"),
        ("scan.pdf", b"", "file_empty"),
    ],
)
def test_a_bad_scan_is_refused_and_nothing_changes(people, name, content, code):
    agreement = generated(people["placement"], people["admin"])
    assert (
        _code(
            lambda: services.agreement_upload_paper(
                agreement=agreement, actor=people["admin"], file=_scan(name, content)
            )
        )
        == code
    )
    assert agreement.signatures.count() == 0


def test_a_scan_too_large_is_refused(people, settings):
    settings.CONTRACTS_SCAN_MAX_BYTES = 1024
    agreement = generated(people["placement"], people["admin"])
    big = _scan(content=b"%PDF-1.4\n" + b"0" * 2048)
    assert (
        _code(
            lambda: services.agreement_upload_paper(
                agreement=agreement, actor=people["admin"], file=big
            )
        )
        == "file_too_large"
    )


def test_paper_out_of_turn_is_refused(people):
    agreement = generated(people["placement"], people["admin"])
    assert (
        _code(
            lambda: services.agreement_upload_paper(
                agreement=agreement, actor=people["admin"], file=_scan(), party="college"
            )
        )
        == "not_your_turn"
    )


def test_an_unknown_placeholder_is_refused(people):
    assert (
        _code(
            lambda: services.template_create(
                actor=people["admin"],
                kind="certificate",
                title="x",
                body="{{ __class__ }} {{bogus}}",
            )
        )
        == "unknown_placeholder"
    )


def test_a_used_template_keeps_its_text(people):
    agreement = generated(people["placement"], people["admin"])
    template = agreement.template
    assert (
        _code(
            lambda: services.template_update(template=template, actor=people["admin"], body="new")
        )
        == "template_in_use"
    )
    newer = services.template_create(
        actor=people["admin"], kind=template.kind, title="v2", body="{{student_name}}", active=True
    )
    template.refresh_from_db()
    assert newer.version == template.version + 1 and newer.active and not template.active


def test_the_template_text_is_not_executed(people):
    services.template_create(
        actor=people["admin"],
        kind=DocumentKind.INTERNSHIP_AGREEMENT,
        title="{% load static %}{{student_name}}",
        body="{{ student_name }} {% if 1 %}x{% endif %} {{settings}}".replace("{{settings}}", ""),
        active=True,
    )
    agreement = generated(people["placement"], people["admin"])
    text = PdfReader(services.current_version(agreement).pdf.open("rb")).pages[0].extract_text()
    assert "{% if 1 %}x{% endif %}" in text and "{% load static %}" in text


def test_activation_reads_the_agreement_not_the_checkbox(people):
    placement = people["placement"]
    Placement.objects.filter(pk=placement.pk).update(agreement_signed=True)
    placement.refresh_from_db()
    assert _code(lambda: placement_services.placement_activate(placement=placement)) == (
        "agreement_unsigned"
    )
    agreement = generated(placement, people["admin"])
    for user in (people["student"], people["liaison"], people["admin"]):
        _sign(agreement, user)
    assert placement_services.placement_activate(placement=placement).status == "active"


def test_a_cognitive_placement_needs_no_agreement():
    placement = PlacementFactory(agreement_signed=False)
    assert placement_services.placement_activate(placement=placement).status == "active"
    assert (
        _code(lambda: services.agreement_create(placement=placement, actor=None))
        == "agreement_not_needed"
    )


def test_a_post_internship_needs_the_consent_form(people):
    position = PositionFactory(kind=Position.Kind.POST)
    placement = PlacementFactory(position=position, agreement_signed=False)
    admin = people["admin"]
    agreement = generated(placement, admin)
    services.agreement_upload_paper(agreement=agreement, actor=admin, file=_scan())
    assert _code(lambda: placement_services.placement_activate(placement=placement)) == (
        "consent_missing"
    )
    consent = services.agreement_create(placement=placement, actor=admin, kind="informed_consent")
    consent = services.agreement_generate(agreement=consent, actor=admin)
    assert consent.parties == ["student", "guardian"]
    services.agreement_upload_paper(agreement=consent, actor=admin, file=_scan())
    assert placement_services.placement_activate(placement=placement).status == "active"


def test_the_checkbox_records_a_paper_agreement():
    placement = PlacementFactory(position=PositionFactory(kind=Position.Kind.SHADOW))
    record = placement.agreements.get()
    assert record.status == "signed" and record.signatures.filter(method="paper").count() == 3
    assert placement_services.placement_activate(placement=placement).status == "active"


def test_changing_the_terms_after_signing_opens_an_amendment(people):
    placement = people["placement"]
    agreement = generated(placement, people["admin"])
    for user in (people["student"], people["liaison"], people["admin"]):
        _sign(agreement, user)
    placement_services.placement_update(
        placement=placement, actor=people["admin"], mentor_name="李师傅"
    )
    amendment = InternshipAgreement.objects.get(kind=DocumentKind.AMENDMENT)
    assert amendment.amends_id == agreement.pk and amendment.status == "signing"
    assert amendment.changes == ["企业指导教师"]
    agreement.refresh_from_db()
    assert agreement.status == "signed" and agreement.final_pdf  # the old one stays archived
    assert _code(lambda: placement_services.placement_activate(placement=placement)) == (
        "agreement_unsigned"
    )
    text = PdfReader(services.current_version(amendment).pdf.open("rb")).pages[0].extract_text()
    assert "李师傅" in text and "企业指导教师" in text
    for user in (people["student"], people["liaison"], people["admin"]):
        _sign(amendment, user)
    assert placement_services.placement_activate(placement=placement).status == "active"


def test_a_change_to_the_post_pay_opens_an_amendment(people):
    placement = people["placement"]
    agreement = generated(placement, people["admin"])
    services.agreement_upload_paper(agreement=agreement, actor=people["admin"], file=_scan())
    placement_services.position_update(
        position=placement.position, actor=people["admin"], monthly_pay=3200
    )
    amendment = InternshipAgreement.objects.get(kind=DocumentKind.AMENDMENT)
    assert amendment.changes == ["实习报酬"]


def test_the_certificate_of_a_completed_placement(people):
    placement = people["placement"]
    assert _code(lambda: services.certificate_pdf(placement=placement)) == (
        "placement_not_completed"
    )
    Placement.objects.filter(pk=placement.pk).update(status="completed")
    placement.refresh_from_db()
    text = PdfReader(BytesIO(services.certificate_pdf(placement=placement))).pages[0].extract_text()
    assert "实习证明" in text and placement.student.student_number in text
