import django_filters

from common.filters import FilterSet, IdFilter, SearchFilter
from internships.models import InternshipPlan, PlacementLog
from practice.models import CheckIn, InternshipReport, Journal


class InternshipPlanFilter(FilterSet):
    search = SearchFilter(fields=("name",))
    ordering_fields = ("name", "starts_on", "id")
    cohort = IdFilter(min_value=1900, max_value=3000)

    class Meta:
        model = InternshipPlan
        fields = ["cohort"]


class CheckInFilter(FilterSet):
    ordering_fields = ("date", "id")
    placement = IdFilter(field_name="placement_id")
    date = django_filters.DateFilter()
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    on_site = django_filters.BooleanFilter()

    class Meta:
        model = CheckIn
        fields = ["placement", "date", "on_site"]


class JournalFilter(FilterSet):
    ordering_fields = ("period_start", "submitted_at", "id")
    placement = IdFilter(field_name="placement_id")

    class Meta:
        model = Journal
        fields = ["placement", "kind", "status"]


class InternshipReportFilter(FilterSet):
    ordering_fields = ("id",)
    placement = IdFilter(field_name="placement_id")

    class Meta:
        model = InternshipReport
        fields = ["placement", "status"]


class IncidentFilter(FilterSet):
    ordering_fields = ("date", "id")
    placement = IdFilter(field_name="placement_id")

    class Meta:
        model = PlacementLog
        fields = ["placement"]
