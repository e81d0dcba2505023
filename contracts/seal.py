"""The college's seal: a PDF digital signature on the fully signed document.

pyHanko signs the final PDF with the certificate the college configured
(``CONTRACTS_SEAL_PKCS12``, a PKCS#12 file, and its passphrase
``CONTRACTS_SEAL_PASSPHRASE``); without one the document is archived unsealed.
``verify`` reads the seal back for the agreement's page: whether the signed
bytes are intact, who signed, and whether the certificate chains to one of the
trusted roots (``CONTRACTS_SEAL_TRUST_ROOTS``, PEM files).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

FIELD_NAME = "CollegeSeal"


def configured() -> bool:
    return bool(settings.CONTRACTS_SEAL_PKCS12)


def _signer():
    from pyhanko.sign import signers

    passphrase = settings.CONTRACTS_SEAL_PASSPHRASE
    signer = signers.SimpleSigner.load_pkcs12(
        settings.CONTRACTS_SEAL_PKCS12,
        passphrase=passphrase.encode() if passphrase else None,
    )
    if signer is None:
        raise RuntimeError("the seal certificate could not be loaded")
    return signer


def seal(data: bytes, *, reason: str) -> bytes:
    """The PDF with the college's digital signature added (an incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    writer = IncrementalPdfFileWriter(BytesIO(data))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=reason, name=settings.CONTRACTS_COLLEGE_NAME
    )
    out = signers.sign_pdf(writer, meta, signer=_signer())
    return out.getvalue()


@dataclass(frozen=True)
class SealCheck:
    present: bool
    intact: bool = False
    trusted: bool = False
    signer: str = ""
    signed_at: str = ""
    error: str = ""


def _trust_roots() -> list:
    from pyhanko.keys import load_cert_from_pemder

    return [load_cert_from_pemder(path) for path in settings.CONTRACTS_SEAL_TRUST_ROOTS]


def verify(data: bytes) -> SealCheck:
    """Whether the PDF carries a seal, whether it is intact and trusted."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import ValidationContext, validate_pdf_signature

    try:
        reader = PdfFileReader(BytesIO(data))
        embedded = reader.embedded_signatures
        if not embedded:
            return SealCheck(present=False)
        context = ValidationContext(trust_roots=_trust_roots(), allow_fetching=False)
        status = validate_pdf_signature(embedded[-1], context)
    except Exception as exc:  # a damaged file or seal is shown, never a server error
        logger.warning("seal verification failed: %s", exc)
        return SealCheck(present=True, error=str(exc)[:200])
    cert = status.signing_cert
    return SealCheck(
        present=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        signer=cert.subject.human_friendly if cert is not None else "",
        signed_at=status.signer_reported_dt.isoformat() if status.signer_reported_dt else "",
    )


def seal_path_exists() -> bool:
    return configured() and Path(settings.CONTRACTS_SEAL_PKCS12).is_file()
