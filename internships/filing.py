"""Filing (实习备案) of internships with the authority.

A ``FilingBatch`` names the placements by filters (major, cohort, kind, a
range of start dates); its files list them as the records stand: student,
unit, post, dates, destination and its approval, insurance, and the school's
emergency plan. XLSX for the authority's systems, PDF for the paper file.
"""

from __future__ import annotations

import io

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from common.spreadsheet import safe_cell, safe_row
from internships.models import FilingBatch, InsurancePolicy, Placement


def batch_placements(batch: FilingBatch) -> QuerySet[Placement]:
    """Planned, active and completed placements the batch's filters select."""
    placements = Placement.objects.exclude(status=Placement.Status.TERMINATED)
    if batch.major_id:
        placements = placements.filter(student__major_id=batch.major_id)
    if batch.cohort:
        placements = placements.filter(student__cohort=batch.cohort)
    if batch.kind:
        placements = placements.filter(position__kind=batch.kind)
    if batch.starts_from:
        placements = placements.filter(starts_on__gte=batch.starts_from)
    if batch.starts_to:
        placements = placements.filter(starts_on__lte=batch.starts_to)
    return (
        placements.select_related("student__major", "position", "enterprise", "supervisor")
        .prefetch_related(
            Prefetch(
                "insurance_policies", queryset=InsurancePolicy.objects.order_by("covers_from", "id")
            )
        )
        .order_by("student__student_number", "starts_on", "id")
    )


def headers() -> list[str]:
    return [
        _("Student number"),
        _("Name"),
        _("Major"),
        _("Cohort"),
        _("Internship unit"),
        _("Unified social credit code"),
        _("Post"),
        _("Kind"),
        _("Starts on"),
        _("Ends on"),
        _("Destination"),
        _("Destination approved on"),
        _("School supervisor"),
        _("Enterprise mentor"),
        _("Insurer"),
        _("Policy number"),
        _("Insured from"),
        _("Insured until"),
    ]


def _insurance(placement: Placement) -> tuple[str, str, object, object]:
    """The insurance that covers the placement as it stands: a recorded policy
    spanning it, else the policy named on the placement when its expiry covers
    the end (a recorded policy can stop spanning when the dates move), else
    what is on record."""
    policies = list(placement.insurance_policies.all())
    spanning = [
        p
        for p in policies
        if p.covers_from <= placement.starts_on and p.covers_to >= placement.ends_on
    ]
    named_covers = bool(placement.insurance_policy) and (
        placement.insurance_expires_on is not None
        and placement.insurance_expires_on >= placement.ends_on
    )
    if spanning or (policies and not named_covers):
        policy = (spanning or policies)[0]
        return policy.insurer, policy.number, policy.covers_from, policy.covers_to
    return "", placement.insurance_policy, None, placement.insurance_expires_on


def rows(batch: FilingBatch) -> list[list]:
    table = []
    for placement in batch_placements(batch):
        student, position = placement.student, placement.position
        supervisor = placement.supervisor
        insurer, number, insured_from, insured_to = _insurance(placement)
        table.append(
            [
                student.student_number,
                student.name,
                student.major.name,
                student.cohort,
                placement.enterprise.name,
                placement.enterprise.credit_code,
                position.title,
                position.get_kind_display(),
                placement.starts_on,
                placement.ends_on,
                placement.get_destination_display(),
                placement.destination_approved_on,
                (supervisor.get_full_name() or supervisor.username) if supervisor else "",
                placement.mentor_name,
                insurer,
                number,
                insured_from,
                insured_to,
            ]
        )
    return table


def _text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def batch_xlsx(batch: FilingBatch) -> bytes:
    """Sheet one the placements, sheet two the emergency plan."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Filing")[:31])
    sheet.append(safe_row(headers()))
    for line in rows(batch):
        sheet.append([v if v is None or not isinstance(v, str) else safe_cell(v) for v in line])
    plan = book.create_sheet(_("Emergency plan")[:31])
    plan.append([safe_cell(batch.title)])
    for paragraph in batch.emergency_plan.splitlines() or [""]:
        plan.append([safe_cell(paragraph)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def batch_pdf(batch: FilingBatch) -> bytes:
    from common.pdf import table_pdf

    return table_pdf(
        title=_("Internship filing: %(title)s") % {"title": batch.title},
        headers=headers(),
        rows=([_text(v) for v in line] for line in rows(batch)),
        paragraphs=[(_("Emergency plan"), batch.emergency_plan)],
    )
