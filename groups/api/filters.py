import django_filters
from django import forms

from common.filters import FilterSet, IdFilter, SearchFilter
from groups.models import (
    EducationGroup,
    GroupMember,
    GroupTarget,
    ResearchProject,
    SharedResource,
)


class YearFilter(django_filters.NumberFilter):
    """A calendar year; anything else (0, 2025.5, 99999) is a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class EducationGroupFilter(FilterSet):
    search = SearchFilter(fields=("name", "lead_institutions"))
    ordering_fields = ("name", "founded_on", "level", "id", "created_at")

    class Meta:
        model = EducationGroup
        fields = ["level"]


class GroupMemberFilter(FilterSet):
    search = SearchFilter(fields=("name",))
    current = django_filters.BooleanFilter(
        field_name="left_on", lookup_expr="isnull", label="Still a member (not left)"
    )
    year = YearFilter(method="filter_year", label="Member during this year")

    class Meta:
        model = GroupMember
        fields = ["group", "kind", "role", "enterprise", "current", "year"]

    def filter_year(self, queryset, name, value):
        return queryset.during(value)


class SharedResourceFilter(FilterSet):
    search = SearchFilter(fields=("title",))
    ordering_fields = ("year", "title", "kind", "id", "created_at")
    year = YearFilter()
    contributor = IdFilter(field_name="contributors", distinct=True)

    class Meta:
        model = SharedResource
        fields = ["group", "kind", "year", "contributor"]


class ResearchProjectFilter(FilterSet):
    search = SearchFilter(fields=("title",))
    ordering_fields = (
        "started_on",
        "title",
        "status",
        "patents",
        "technical_improvements",
        "achievements",
        "id",
    )
    year = YearFilter(field_name="started_on", lookup_expr="year")
    member = IdFilter(field_name="members", distinct=True)

    class Meta:
        model = ResearchProject
        fields = ["group", "status", "year", "member"]


class GroupTargetFilter(FilterSet):
    year = YearFilter()

    class Meta:
        model = GroupTarget
        fields = ["group", "year"]
