"""GET /api/v1/reports/summary/: every figure from known records, in constant queries."""

import datetime

import pytest

from reports.summary import summary_for_year
from tests.groups.factories import (
    EducationGroupFactory,
    GroupMemberFactory,
    ResearchProjectFactory,
    SharedResourceFactory,
    placement_at,
)
from tests.partnerships.factories import MajorFactory
from tests.reports.world import YEAR, build_world

pytestmark = pytest.mark.django_db

KEYS = {
    "year",
    "enterprises_active",
    "agreements_active",
    "agreements_by_depth",
    "majors_without_deep_partner",
    "reviews_due",
    "reviews_completed",
    "committees_without_meeting",
    "students_placed",
    "placements_by_kind",
    "hire_rate",
    "groups",
}


def test_the_summary_counts_the_known_year(api, rita):
    world = build_world()
    response = api.as_(rita).get(f"/api/v1/reports/summary/?year={YEAR}")
    assert response.status_code == 200
    data = response.json()
    assert KEYS <= set(data)
    g1, g2 = world.groups
    expected = {
        "year": 2025,
        "enterprises_active": 2,
        "agreements_active": 3,
        "agreements_by_depth": {"deep": 1, "middle": 1, "shallow": 1},
        "majors_without_deep_partner": 2,
        "reviews_due": 2,
        "reviews_completed": 1,
        "committees_without_meeting": 2,
        "students_placed": 3,
        "placements_by_kind": {"cognitive": 1, "shadow": 1, "post": 2},
        "hire_rate": 0.3333,
    }
    assert {key: data[key] for key in expected} == expected
    assert [m["code"] for m in data["majors_without_deep_partner_list"]] == ["460305", "500211"]
    assert (data["reviews_overdue"], data["committees_active"]) == (1, 3)
    assert (data["placements_completed"], data["placements_hired"]) == (3, 1)
    # The group figures agree with the groups app's own metrics endpoint.
    assert data["groups"] == [
        {
            "id": g2.pk,
            "name": g2.name,
            "internships": 0,
            "internship_target": 50,
            "hires": 0,
            "employment_target": 100,
            "resources": 0,
            "patents": 0,
            "technical_improvements": 0,
            "achievements": 0,
        },
        {
            "id": g1.pk,
            "name": g1.name,
            "internships": 2,
            "internship_target": 10,
            "hires": 1,
            "employment_target": 2,
            "resources": 2,
            "patents": 2,
            "technical_improvements": 3,
            "achievements": 1,
        },
    ]
    from groups.selectors import group_metrics

    by_id = {row["id"]: row for row in data["groups"]}
    for group in world.groups:
        metrics = group_metrics(group=group, year=YEAR)
        assert {k: by_id[group.pk][k] for k in metrics if k != "year"} == {
            k: v for k, v in metrics.items() if k != "year"
        }


def test_another_year_has_its_own_figures(rita):
    build_world()
    data = summary_for_year(user=rita, year=2024)
    assert data["agreements_active"] == 2  # A1 from March, A3
    assert data["agreements_by_depth"] == {"deep": 1, "middle": 0, "shallow": 1}
    assert data["students_placed"] == 1
    assert data["hire_rate"] == 1.0
    assert data["committees_without_meeting"] == 2  # the council and S1 did not meet in 2024
    empty = summary_for_year(user=rita, year=2030)
    assert empty["hire_rate"] is None
    assert empty["agreements_active"] == 0


def test_the_summary_costs_the_same_queries_for_little_and_much_data(
    rita, django_assert_num_queries
):
    # enterprises; agreements by depth; majors without a deep partner; reviews;
    # committees; placements; groups with the year's targets; placements per
    # group; resources per group; research per group.
    with django_assert_num_queries(10):
        summary_for_year(user=rita, year=YEAR)
    build_world()
    for n in range(5):
        group = EducationGroupFactory()
        member = GroupMemberFactory(group=group, joined_on=datetime.date(2020, 1, 1))
        for _ in range(3):
            placement_at(member.enterprise, starts_on=datetime.date(2025, 4, 1), status="completed")
        SharedResourceFactory(group=group, year=YEAR)
        ResearchProjectFactory(group=group, started_on=datetime.date(2025, 5, 1), patents=n)
        MajorFactory()
    with django_assert_num_queries(10):
        data = summary_for_year(user=rita, year=YEAR)
    assert data["agreements_active"] == 3
    assert len(data["groups"]) == 7
    assert data["placements_by_kind"]["post"] == 2 + 15


@pytest.mark.parametrize(
    "query", ["?year=", "?year=abc", "?year=20.5", "?year=1800", "?year=99999999999999999999"]
)
def test_a_malformed_year_is_400(api, rita, query):
    response = api.as_(rita).get(f"/api/v1/reports/summary/{query}")
    assert response.status_code == 400
    assert "year" in response.json()


def test_without_a_year_the_summary_is_of_this_year(api, rita):
    from django.utils import timezone

    response = api.as_(rita).get("/api/v1/reports/summary/")
    assert response.status_code == 200
    assert response.json()["year"] == timezone.localdate().year


def test_the_schema_documents_every_summary_key(api, alice):
    schema = api.as_(alice).get("/api/schema/?format=json")
    text = schema.content.decode()
    for key in KEYS:
        assert f"`{key}`" in text


def test_the_group_page_the_metrics_api_and_the_summary_show_the_same_figures(
    api, client, alice, rita
):
    """One definition (groups.selectors.group_metrics_table) behind all three."""
    from django.utils import timezone

    from tests.groups.factories import GroupTargetFactory

    year = timezone.localdate().year
    D = datetime.date
    group = EducationGroupFactory(name="Intelligent Manufacturing Group")
    EducationGroupFactory(name="An empty group")
    GroupTargetFactory(group=group, year=year, internships=6, employment=3)
    member = GroupMemberFactory(group=group, joined_on=D(year - 5, 1, 1)).enterprise
    joiner = GroupMemberFactory(group=group, joined_on=D(year, 6, 1)).enterprise
    leaver = GroupMemberFactory(
        group=group, joined_on=D(year - 5, 1, 1), left_on=D(year, 4, 30)
    ).enterprise
    placement_at(member, status="active", starts_on=D(year, 3, 1), ends_on=D(year, 8, 31))
    placement_at(member, status="completed", starts_on=D(year, 1, 5), ends_on=D(year, 2, 5))
    placement_at(member, status="planned", starts_on=D(year, 3, 1), ends_on=D(year, 8, 31))
    placement_at(  # started last year: counts as a hire of this year, not a placement
        member, status="completed", starts_on=D(year - 1, 9, 1), ends_on=D(year, 1, 15), hired="yes"
    )
    placement_at(joiner, status="active", starts_on=D(year, 3, 1), ends_on=D(year, 8, 31))
    placement_at(joiner, status="active", starts_on=D(year, 7, 1), ends_on=D(year, 9, 30))
    placement_at(leaver, status="completed", starts_on=D(year, 1, 2), ends_on=D(year, 3, 1))
    placement_at(
        leaver, status="completed", starts_on=D(year, 3, 1), ends_on=D(year, 6, 1), hired="yes"
    )
    SharedResourceFactory.create_batch(2, group=group, year=year)
    ResearchProjectFactory(group=group, started_on=D(year, 2, 1), patents=2, achievements=1)

    summary = api.as_(rita).get(f"/api/v1/reports/summary/?year={year}").json()
    in_summary = next(row for row in summary["groups"] if row["id"] == group.pk)
    metrics = api.as_(alice).get(f"/api/v1/groups/{group.pk}/metrics/?year={year}").json()
    client.force_login(alice)
    page = client.get(f"/groups/{group.pk}/").context["this_year_progress"]

    expected = {
        "internships": 5,  # member 2, joiner 1 (after joining), leaver 2 (before leaving)
        "internship_target": 6,
        "hires": 1,  # the leaver's hire ended after it left
        "employment_target": 3,
        "resources": 2,
        "patents": 2,
        "technical_improvements": 0,
        "achievements": 1,
    }
    assert {key: in_summary[key] for key in expected} == expected
    assert {key: metrics[key] for key in expected} == expected
    assert {key: page[key] for key in expected} == expected
