"""Templates, placements that need an agreement, and a test certificate authority."""

from __future__ import annotations

import datetime

import factory
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from contracts import services
from contracts.models import DocumentKind, DocumentTemplate
from internships.models import Position
from tests.internships.factories import PlacementFactory, PositionFactory

AGREEMENT_BODY = (
    "# 第一条 协议各方\n甲方（学校）：{{college_name}}\n乙方（实习单位）：{{enterprise_name}}\n"
    "丙方（学生）：{{student_name}}，学号 {{student_number}}\n"
    "# 第二条 实习期限与岗位\n自 {{starts_on}} 至 {{ends_on}}，岗位：{{position_title}}，"
    "每日工作 {{daily_hours}} 小时，月报酬 {{monthly_pay}} 元，企业指导教师 {{mentor_name}}。\n"
)


class TemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentTemplate

    kind = DocumentKind.INTERNSHIP_AGREEMENT
    version = factory.Sequence(lambda n: n + 1)
    title = "学生实习三方协议"
    body = AGREEMENT_BODY
    active = True


def all_templates() -> None:
    TemplateFactory(kind=DocumentKind.INTERNSHIP_AGREEMENT)
    TemplateFactory(kind=DocumentKind.INFORMED_CONSENT, title="学生实习知情同意书")
    TemplateFactory(
        kind=DocumentKind.AMENDMENT,
        title="实习协议补充协议",
        body="变更内容：{{changes}}\n" + AGREEMENT_BODY,
    )


def shadow_placement(**kwargs):
    """A planned follow-post placement with insurance but no agreement yet."""
    position = kwargs.pop("position", None) or PositionFactory(kind=Position.Kind.SHADOW)
    return PlacementFactory(position=position, agreement_signed=False, **kwargs)


def generated(placement, admin):
    agreement = services.agreement_create(placement=placement, actor=admin)
    return services.agreement_generate(agreement=agreement, actor=admin)


def make_ca(directory, passphrase: str = "seal-pass") -> dict:
    """A root CA and a seal certificate it issued, as files: the PKCS#12 and the root PEM."""
    now = datetime.datetime.now(datetime.timezone.utc)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test College Root CA")])
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test College Seal")]))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    p12 = directory / "seal.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"seal",
            key,
            cert,
            [root],
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
    )
    root_pem = directory / "root.pem"
    root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    return {"pkcs12": str(p12), "passphrase": passphrase, "root": str(root_pem)}
