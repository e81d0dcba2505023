import django_filters

from groups.models import EducationGroup, GroupMember, ResearchProject, SharedResource


class EducationGroupFilter(django_filters.FilterSet):
    class Meta:
        model = EducationGroup
        fields = ["level"]


class GroupMemberFilter(django_filters.FilterSet):
    current = django_filters.BooleanFilter(
        field_name="left_on", lookup_expr="isnull", label="Still a member (not left)"
    )
    year = django_filters.NumberFilter(method="filter_year", label="Member during this year")

    class Meta:
        model = GroupMember
        fields = ["group", "kind", "role", "enterprise", "current", "year"]

    def filter_year(self, queryset, name, value):
        year = int(value)
        if not 1990 <= year <= 2100:
            return queryset.none()
        return queryset.during(year)


class SharedResourceFilter(django_filters.FilterSet):
    contributor = django_filters.NumberFilter(field_name="contributors", distinct=True)

    class Meta:
        model = SharedResource
        fields = ["group", "kind", "year", "contributor"]


class ResearchProjectFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="started_on", lookup_expr="year")
    member = django_filters.NumberFilter(field_name="members", distinct=True)

    class Meta:
        model = ResearchProject
        fields = ["group", "status", "year", "member"]
