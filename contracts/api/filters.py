"""Filters of the agreement lists (the API and the pages share them)."""

from __future__ import annotations

import django_filters

from common.filters import FilterSet, IdFilter, SearchFilter
from contracts.models import DocumentKind, DocumentTemplate, InternshipAgreement


class DocumentTemplateFilter(FilterSet):
    search = SearchFilter(fields=("title",))
    ordering_fields = ("kind", "version", "id")

    class Meta:
        model = DocumentTemplate
        fields = ["kind", "active"]


class InternshipAgreementFilter(FilterSet):
    search = SearchFilter(fields=("placement__student__name", "placement__enterprise__name"))
    ordering_fields = ("created_at", "status", "id")
    placement = IdFilter(field_name="placement_id")
    enterprise = IdFilter(field_name="placement__enterprise_id")
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices)

    class Meta:
        model = InternshipAgreement
        fields = ["status", "kind", "placement", "enterprise"]
