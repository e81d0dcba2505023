import django_filters

from partnerships.models import Enterprise, Major


class EnterpriseFilter(django_filters.FilterSet):
    industry = django_filters.CharFilter(lookup_expr="iexact")
    city = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Enterprise
        fields = ["status", "size", "industry", "city", "is_integration_enterprise"]


class MajorFilter(django_filters.FilterSet):
    class Meta:
        model = Major
        fields = ["department"]
