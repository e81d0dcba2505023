"""Report row builders: each kind of report as a Document of plain tables.

The builders only read (aggregates computed by the database, a fixed number of
queries per table) and return rows of plain values; reports/writers.py turns
them into files. Figures are aggregates and enterprise names. The one table
with personal data (the placements list, students' names and numbers) is
only in administrators' reports; a reporter's report never contains it, nor
contact people or dates of birth.

One module per kind of document (``annual``, ``enterprise``, ``major``,
``group``), the figures they share (``figures``), the several-year tables
(``years``) and the dispatch by kind (``build``); every public name is
re-exported here.
"""

from .annual import (
    SCORE_FIELDS,
    annual_document,
    cooperation_columns,
    cooperation_rows,
    score_columns,
    terminated_in_year,
)
from .build import (
    BUILDERS,
    build_document,
)
from .compliance import (
    FLAG_CODES,
    compliance_table,
    override_list,
)
from .enterprise import (
    enterprise_document,
)
from .figures import (
    DATE,
    DEC,
    INT,
    MONEY,
    PCT,
    REVIEW_FIGURES,
    TXT,
    YEARS_BACK,
    ZERO,
    figure_columns,
    graduates_hired_q,
    interns_accepted_q,
)
from .group import (
    group_document,
)
from .major import (
    major_document,
)
from .years import (
    yearly_tables,
)

__all__ = [
    "FLAG_CODES",
    "compliance_table",
    "override_list",
    "BUILDERS",
    "DATE",
    "DEC",
    "INT",
    "MONEY",
    "PCT",
    "REVIEW_FIGURES",
    "SCORE_FIELDS",
    "TXT",
    "YEARS_BACK",
    "ZERO",
    "annual_document",
    "build_document",
    "cooperation_columns",
    "cooperation_rows",
    "enterprise_document",
    "figure_columns",
    "graduates_hired_q",
    "group_document",
    "interns_accepted_q",
    "major_document",
    "score_columns",
    "terminated_in_year",
    "yearly_tables",
]
