"""The yearly cooperation figures (AnnualReview) and interns / hires (Placement)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from internships.models import completed_in_q, placed_in_q
from reports.tables import Column, ColumnType

TXT, INT, DEC, PCT, DATE = (
    ColumnType.TEXT,
    ColumnType.INTEGER,
    ColumnType.DECIMAL,
    ColumnType.PERCENT,
    ColumnType.DATE,
)
ZERO = Decimal("0")
YEARS_BACK = 4  # major, enterprise and group reports cover the year and the 4 before


def figure_columns() -> list[Column]:
    """The 产学合作 table's figures, in its order."""
    return [
        Column("order_class_students", _("Order-class students"), INT),
        Column("courses_developed", _("Courses developed together"), INT),
        Column("textbooks_developed", _("Textbooks developed together"), INT),
        Column("part_time_teachers", _("Part-time teachers supplied"), INT),
        Column("interns_accepted", _("Interns accepted"), INT),
        Column("graduates_hired", _("Graduates hired"), INT),
        Column("service_income", _("Technical-service income (CNY)"), DEC),
        Column("equipment_donated", _("Equipment donated (CNY)"), DEC),
        Column("equipment_provided", _("Equipment provided without transfer (CNY)"), DEC),
        Column("training_person_days", _("Employee training person-days"), INT),
    ]


REVIEW_FIGURES = (
    "order_class_students",
    "courses_developed",
    "textbooks_developed",
    "part_time_teachers",
    "equipment_donated",
    "equipment_provided",
    "service_income",
    "training_person_days",
)
MONEY = {"equipment_donated", "equipment_provided", "service_income"}


def interns_accepted_q(year: int) -> Q:
    """Interns accepted in the year: active or completed placements overlapping it."""
    return placed_in_q(year)


def graduates_hired_q(year: int) -> Q:
    """Graduates hired: completed placements ending in the year with hired = yes."""
    from internships.models import Placement

    return completed_in_q(year) & Q(hired=Placement.Hired.YES)
