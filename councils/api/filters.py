import django_filters
from django.db.models import Q
from django.utils import timezone

from common.filters import FilterSet, IdFilter, SearchFilter
from councils.models import ActionItem, Committee, Meeting, Membership


class CommitteeFilter(FilterSet):
    search = SearchFilter(fields=("name", "major__name", "major__code"))
    ordering_fields = (
        "id",
        "name",
        "kind",
        "major__code",
        "established_on",
        "status",
        "last_met_at",
    )
    overdue = django_filters.BooleanFilter(field_name="overdue")

    class Meta:
        model = Committee
        fields = ["kind", "status", "major", "overdue"]


class CommitteeMemberFilter(FilterSet):
    search = SearchFilter(fields=("name", "title"))
    current = django_filters.BooleanFilter(method="filter_current")

    class Meta:
        model = Membership
        fields = ["committee", "affiliation", "category", "role", "enterprise", "user", "current"]

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        current = Membership.objects.current().values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)


class MeetingFilter(FilterSet):
    search = SearchFilter(fields=("location", "agenda", "committee__name"))
    scheduled_after = django_filters.DateFilter(field_name="scheduled_at", lookup_expr="date__gte")
    scheduled_before = django_filters.DateFilter(field_name="scheduled_at", lookup_expr="date__lte")

    class Meta:
        model = Meeting
        fields = ["committee", "kind", "status", "scheduled_after", "scheduled_before"]


class ActionItemFilter(FilterSet):
    search = SearchFilter(fields=("description",))
    committee = IdFilter(field_name="meeting__committee_id")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")
    overdue = django_filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = ActionItem
        fields = ["meeting", "committee", "status", "owner", "due_before", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status=ActionItem.Status.OPEN, due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
