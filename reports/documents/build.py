"""Which builder makes which kind of report."""

from __future__ import annotations

from reports.filings.cooperation_table import cooperation_table_document
from reports.filings.enterprise_annual import enterprise_annual_document
from reports.filings.quality import quality_indicators_document
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
    Report.Kind.COOPERATION_TABLE: cooperation_table_document,
    Report.Kind.ENTERPRISE_ANNUAL: enterprise_annual_document,
    Report.Kind.QUALITY_INDICATORS: quality_indicators_document,
}


def build_document(report: Report) -> Document:
    return BUILDERS[report.kind](report)
