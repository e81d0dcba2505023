"""Several years with year-on-year change, for the major, enterprise and group reports."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from reports.tables import Column, ColumnType, Table

from .figures import INT


def yearly_tables(
    key: str, title: str, columns: Sequence[Column], by_year: dict[int, dict]
) -> list[Table]:
    """The figures of each year, then each figure's change on the year before."""
    years = sorted(by_year)
    year_column = Column("year", _("Year"), INT)
    figures = Table(
        key,
        title,
        [year_column, *columns],
        [(year, *[by_year[year][c.key] for c in columns]) for year in years],
    )
    change_rows = []
    for previous, year in zip(years, years[1:], strict=False):
        row = [year]
        for column in columns:
            now, before = by_year[year][column.key], by_year[previous][column.key]
            if column.type == ColumnType.PERCENT:
                row.append(None if now is None or before is None else round(now - before, 4))
            elif now is None or before is None:
                row.append(None)
            else:
                row.append(now - before)
        change_rows.append(tuple(row))
    change = Table(
        f"{key}_change",
        _("Change on the previous year"),
        [year_column, *columns],
        change_rows,
        note=_("Each figure minus the same figure a year earlier."),
    )
    return [figures, change]
