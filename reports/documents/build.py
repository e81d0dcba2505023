"""Which builder makes which kind of report."""

from __future__ import annotations

from reports.models import Report
from reports.tables import Document

from .annual import annual_document
from .enterprise import enterprise_document
from .group import group_document
from .major import major_document

BUILDERS = {
    Report.Kind.ANNUAL: annual_document,
    Report.Kind.MAJOR: major_document,
    Report.Kind.ENTERPRISE: enterprise_document,
    Report.Kind.GROUP: group_document,
}


def build_document(report: Report) -> Document:
    return BUILDERS[report.kind](report)
