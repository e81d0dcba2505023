from allocation.models import AllocationRound, Application
from common.filters import FilterSet, IdFilter


class AllocationRoundFilter(FilterSet):
    ordering_fields = ("opens_at", "closes_at", "id")
    plan = IdFilter(field_name="plan_id")

    class Meta:
        model = AllocationRound
        fields = ["plan", "status"]


class ApplicationFilter(FilterSet):
    ordering_fields = ("rank", "id")
    round = IdFilter(field_name="round_id")
    student = IdFilter(field_name="student_id")
    position = IdFilter(field_name="position_id")

    class Meta:
        model = Application
        fields = ["round", "student", "position", "enterprise_decision"]
