"""common.filters.FilterSet filters and refuses exactly as django-filter's own does."""

import django_filters
import pytest
from django.http import QueryDict

from common.filters import FilterSet
from councils.api.filters import MeetingFilter
from internships.api.filters import PlacementFilter
from internships.models import Placement
from partnerships.api.filters import AgreementFilter, EnterpriseFilter


def _upstream(filterset_class):
    """The same declarations on django-filter's plain FilterSet."""
    attrs = {
        name: value
        for name, value in vars(filterset_class).items()
        if name.startswith("filter_") and callable(value)
    }
    # Every filter as ours declares it, those built from Meta.fields included
    # (a foreign key is an IdFilter, not django-filter's model choice).
    attrs.update(filterset_class.base_filters)
    attrs["Meta"] = filterset_class.Meta
    return type("Upstream", (django_filters.FilterSet,), attrs)


CASES = [
    (PlacementFilter, ""),
    (PlacementFilter, "status=active&enterprise=3&page_size=100"),
    (PlacementFilter, "major=2&cohort=2024&has_warnings=true&hired=false"),
    (PlacementFilter, "kind=nonsense&enterprise=x"),
    (PlacementFilter, "has_warnings=false&ordering=-starts_on"),
    (AgreementFilter, "status=active&mode=workstation&major=4"),
    (AgreementFilter, "expiring_within_days=30&enterprise=0"),
    (AgreementFilter, "expiring_within_days=9999&depth=deep&flagged_for_owner=true"),
    (EnterpriseFilter, "industry=Manufacturing&is_integration_enterprise=true"),
    (MeetingFilter, "scheduled_after=2026-01-01&scheduled_before=not-a-date"),
    (MeetingFilter, "committee=999999&status=held"),
]


@pytest.mark.parametrize(("filterset_class", "query"), CASES)
def test_the_same_queryset_and_the_same_errors_as_django_filter(db, filterset_class, query):
    data = QueryDict(query)
    ours = filterset_class(data, filterset_class._meta.model.objects.all())
    theirs = _upstream(filterset_class)(data, filterset_class._meta.model.objects.all())
    assert ours.is_valid() == theirs.is_valid()
    assert ours.errors == theirs.errors
    if theirs.is_valid():
        assert str(ours.qs.query) == str(theirs.qs.query)


def test_only_the_filters_a_request_sends_are_prepared(db):
    filterset = PlacementFilter(QueryDict("status=active&major=3&page=2"), Placement.objects.all())
    assert list(filterset.filters) == ["status", "major"]
    assert filterset.is_valid()
    assert filterset.qs.query.where.children  # both applied


def test_the_drawn_form_still_offers_every_filter(db):
    filterset = PlacementFilter(QueryDict("status=active"), Placement.objects.all())
    assert set(filterset.form.fields) == set(PlacementFilter.base_filters)


def test_form_classes_are_built_once_per_combination(db):
    first = PlacementFilter(QueryDict("status=active"), Placement.objects.all())
    second = PlacementFilter(QueryDict("status=completed"), Placement.objects.all())
    assert first.is_valid() and second.is_valid()
    assert type(first._checked_form) is type(second._checked_form)
    assert first._checked_form is not second._checked_form
    assert first._checked_form.cleaned_data["status"] == "active"
    assert second._checked_form.cleaned_data["status"] == "completed"


def test_a_filter_with_request_scoped_choices_is_refused(db):
    class Scoped(FilterSet):
        enterprise = django_filters.ModelChoiceFilter(queryset=lambda request: None)

        class Meta:
            model = Placement
            fields = ["enterprise"]

    with pytest.raises(TypeError, match="depend on the request"):
        Scoped(QueryDict("enterprise=1"), Placement.objects.all())


def test_the_api_gives_400_with_the_field_for_a_bad_filter(api, alice):
    response = api.as_(alice).get("/api/v1/placements/?enterprise=abc&status=active")
    assert response.status_code == 400
    assert set(response.json()) == {"enterprise"}


def test_the_drawn_form_labels_come_from_the_model_in_the_active_language(db):
    from django.utils import translation

    with translation.override("en"):
        english = PlacementFilter(QueryDict(""), Placement.objects.all()).form
        assert english.fields["status"].label == "Status"
    with translation.override("zh-hans"):
        chinese = PlacementFilter(QueryDict(""), Placement.objects.all()).form
        assert chinese.fields["status"].label != "Status"
