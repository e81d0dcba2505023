"""Documents attached to an agreement: upload checks and deletion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from partnerships.models import (
    AgreementDocument,
    AgreementEvent,
    CooperationAgreement,
)

from ._shared import _log

# Extension -> (content type, a check on the first bytes). Both the name and
# the content must agree, so a renamed executable is refused.
_ZIP = b"PK\x03\x04"
DOCUMENT_TYPES: dict[str, tuple[str, Any]] = {
    ".pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    ".jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head: head.startswith(_ZIP),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda head: head.startswith(_ZIP),
    ),
}


def _sniff_office(uploaded, suffix: str) -> bool:
    """A .docx holds word/, an .xlsx holds xl/: checked inside the zip."""
    import zipfile

    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded.seek(0)
    prefix = "word/" if suffix == ".docx" else "xl/"
    return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)


def document_check(uploaded) -> str:
    """The upload's content type, or a RuleError when its type or size is refused."""
    size = getattr(uploaded, "size", None) or 0
    if size == 0:
        raise RuleError("file_empty", _("The file is empty."), field="file")
    if size > settings.DOCUMENT_MAX_BYTES:
        raise RuleError(
            "file_too_large",
            _("A document may be at most %(mb).1f MB.")
            % {"mb": settings.DOCUMENT_MAX_BYTES / 1024 / 1024},
            field="file",
        )
    suffix = Path(uploaded.name or "").suffix.lower()
    if suffix not in DOCUMENT_TYPES:
        raise RuleError(
            "file_type",
            _("Upload a PDF, JPG, PNG, DOCX or XLSX file."),
            field="file",
        )
    content_type, matches = DOCUMENT_TYPES[suffix]
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    ok = matches(head) and (suffix not in (".docx", ".xlsx") or _sniff_office(uploaded, suffix))
    if not ok:
        raise RuleError(
            "file_type",
            _("The file's content does not match its %(ext)s extension.") % {"ext": suffix},
            field="file",
        )
    return content_type


@transaction.atomic
def document_upload(
    *, agreement: CooperationAgreement, actor: User, file, kind: str = "other"
) -> AgreementDocument:
    content_type = document_check(file)
    if kind not in AgreementDocument.Kind.values:
        raise RuleError("kind_invalid", _("Unknown document kind."), field="kind")
    original = Path(file.name).name[:200]
    document = AgreementDocument(
        agreement=agreement,
        kind=kind,
        original_name=original,
        content_type=content_type,
        size=file.size,
        uploaded_by=actor,
    )
    document.file.save(original, file, save=False)
    document.save()
    _log(agreement, AgreementEvent.Kind.DOCUMENT_ADDED, actor=actor, note=original)
    return document


@transaction.atomic
def document_delete(*, document: AgreementDocument) -> None:
    name = document.file.name
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
