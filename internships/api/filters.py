import django_filters
from django.utils.translation import gettext_lazy as _

from common.filters import FilterSet, IdFilter, SearchFilter
from internships.models import (
    Attendance,
    Evaluation,
    FilingBatch,
    InsurancePolicy,
    PayRecord,
    Placement,
    PlacementLog,
    Position,
    Student,
)

# Foreign keys filter by number, not by a model choice: a choice field would
# answer differently for another enterprise's id than for a missing one.


class StudentFilter(FilterSet):
    search = SearchFilter(fields=("student_number", "name"))
    ordering_fields = ("student_number", "name", "cohort", "id")
    major = IdFilter(field_name="major_id")
    cohort = IdFilter(min_value=1900, max_value=3000)

    class Meta:
        model = Student
        fields = ["major", "cohort"]


class LiaisonStudentFilter(FilterSet):
    """A liaison filters their interns by what they may know: the major.

    ``cohort`` is read (a malformed one is a 400, as for everyone) but not
    applied: filtering by it would tell the liaison each intern's cohort.
    """

    search = SearchFilter(fields=("student_number", "name"))
    major = IdFilter(field_name="major_id")
    ordering_fields = ("student_number", "name", "id")  # not by cohort: a liaison may not know it
    cohort = IdFilter(min_value=1900, max_value=3000, method="ignore")

    class Meta:
        model = Student
        fields = ["major", "cohort"]

    def ignore(self, queryset, name, value):
        return queryset


class PositionFilter(FilterSet):
    search = SearchFilter(fields=("title", "enterprise__name"))
    ordering_fields = ("starts_on", "ends_on", "title", "capacity", "id")
    enterprise = IdFilter(field_name="enterprise_id")
    is_open = django_filters.BooleanFilter()

    class Meta:
        model = Position
        fields = ["enterprise", "kind", "is_open"]


class PlacementFilter(FilterSet):
    search = SearchFilter(
        fields=("student__name", "student__student_number", "position__title", "enterprise__name")
    )
    ordering_fields = ("starts_on", "ends_on", "status", "student__name", "enterprise__name", "id")
    kind = django_filters.ChoiceFilter(field_name="position__kind", choices=Position.Kind.choices)
    enterprise = IdFilter(field_name="enterprise_id")
    # A name rather than a list of every partner, which would grow the page.
    enterprise_name = django_filters.CharFilter(
        field_name="enterprise__name", lookup_expr="icontains", max_length=200
    )
    major = IdFilter(field_name="student__major_id")
    cohort = IdFilter(field_name="student__cohort", min_value=1900, max_value=3000)
    supervisor = IdFilter(field_name="supervisor_id")
    student = IdFilter(field_name="student_id")
    position = IdFilter(field_name="position_id")
    has_warnings = django_filters.BooleanFilter(
        method="filter_has_warnings", label=_("Has rule warnings")
    )

    class Meta:
        model = Placement
        fields = [
            "status",
            "kind",
            "enterprise",
            "major",
            "cohort",
            "supervisor",
            "student",
            "position",
            "hired",
        ]

    def filter_has_warnings(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(warnings=[]) if value else queryset.filter(warnings=[])


class AttendanceFilter(FilterSet):
    placement = IdFilter(field_name="placement_id")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Attendance
        fields = ["placement", "date", "status"]


class PlacementLogFilter(FilterSet):
    search = SearchFilter(fields=("text",))
    placement = IdFilter(field_name="placement_id")

    class Meta:
        model = PlacementLog
        fields = ["placement", "kind"]


class EvaluationFilter(FilterSet):
    placement = IdFilter(field_name="placement_id")

    class Meta:
        model = Evaluation
        fields = ["placement", "side"]


class LiaisonPlacementFilter(PlacementFilter):
    """No filter on a student's cohort or the supervisor: a liaison may not learn
    them (counting the rows a filter keeps would tell them). The values are
    still read (a malformed one is a 400, as for everyone), not applied."""

    cohort = IdFilter(min_value=1900, max_value=3000, method="ignore")
    supervisor = IdFilter(method="ignore")

    def ignore(self, queryset, name, value):
        return queryset


class InsurancePolicyFilter(FilterSet):
    search = SearchFilter(fields=("insurer", "number"))
    ordering_fields = ("covers_from", "covers_to", "id")
    placement = IdFilter(field_name="placement_id")

    class Meta:
        model = InsurancePolicy
        fields = ["placement", "kind", "payer"]


class PayRecordFilter(FilterSet):
    ordering_fields = ("month", "paid_on", "id")
    placement = IdFilter(field_name="placement_id")
    direct = django_filters.BooleanFilter()

    class Meta:
        model = PayRecord
        fields = ["placement", "direct"]


class FilingBatchFilter(FilterSet):
    search = SearchFilter(fields=("title",))
    ordering_fields = ("created_at", "title", "id")

    class Meta:
        model = FilingBatch
        fields = ["kind"]
