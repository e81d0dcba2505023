"""One FilterSet per record type, built from its ``Kind``."""

from __future__ import annotations

import django_filters
from django import forms
from django.db import models

from common.filters import FilterSet, SearchFilter
from records.kinds import KINDS, Kind
from records.models import FigureCorrection


class YearFilter(django_filters.NumberFilter):
    """A calendar year; anything else (0, 2025.5, 99999) is a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


def _filterset_for(kind: Kind) -> type[FilterSet]:
    attrs: dict = {"ordering_fields": kind.ordering}
    if kind.search:
        attrs["search"] = SearchFilter(fields=kind.search)
    if kind.year_field and "year" not in kind.filters:
        field = kind.model._meta.get_field(kind.year_field)
        lookup = "year" if isinstance(field, models.DateField) else "exact"
        attrs["year"] = YearFilter(
            field_name=kind.year_field, lookup_expr=lookup, label="Calendar year"
        )
    if "year" in kind.filters:
        attrs["year"] = YearFilter()
    meta_fields = [name for name in kind.filters if name != "year"]
    if "year" in attrs:
        meta_fields.append("year")
    attrs["Meta"] = type("Meta", (), {"model": kind.model, "fields": meta_fields})
    name = kind.model.__name__ + "Filter"
    return type(name, (FilterSet,), attrs)


FILTERS: dict[str, type[FilterSet]] = {
    resource: _filterset_for(kind) for resource, kind in KINDS.items()
}


class FigureCorrectionFilter(FilterSet):
    ordering_fields = ("figure", "id", "created_at")

    class Meta:
        model = FigureCorrection
        fields = ["review", "figure"]
