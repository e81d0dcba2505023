import django_filters

from common.filters import FilterSet, IdFilter, SearchFilter
from partnerships import selectors
from partnerships.models import (
    AgreementDocument,
    AnnualReview,
    CooperationAgreement,
    Depth,
    Enterprise,
    EnterpriseContact,
    EnterpriseVetting,
    Major,
    Mode,
    Workstation,
)


class EnterpriseFilter(FilterSet):
    search = SearchFilter(fields=("name", "credit_code", "industry", "city"))
    ordering_fields = ("name", "id", "workforce", "city", "industry", "status", "created_at")
    industry = django_filters.CharFilter(lookup_expr="iexact")
    city = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Enterprise
        fields = ["status", "size", "industry", "city", "is_integration_enterprise"]


class MajorFilter(FilterSet):
    search = SearchFilter(fields=("code", "name"))
    without_deep_partner = django_filters.BooleanFilter(method="filter_without_deep_partner")

    class Meta:
        model = Major
        fields = ["department"]

    def filter_without_deep_partner(self, queryset, name, value):
        uncovered = selectors.majors_without_deep_partner()
        return queryset.filter(pk__in=uncovered) if value else queryset.exclude(pk__in=uncovered)


class AgreementFilter(FilterSet):
    search = SearchFilter(fields=("number", "title", "enterprise__name"))
    ordering_fields = (
        "number",
        "title",
        "enterprise__name",
        "starts_on",
        "ends_on",
        "status",
        "depth",
        "id",
    )
    status = django_filters.ChoiceFilter(choices=CooperationAgreement.Status.choices)
    depth = django_filters.ChoiceFilter(choices=Depth.choices)
    # Plain numbers, not model choices: an id the caller cannot see simply
    # matches nothing, and no extra query checks it.
    enterprise = IdFilter(field_name="enterprise_id")
    major = IdFilter(method="filter_major")
    mode = django_filters.ChoiceFilter(choices=Mode.choices, method="filter_mode")
    expiring_within_days = IdFilter(method="filter_expiring", min_value=0, max_value=3650)
    flagged_for_owner = django_filters.BooleanFilter()
    review_due = django_filters.BooleanFilter(method="filter_review_due")

    class Meta:
        model = CooperationAgreement
        fields = ["status", "enterprise", "depth", "flagged_for_owner"]

    def filter_major(self, queryset, name, value):
        return selectors.with_major(queryset, value)

    def filter_mode(self, queryset, name, value):
        return selectors.with_mode(queryset, value)

    def filter_expiring(self, queryset, name, value):
        return queryset.expiring(within_days=value)

    def filter_review_due(self, queryset, name, value):
        """A pending review due within 30 days or overdue (false: none such)."""
        if value is None:
            return queryset
        due = selectors.with_review_due(queryset)
        return due if value else queryset.exclude(pk__in=due.values("pk"))


class ReviewFilter(FilterSet):
    search = SearchFilter(
        fields=("agreement__number", "agreement__title", "agreement__enterprise__name")
    )
    agreement = IdFilter(field_name="agreement_id")
    status = django_filters.ChoiceFilter(choices=AnnualReview.Status.choices)
    decision = django_filters.ChoiceFilter(choices=AnnualReview.Decision.choices)
    year = IdFilter(min_value=1900, max_value=3000)
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = AnnualReview
        fields = ["agreement", "status", "decision", "year"]


class AgreementDocumentFilter(FilterSet):
    agreement = IdFilter(field_name="agreement_id")
    kind = django_filters.ChoiceFilter(choices=AgreementDocument.Kind.choices)

    class Meta:
        model = AgreementDocument
        fields = ["agreement", "kind"]


class WorkstationFilter(FilterSet):
    search = SearchFilter(fields=("name", "enterprise_leader_name", "enterprise__name"))
    enterprise = IdFilter(field_name="enterprise_id")
    agreement = IdFilter(field_name="agreement_id")
    school_leader = IdFilter(field_name="school_leader_id")

    class Meta:
        model = Workstation
        fields = ["enterprise", "agreement", "school_leader"]


class EnterpriseContactFilter(FilterSet):
    search = SearchFilter(fields=("name", "title", "email", "phone"))
    enterprise = IdFilter(field_name="enterprise_id")

    class Meta:
        model = EnterpriseContact
        fields = ["enterprise", "is_primary"]


class VettingFilter(FilterSet):
    search = SearchFilter(fields=("enterprise__name", "inspector", "decided_at_meeting"))
    ordering_fields = ("inspected_on", "valid_until", "published_on", "id")
    enterprise = IdFilter(field_name="enterprise_id")
    valid_until_before = django_filters.DateFilter(field_name="valid_until", lookup_expr="lte")

    class Meta:
        model = EnterpriseVetting
        fields = ["enterprise", "decision", "valid_until_before"]
