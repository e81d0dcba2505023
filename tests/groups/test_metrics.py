import datetime

import pytest

from groups import selectors
from groups.models import ResearchProject
from internships.models import Placement
from tests.groups.factories import (
    EducationGroupFactory,
    GroupMemberFactory,
    GroupTargetFactory,
    ResearchProjectFactory,
    SharedResourceFactory,
    placement_at,
)
from tests.partnerships.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def group():
    return EducationGroupFactory(internship_target=300, employment_target=100)


def metrics(group, year=2025):
    return selectors.group_metrics(group=group, year=year)


def test_it_returns_exactly_the_api_keys(group):
    assert list(metrics(group)) == [
        "year",
        "internships",
        "internship_target",
        "hires",
        "employment_target",
        "resources",
        "patents",
        "technical_improvements",
        "achievements",
    ]
    assert metrics(group) == {
        "year": 2025,
        "internships": 0,
        "internship_target": 300,
        "hires": 0,
        "employment_target": 100,
        "resources": 0,
        "patents": 0,
        "technical_improvements": 0,
        "achievements": 0,
    }


def test_placements_count_only_at_enterprises_that_were_members_that_year(group):
    member = GroupMemberFactory(group=group, joined_on=D(2015, 7, 1)).enterprise
    left_before = GroupMemberFactory(
        group=group, joined_on=D(2016, 1, 1), left_on=D(2024, 12, 31)
    ).enterprise
    joined_after = GroupMemberFactory(group=group, joined_on=D(2026, 1, 1)).enterprise
    outsider = EnterpriseFactory()
    other_group_member = GroupMemberFactory(joined_on=D(2015, 1, 1)).enterprise
    for enterprise in (member, left_before, joined_after, outsider, other_group_member):
        placement_at(enterprise, starts_on=D(2025, 3, 1), ends_on=D(2025, 8, 31))
    assert metrics(group)["internships"] == 1
    # The same enterprise did count in 2024, while it was a member.
    placement_at(left_before, starts_on=D(2024, 3, 1), ends_on=D(2024, 8, 31))
    assert metrics(group, 2024)["internships"] == 1


def test_a_placement_counts_only_if_the_enterprise_was_a_member_on_its_start_date(group):
    # Joined mid-year: a placement that started before joining does not count,
    # one that started after does.
    enterprise = GroupMemberFactory(group=group, joined_on=D(2025, 6, 1)).enterprise
    placement_at(enterprise, starts_on=D(2025, 3, 1), ends_on=D(2025, 8, 31))
    placement_at(enterprise, starts_on=D(2025, 6, 1), ends_on=D(2025, 12, 31))
    # Left mid-year: a placement starting after leaving does not count.
    leaver = GroupMemberFactory(
        group=group, joined_on=D(2020, 1, 1), left_on=D(2025, 4, 30)
    ).enterprise
    placement_at(leaver, starts_on=D(2025, 4, 30), ends_on=D(2025, 9, 30))
    placement_at(leaver, starts_on=D(2025, 5, 1), ends_on=D(2025, 9, 30))
    assert metrics(group)["internships"] == 2


def test_planned_and_terminated_placements_do_not_count(group):
    enterprise = GroupMemberFactory(group=group).enterprise
    for status in Placement.Status.values:
        placement_at(enterprise, status=status, starts_on=D(2025, 3, 1), ends_on=D(2025, 6, 30))
    assert metrics(group)["internships"] == 2  # active and completed


def test_placements_count_in_the_year_they_start(group):
    enterprise = GroupMemberFactory(group=group).enterprise
    placement_at(enterprise, starts_on=D(2024, 9, 1), ends_on=D(2025, 6, 30))
    placement_at(enterprise, starts_on=D(2025, 12, 31), ends_on=D(2026, 6, 30))
    assert metrics(group, 2024)["internships"] == 1
    assert metrics(group, 2025)["internships"] == 1
    assert metrics(group, 2026)["internships"] == 0


def test_hires_count_by_end_date_at_a_member_of_that_date(group):
    enterprise = GroupMemberFactory(group=group).enterprise
    # Started in 2024, ended (and hired) in 2025: a 2025 hire.
    placement_at(
        enterprise,
        status="completed",
        starts_on=D(2024, 9, 1),
        ends_on=D(2025, 1, 15),
        hired="yes",
    )
    placement_at(enterprise, status="completed", starts_on=D(2025, 1, 1), ends_on=D(2025, 6, 30))
    placement_at(
        enterprise, status="completed", starts_on=D(2025, 1, 1), ends_on=D(2025, 6, 30), hired="no"
    )
    # Ended after the enterprise left: not a group hire.
    leaver = GroupMemberFactory(
        group=group, joined_on=D(2020, 1, 1), left_on=D(2025, 5, 31)
    ).enterprise
    placement_at(
        leaver, status="completed", starts_on=D(2025, 1, 1), ends_on=D(2025, 6, 30), hired="yes"
    )
    figures = metrics(group)
    assert figures["hires"] == 1
    assert metrics(group, 2024)["hires"] == 0
    assert figures["internships"] == 3  # the leaver's placement started while a member


def test_a_rejoined_enterprise_counts_during_each_membership_once(group):
    enterprise = EnterpriseFactory()
    GroupMemberFactory(
        group=group, enterprise=enterprise, joined_on=D(2015, 1, 1), left_on=D(2025, 2, 28)
    )
    GroupMemberFactory(group=group, enterprise=enterprise, joined_on=D(2025, 6, 1))
    placement_at(enterprise, starts_on=D(2025, 1, 10), ends_on=D(2025, 2, 10))
    placement_at(enterprise, starts_on=D(2025, 4, 1), ends_on=D(2025, 5, 1))  # gap: no
    placement_at(enterprise, starts_on=D(2025, 7, 1), ends_on=D(2025, 8, 1))
    assert metrics(group)["internships"] == 2


def test_targets_come_from_the_years_row_else_the_standing_targets(group):
    GroupTargetFactory(group=group, year=2025, internships=320, employment=110)
    assert metrics(group, 2025)["internship_target"] == 320
    assert metrics(group, 2025)["employment_target"] == 110
    assert metrics(group, 2024)["internship_target"] == 300
    assert metrics(group, 2024)["employment_target"] == 100


def test_resources_count_those_of_the_year(group):
    SharedResourceFactory.create_batch(3, group=group, year=2025)
    SharedResourceFactory(group=group, year=2024)
    SharedResourceFactory(year=2025)  # another group's
    assert metrics(group)["resources"] == 3
    assert metrics(group, 2024)["resources"] == 1


def test_research_outcomes_sum_the_projects_started_in_the_year(group):
    ResearchProjectFactory(
        group=group,
        started_on=D(2025, 1, 1),
        patents=2,
        technical_improvements=1,
        achievements=3,
        status=ResearchProject.Status.COMPLETED,
    )
    ResearchProjectFactory(
        group=group, started_on=D(2025, 12, 31), patents=1, technical_improvements=1
    )
    ResearchProjectFactory(group=group, started_on=D(2024, 12, 31), patents=5)
    ResearchProjectFactory(started_on=D(2025, 5, 1), patents=7)  # another group's
    figures = metrics(group)
    assert (figures["patents"], figures["technical_improvements"], figures["achievements"]) == (
        3,
        2,
        3,
    )
    assert metrics(group, 2024)["patents"] == 5


def test_several_years_at_once_agree_with_one_year_each(group):
    enterprise = GroupMemberFactory(group=group).enterprise
    for year in (2023, 2024, 2025):
        placement_at(enterprise, starts_on=D(year, 3, 1), ends_on=D(year, 8, 1), hired="yes")
    SharedResourceFactory(group=group, year=2024)
    progress = selectors.group_progress(group=group, this_year=2025, span=3)
    assert [row["year"] for row in progress] == [2023, 2024, 2025]
    for row in progress:
        assert {k: row[k] for k in selectors.METRIC_KEYS} == metrics(group, row["year"])


@pytest.mark.parametrize("members", [2, 30])
def test_the_metrics_cost_four_queries_whatever_the_size(group, members, django_assert_num_queries):
    for _member in range(members):
        enterprise = GroupMemberFactory(group=group, joined_on=D(2015, 1, 1)).enterprise
        for _ in range(2):
            placement_at(enterprise, starts_on=D(2025, 3, 1), ends_on=D(2025, 9, 1), hired="yes")
    SharedResourceFactory.create_batch(members, group=group, year=2025)
    ResearchProjectFactory.create_batch(members, group=group, patents=1)
    # the year's target, the placement aggregate, resources per year, research sums
    with django_assert_num_queries(4):
        figures = metrics(group)
    assert figures["internships"] == 2 * members
    assert figures["hires"] == 2 * members
    assert figures["resources"] == members
    assert figures["patents"] == members
