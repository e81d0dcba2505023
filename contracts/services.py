"""Every write of internship agreements: templates, generation, signing, paper
scans, the seal, voiding and amendments.

The rules (docs/rules.md lists the codes):
- a template names only the documented placeholders (``unknown_placeholder``),
  and a template a document was made from keeps its text (``template_in_use``);
- the parties sign in order, student (and guardian), enterprise, college
  (``not_your_turn``), each the version they saw: the hash sent must be the
  current version's (``version_superseded`` for an older one,
  ``document_changed`` for any other), and the placement's terms must still be
  the ones printed (``terms_changed``);
- a void agreement takes nothing more (``agreement_void``), a signed one no
  new signature or version (``agreement_signed``);
- a paper scan is a PDF, JPEG or PNG within ``CONTRACTS_SCAN_MAX_BYTES``.

Each function is one transaction and locks the agreement row it changes, so
two parties signing at once are ordered and neither signature is lost.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Role, enterprise_id_of, role_of
from common.exceptions import RuleError
from contracts import pdf, placeholders, seal
from contracts.models import (
    AgreementEvent,
    AgreementVersion,
    DocumentKind,
    DocumentTemplate,
    InternshipAgreement,
    Party,
    Signature,
)
from internships.models import Placement, Position
from internships.policy import age_on

SIGNED_KINDS = (
    DocumentKind.INTERNSHIP_AGREEMENT,
    DocumentKind.INFORMED_CONSENT,
    DocumentKind.AMENDMENT,
)
OPEN = (InternshipAgreement.Status.DRAFT, InternshipAgreement.Status.SIGNING)
PARTY_NAMES = {
    Party.STUDENT: "学生",
    Party.GUARDIAN: "监护人",
    Party.ENTERPRISE: "实习单位",
    Party.COLLEGE: "学校",
}
METHOD_NAMES = {Signature.Method.ONLINE: "在线签署", Signature.Method.PAPER: "纸质签署"}

# Extension -> (content type, check on the first bytes): name and content must agree.
SCAN_TYPES = {
    ".pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    ".jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
}


def _log(agreement, kind, *, actor=None, note: str = "") -> None:
    AgreementEvent.objects.create(agreement=agreement, kind=kind, actor=actor, note=note[:300])


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


# -- templates ---------------------------------------------------------------


def _activate(template: DocumentTemplate) -> None:
    DocumentTemplate.objects.filter(kind=template.kind, active=True).exclude(pk=template.pk).update(
        active=False
    )


@transaction.atomic
def template_create(
    *, actor: User | None, kind: str, title: str, body: str, active: bool = False
) -> DocumentTemplate:
    """A new version of a kind's template (the first is version 1)."""
    if kind not in DocumentKind.values:
        raise RuleError("kind_invalid", _("Unknown kind of document."), field="kind")
    placeholders.check_body(body)
    # Lock the kind's templates so two new versions cannot take one number.
    list(DocumentTemplate.objects.select_for_update().filter(kind=kind).values_list("pk"))
    latest = DocumentTemplate.objects.filter(kind=kind).aggregate(n=Max("version"))["n"] or 0
    template = DocumentTemplate(
        kind=kind, version=latest + 1, title=title, body=body, active=False, created_by=actor
    )
    template.save()
    if active:
        _activate(template)
        template.active = True
        template.save(update_fields=["active", "updated_at"])
    return template


@transaction.atomic
def template_update(
    *, template: DocumentTemplate, actor: User | None, **fields
) -> DocumentTemplate:
    """Edit a template no document was made from; switch any template on or off."""
    template = DocumentTemplate.objects.select_for_update().get(pk=template.pk)
    if "kind" in fields and fields["kind"] != template.kind:
        raise RuleError("template_kind_fixed", _("A template's kind cannot change."), field="kind")
    text = {k: fields[k] for k in ("title", "body") if k in fields}
    text = {k: v for k, v in text.items() if getattr(template, k) != v}
    if text:
        if template.documents.exists():
            raise RuleError(
                "template_in_use",
                _(
                    "Documents were made from this version, so its text stays as it is; "
                    "create a new version instead."
                ),
                field="body" if "body" in text else "title",
            )
        if "body" in text:
            placeholders.check_body(text["body"])
        for key, value in text.items():
            setattr(template, key, value)
    if "active" in fields and fields["active"] != template.active:
        template.active = bool(fields["active"])
        if template.active:
            _activate(template)
    template.save()
    return template


def active_template(kind: str) -> DocumentTemplate | None:
    return DocumentTemplate.objects.filter(kind=kind, active=True).first()


# -- agreements --------------------------------------------------------------


def _guardian_required(placement: Placement) -> bool:
    return (
        age_on(placement.student.date_of_birth, placement.starts_on) < settings.INTERNSHIP_ADULT_AGE
    )


def _lock(agreement: InternshipAgreement) -> InternshipAgreement:
    return (
        InternshipAgreement.objects.select_for_update(of=("self",))
        .select_related(
            "placement__student", "placement__position", "placement__enterprise", "template"
        )
        .get(pk=agreement.pk)
    )


def _check_open(agreement: InternshipAgreement) -> None:
    if agreement.status == InternshipAgreement.Status.VOID:
        raise RuleError("agreement_void", _("This document is void."))
    if agreement.status == InternshipAgreement.Status.SIGNED:
        raise RuleError(
            "agreement_signed",
            _("This document is signed by every party; changes need an amendment."),
        )


@transaction.atomic
def agreement_create(
    *,
    placement: Placement,
    actor: User | None,
    kind: str = DocumentKind.INTERNSHIP_AGREEMENT,
    amends: InternshipAgreement | None = None,
    changes: list[str] | None = None,
) -> InternshipAgreement:
    """A draft document for the placement; ``generate`` makes its PDF."""
    placement = (
        Placement.objects.select_for_update().select_related("position").get(pk=placement.pk)
    )
    if kind not in (DocumentKind.INTERNSHIP_AGREEMENT, DocumentKind.INFORMED_CONSENT):
        if not (kind == DocumentKind.AMENDMENT and amends is not None):
            raise RuleError(
                "kind_invalid",
                _("Create an internship agreement or an informed-consent form."),
                field="kind",
            )
    if placement.position.kind == Position.Kind.COGNITIVE:
        raise RuleError(
            "agreement_not_needed",
            _("A cognitive internship needs no agreement."),
            field="placement",
        )
    if kind == DocumentKind.INFORMED_CONSENT and placement.position.kind != Position.Kind.POST:
        raise RuleError(
            "agreement_not_needed",
            _("The informed-consent form is for post internships."),
            field="placement",
        )
    if placement.status in (Placement.Status.COMPLETED, Placement.Status.TERMINATED):
        raise RuleError("placement_ended", _("This placement has ended."), field="placement")
    if (
        kind != DocumentKind.AMENDMENT
        and (
            placement.agreements.filter(kind=kind).exclude(status=InternshipAgreement.Status.VOID)
        ).exists()
    ):
        raise RuleError(
            "agreement_exists",
            _("This placement already has this document; void it first to start again."),
            field="placement",
        )
    agreement = InternshipAgreement.objects.create(
        placement=placement,
        kind=kind,
        amends=amends,
        changes=changes or [],
        guardian_required=_guardian_required(placement),
    )
    _log(agreement, AgreementEvent.Kind.CREATED, actor=actor)
    return agreement


def _title(template: DocumentTemplate, values: dict) -> str:
    return placeholders.fill(template.title, values)


@transaction.atomic
def agreement_generate(
    *, agreement: InternshipAgreement, actor: User | None
) -> InternshipAgreement:
    """A new version of the PDF from the kind's active template and today's terms.

    Signatures given to an earlier version no longer count: it is superseded
    and stays archived with them.
    """
    agreement = _lock(agreement)
    _check_open(agreement)
    template = active_template(agreement.kind)
    if template is None:
        raise RuleError(
            "template_missing",
            _("There is no active template for this kind of document."),
        )
    values = placeholders.values_for(agreement)
    title = _title(template, values)
    body = placeholders.fill(template.body, values)
    number = (agreement.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    data = pdf.render(number=agreement.number, title=title, body=body, version=number)
    version = AgreementVersion(
        agreement=agreement,
        number=number,
        sha256=pdf.sha256(data),
        terms=placeholders.terms_of(agreement.placement),
    )
    version.pdf.save(f"{agreement.number}-v{number}.pdf", ContentFile(data), save=False)
    version.save()
    agreement.template = template
    agreement.status = InternshipAgreement.Status.SIGNING
    agreement.save(update_fields=["template", "status", "updated_at"])
    _log(agreement, AgreementEvent.Kind.GENERATED, actor=actor, note=f"v{number} {version.sha256}")
    return agreement


def current_version(agreement: InternshipAgreement) -> AgreementVersion | None:
    return agreement.versions.order_by("-number").first()


def next_party(agreement: InternshipAgreement, version: AgreementVersion | None) -> str | None:
    """The first party, in order, that has not signed the current version."""
    signed = set(agreement.signatures.filter(version=version).values_list("party", flat=True))
    return next((p for p in agreement.parties if p not in signed), None)


def _caller_party(agreement: InternshipAgreement, user: User, asked: str | None) -> str:
    role = role_of(user)
    placement = agreement.placement
    if role == Role.STUDENT and placement.student.user_id == user.pk:
        if asked == Party.GUARDIAN:
            return Party.GUARDIAN
        return Party.STUDENT
    if role == Role.LIAISON and enterprise_id_of(user) == placement.enterprise_id:
        return Party.ENTERPRISE
    if role == Role.ADMINISTRATOR:
        return Party.COLLEGE
    raise RuleError("not_a_party", _("You do not sign this document for any party."), status=403)


def _check_turn(agreement, version, party: str) -> None:
    expected = next_party(agreement, version)
    if party not in agreement.parties:
        raise RuleError("not_a_party", _("This party does not sign this document."), field="party")
    if party != expected:
        raise RuleError(
            "not_your_turn",
            _("It is not this party's turn: the %(party)s signs next.")
            % {"party": Party(expected).label if expected else "—"},
        )


def _check_terms(agreement, version) -> None:
    if version.terms and placeholders.terms_of(agreement.placement) != version.terms:
        raise RuleError(
            "terms_changed",
            _(
                "The placement's terms changed since this document was generated; "
                "it must be generated again before signing."
            ),
        )


def _require_version(agreement) -> AgreementVersion:
    version = current_version(agreement)
    if version is None:
        raise RuleError("agreement_not_generated", _("Generate the document before it is signed."))
    return version


@transaction.atomic
def agreement_sign(
    *,
    agreement: InternshipAgreement,
    actor: User,
    sha256: str,
    ip_address: str | None = None,
    party: str | None = None,
    name: str = "",
) -> InternshipAgreement:
    """The caller signs, for their party, the version whose hash they send."""
    agreement = _lock(agreement)
    _check_open(agreement)
    version = _require_version(agreement)
    sha256 = (sha256 or "").strip().lower()
    if sha256 != version.sha256:
        if sha256 and agreement.versions.filter(sha256=sha256).exists():
            raise RuleError(
                "version_superseded",
                _("A newer version of this document was generated; read and sign that one."),
                field="sha256",
            )
        raise RuleError(
            "document_changed",
            _("The document's hash does not match the current version; read it again."),
            field="sha256",
        )
    party = _caller_party(agreement, actor, party)
    _check_turn(agreement, version, party)
    _check_terms(agreement, version)
    if party == Party.GUARDIAN:
        name = (name or "").strip()
        if not name:
            raise RuleError("name_required", _("Give the guardian's name."), field="name")
    elif party == Party.STUDENT:
        name = agreement.placement.student.name
    elif party == Party.ENTERPRISE:
        name = f"{agreement.placement.enterprise.name}（{_person(actor)}）"
    else:
        name = f"{settings.CONTRACTS_COLLEGE_NAME}（{_person(actor)}）"
    Signature.objects.create(
        agreement=agreement,
        version=version,
        party=party,
        name=name[:100],
        signer=actor,
        method=Signature.Method.ONLINE,
        signed_at=timezone.now(),
        ip_address=ip_address or None,
        sha256=version.sha256,
    )
    _log(agreement, AgreementEvent.Kind.SIGNED, actor=actor, note=f"{party} {version.sha256}")
    if next_party(agreement, version) is None:
        _complete(agreement, version, actor=actor)
    return agreement


def scan_check(uploaded) -> str:
    """The scan's content type, or a RuleError when its type or size is refused."""
    if uploaded is None:
        raise RuleError("file_required", _("Upload the signed scan."), field="file")
    size = getattr(uploaded, "size", None) or 0
    if size == 0:
        raise RuleError("file_empty", _("The file is empty."), field="file")
    if size > settings.CONTRACTS_SCAN_MAX_BYTES:
        raise RuleError(
            "file_too_large",
            _("A scan may be at most %(mb).1f MB.")
            % {"mb": settings.CONTRACTS_SCAN_MAX_BYTES / 1024 / 1024},
            field="file",
        )
    suffix = Path(uploaded.name or "").suffix.lower()
    if suffix not in SCAN_TYPES:
        raise RuleError("file_type", _("Upload a PDF, JPG or PNG scan."), field="file")
    content_type, matches = SCAN_TYPES[suffix]
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not matches(head):
        raise RuleError(
            "file_type",
            _("The file's content does not match its %(ext)s extension.") % {"ext": suffix},
            field="file",
        )
    return content_type


@transaction.atomic
def agreement_upload_paper(
    *,
    agreement: InternshipAgreement,
    actor: User,
    file,
    party: str = "all",
    name: str = "",
) -> InternshipAgreement:
    """An administrator confirms a paper signature from its scan: the next
    party's, or (``party="all"``) every party still to sign."""
    content_type = scan_check(file)
    agreement = _lock(agreement)
    _check_open(agreement)
    version = _require_version(agreement)
    _check_terms(agreement, version)
    pending = [p for p in agreement.parties if p == next_party(agreement, version)]
    if party == "all":
        signed = set(agreement.signatures.filter(version=version).values_list("party", flat=True))
        pending = [p for p in agreement.parties if p not in signed]
    else:
        if party not in Party.values:
            raise RuleError("party_invalid", _("Unknown party."), field="party")
        _check_turn(agreement, version, party)
        pending = [party]
    now = timezone.now()
    stored_name = ""
    for each in pending:
        signature = Signature(
            agreement=agreement,
            version=version,
            party=each,
            name=_paper_name(agreement, each, name)[:100],
            method=Signature.Method.PAPER,
            signed_at=now,
            sha256=version.sha256,
            scan_type=content_type,
            confirmed_by=actor,
        )
        if stored_name:
            signature.scan.name = stored_name
        else:
            original = Path(file.name).name[-80:]
            signature.scan.save(f"{agreement.number}-{original}", file, save=False)
            stored_name = signature.scan.name
        signature.save()
    _log(
        agreement,
        AgreementEvent.Kind.PAPER,
        actor=actor,
        note=", ".join(pending),
    )
    if next_party(agreement, version) is None:
        _complete(agreement, version, actor=actor)
    return agreement


def _paper_name(agreement, party: str, given: str) -> str:
    placement = agreement.placement
    if party == Party.STUDENT:
        return placement.student.name
    if party == Party.ENTERPRISE:
        return placement.enterprise.name
    if party == Party.COLLEGE:
        return settings.CONTRACTS_COLLEGE_NAME
    return (given or "").strip() or PARTY_NAMES[Party.GUARDIAN]


def _signature_rows(agreement, version) -> list[dict]:
    order = {p: i for i, p in enumerate(agreement.parties)}
    rows = sorted(agreement.signatures.filter(version=version), key=lambda s: order.get(s.party, 9))
    local = timezone.get_current_timezone()
    return [
        {
            "party_label": PARTY_NAMES.get(s.party, s.party),
            "name": s.name,
            "method_label": METHOD_NAMES.get(s.method, s.method),
            "signed_at": s.signed_at.astimezone(local).strftime("%Y-%m-%d %H:%M:%S %Z"),
            "ip_address": s.ip_address or "",
            "sha256": s.sha256,
        }
        for s in rows
    ]


def _complete(agreement: InternshipAgreement, version: AgreementVersion, *, actor) -> None:
    """Every party signed: the final PDF with its signature page, sealed when
    a certificate is configured, archived in the media storage."""
    template = agreement.template
    values = placeholders.values_for(agreement)
    values.update(version.terms)
    data = pdf.render_signed(
        number=agreement.number,
        title=_title(template, values),
        body=placeholders.fill(template.body, values),
        signatures=_signature_rows(agreement, version),
        source_sha256=version.sha256,
        version=version.number,
    )
    if seal.configured():
        data = seal.seal(data, reason=f"{agreement.number} {version.sha256}")
        agreement.sealed = True
    agreement.final_pdf.save(f"{agreement.number}-signed.pdf", ContentFile(data), save=False)
    agreement.final_sha256 = pdf.sha256(data)
    agreement.status = InternshipAgreement.Status.SIGNED
    agreement.signed_at = timezone.now()
    agreement.save()
    _log(agreement, AgreementEvent.Kind.COMPLETED, actor=actor, note=agreement.final_sha256)
    if agreement.sealed:
        _log(agreement, AgreementEvent.Kind.SEALED, actor=actor)
    _mirror(agreement.placement_id)


def _mirror(placement_id: int) -> None:
    """Keep the placement's ``agreement_signed`` flag (lists, filters, the
    unprepared reminder) equal to whether its agreement is signed."""
    signed = InternshipAgreement.objects.filter(
        placement_id=placement_id,
        kind=DocumentKind.INTERNSHIP_AGREEMENT,
        status=InternshipAgreement.Status.SIGNED,
    ).exists()
    Placement.objects.filter(pk=placement_id).exclude(agreement_signed=signed).update(
        agreement_signed=signed
    )


@transaction.atomic
def agreement_void(
    *, agreement: InternshipAgreement, actor: User, reason: str
) -> InternshipAgreement:
    agreement = _lock(agreement)
    if agreement.status == InternshipAgreement.Status.VOID:
        raise RuleError("agreement_void", _("This document is void."))
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("reason_required", _("Give the reason for voiding it."), field="reason")
    agreement.status = InternshipAgreement.Status.VOID
    agreement.void_reason = reason
    agreement.save(update_fields=["status", "void_reason", "updated_at"])
    _log(agreement, AgreementEvent.Kind.VOIDED, actor=actor, note=reason)
    # An amendment still to be signed amends nothing once its agreement is void:
    # it is void too (otherwise it would still take signatures and hold a
    # planned placement back after a new agreement was signed).
    for amendment in agreement.amendments.select_for_update().filter(status__in=OPEN):
        amendment.status = InternshipAgreement.Status.VOID
        amendment.void_reason = _("The agreement it amends was voided: %(reason)s") % {
            "reason": reason
        }
        amendment.save(update_fields=["status", "void_reason", "updated_at"])
        _log(amendment, AgreementEvent.Kind.VOIDED, actor=actor, note=amendment.void_reason)
    _mirror(agreement.placement_id)
    return agreement


# -- what the placement's services call (internships/hooks.py) ---------------


def _record_paper(placement: Placement, kind: str, actor) -> None:
    exists = (
        InternshipAgreement.objects.filter(placement=placement, kind=kind)
        .exclude(status=InternshipAgreement.Status.VOID)
        .exists()
    )
    if exists:
        return
    agreement = InternshipAgreement.objects.create(
        placement=placement,
        kind=kind,
        status=InternshipAgreement.Status.SIGNED,
        guardian_required=_guardian_required(placement),
        signed_at=timezone.now(),
    )
    for party in agreement.parties:
        Signature.objects.create(
            agreement=agreement,
            party=party,
            name=_paper_name(agreement, party, "")[:100],
            method=Signature.Method.PAPER,
            signed_at=agreement.signed_at,
            confirmed_by=actor,
        )
    _log(agreement, AgreementEvent.Kind.PAPER, actor=actor, note="agreement_signed")


def record_paper_paperwork(placement: Placement, actor=None) -> None:
    """The placement's checkbox "agreement signed", ticked by the school: its
    paper agreement (and a post internship's consent form) are on file."""
    if placement.position.kind == Position.Kind.COGNITIVE:
        return
    _record_paper(placement, DocumentKind.INTERNSHIP_AGREEMENT, actor)
    if placement.position.kind == Position.Kind.POST:
        _record_paper(placement, DocumentKind.INFORMED_CONSENT, actor)


CHANGE_LABELS = {
    "starts_on": "开始日期",
    "ends_on": "结束日期",
    "position": "实习岗位",
    "mentor_name": "企业指导教师",
    "position.title": "岗位名称",
    "position.daily_hours": "每日工作时间",
    "position.night_shift": "夜班安排",
    "position.monthly_pay": "实习报酬",
}


def _open_amendment(agreement: InternshipAgreement, labels: list[str], actor) -> None:
    amendment = agreement.amendments.filter(status__in=OPEN).order_by("-pk").first()
    if amendment is None:
        amendment = agreement_create(
            placement=agreement.placement,
            actor=actor,
            kind=DocumentKind.AMENDMENT,
            amends=agreement,
            changes=labels,
        )
        _log(agreement, AgreementEvent.Kind.AMENDED, actor=actor, note="、".join(labels))
    else:
        amendment.changes = list(dict.fromkeys([*amendment.changes, *labels]))
        amendment.save(update_fields=["changes", "updated_at"])
    if active_template(DocumentKind.AMENDMENT) is not None:
        agreement_generate(agreement=amendment, actor=actor)


def _check_checkbox(placement: Placement) -> None:
    """The checkbox "agreement signed" may record a paper agreement, never
    contradict the documents on file: it stays equal to "the agreement is signed"."""
    agreements = InternshipAgreement.objects.filter(
        placement=placement, kind=DocumentKind.INTERNSHIP_AGREEMENT
    )
    if placement.agreement_signed and agreements.filter(status__in=OPEN).exists():
        raise RuleError(
            "agreement_being_signed",
            _(
                "This placement's agreement is being signed: record its paper signatures "
                "on the agreement (upload the scan), or void it first."
            ),
            field="agreement_signed",
        )
    if (
        not placement.agreement_signed
        and agreements.filter(status=InternshipAgreement.Status.SIGNED).exists()
    ):
        raise RuleError(
            "agreement_on_file",
            _(
                "This placement's agreement is signed by every party; void it to mark "
                "the placement unsigned."
            ),
            field="agreement_signed",
        )


def placement_changed(placement: Placement, *, changed: set[str], actor=None) -> None:
    """A placement's listener (internships/hooks.py): paper records from the
    checkbox, and an amendment when a signed agreement's terms changed."""
    if "agreement_signed" in changed and "created" not in changed:
        _check_checkbox(placement)
    if placement.agreement_signed and ({"created", "agreement_signed"} & changed):
        record_paper_paperwork(placement, actor)
    terms = [
        name
        for name in changed
        if name in placeholders.TERM_FIELDS
        or name.removeprefix("position.") in placeholders.POSITION_TERM_FIELDS
        and name.startswith("position.")
    ]
    if not terms or placement.status not in (Placement.Status.PLANNED, Placement.Status.ACTIVE):
        return
    labels = [CHANGE_LABELS.get(name, name) for name in sorted(terms)]
    for agreement in InternshipAgreement.objects.filter(
        placement=placement,
        kind=DocumentKind.INTERNSHIP_AGREEMENT,
        status=InternshipAgreement.Status.SIGNED,
    ):
        _open_amendment(agreement, labels, actor)


# -- the certificate ---------------------------------------------------------

DEFAULT_CERTIFICATE = (
    "兹证明{{student_name}}（学号{{student_number}}，{{student_major}}专业）"
    "于{{starts_on}}至{{ends_on}}在{{enterprise_name}}{{position_title}}岗位完成"
    "{{internship_kind}}。\n\n{{college_name}}\n{{today}}"
)


def certificate_pdf(*, placement: Placement) -> bytes:
    """A completed placement's internship certificate."""
    if placement.status != Placement.Status.COMPLETED:
        raise RuleError(
            "placement_not_completed",
            _("The certificate is issued once the placement is completed."),
        )
    template = active_template(DocumentKind.CERTIFICATE)
    title, body = (
        ("实习证明", DEFAULT_CERTIFICATE)
        if template is None
        else (
            template.title,
            template.body,
        )
    )
    holder = InternshipAgreement(placement=placement, kind=DocumentKind.CERTIFICATE)
    values = placeholders.values_for(holder)
    number = f"ZM-{placement.ends_on:%Y}-{placement.pk:06d}"
    values["agreement_number"] = number
    return pdf.render(
        number=number,
        title=placeholders.fill(title, values),
        body=placeholders.fill(body, values),
        created=datetime.datetime.combine(
            placement.ends_on, datetime.time(12), tzinfo=datetime.timezone.utc
        ),
    )
