import datetime
import json
import re

import pytest
from django.utils import timezone

from groups.models import EducationGroup, GroupMember, GroupTarget, ResearchProject, SharedResource
from tests.groups.factories import (
    EducationGroupFactory,
    GroupMemberFactory,
    ResearchProjectFactory,
    SchoolMemberFactory,
    SharedResourceFactory,
    placement_at,
)

pytestmark = pytest.mark.django_db

D = datetime.date
THIS_YEAR = timezone.localdate().year


@pytest.fixture
def admin_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def group():
    return EducationGroupFactory(name="辽宁装备制造职业教育集团")


def test_the_list_shows_groups_with_their_member_counts(admin_client, group):
    GroupMemberFactory.create_batch(3, group=group)
    GroupMemberFactory(group=group, joined_on=D(2016, 1, 1), left_on=D(2018, 1, 1))
    SchoolMemberFactory(group=group)
    EducationGroupFactory(name="Dalian Shipbuilding Group", level="municipal")
    page = admin_client.get("/groups/").content.decode()
    assert "辽宁装备制造职业教育集团" in page and "Dalian Shipbuilding Group" in page
    assert re.search(r">\s*4\s*</td>\s*<td[^>]*>\s*3\s*</td>", page)  # 4 current, 3 enterprises
    filtered = admin_client.get("/groups/?level=municipal").content.decode()
    assert "Dalian Shipbuilding Group" in filtered and "辽宁装备制造" not in filtered


def test_the_group_page_shows_members_by_kind_progress_and_a_chart(admin_client, group):
    enterprise = GroupMemberFactory(group=group, role="vice").enterprise
    SchoolMemberFactory(group=group, name="沈阳职业技术学院", role="lead")
    GroupMemberFactory(group=group, kind="association", enterprise=None, name="辽宁省机械工业协会")
    GroupMemberFactory(group=group, joined_on=D(2016, 1, 1), left_on=D(2019, 6, 30))
    placement_at(enterprise, starts_on=D(THIS_YEAR, 1, 5), ends_on=D(THIS_YEAR, 1, 20))
    SharedResourceFactory(group=group, title="数控加工课程标准", year=THIS_YEAR)
    ResearchProjectFactory(group=group, title="焊接机器人离线编程", patents=2)
    response = admin_client.get(f"/groups/{group.pk}/")
    page = response.content.decode()
    for text in ("Enterprise", "School", "Industry association", "沈阳职业技术学院", "(left)"):
        assert text in page, text
    assert "数控加工课程标准" in page and "焊接机器人离线编程" in page
    assert 'data-chart="chart-internships"' in page
    assert "chart.umd.min.js" in page
    # The chart's data is a JSON script element, not inline JavaScript.
    spec = json.loads(
        re.search(
            r'<script id="chart-internships" type="application/json">(.*?)</script>', page
        ).group(1)
    )
    assert spec["type"] == "bar"
    assert spec["data"]["labels"][-1] == str(THIS_YEAR)
    assert spec["data"]["datasets"][0]["data"][-1] == 1
    assert spec["data"]["datasets"][1]["data"][-1] == 300
    assert "<script>" not in page
    assert 'style="' not in page


def test_readers_see_the_page_without_write_buttons(client, tom, group):
    client.force_login(tom)
    page = client.get(f"/groups/{group.pk}/").content.decode()
    assert "Add member" not in page and f"/groups/{group.pk}/edit/" not in page
    assert client.get(f"/groups/{group.pk}/edit/").status_code == 403
    assert client.get(f"/groups/{group.pk}/members/new/").status_code == 403
    assert client.post("/groups/new/", {"name": "X"}).status_code == 403


def test_a_reporter_gets_403_and_a_liaison_sees_only_their_groups(client, rita, lily, enterprise):
    ours = EducationGroupFactory(name="Ours")
    GroupMemberFactory(group=ours, enterprise=enterprise)
    theirs = EducationGroupFactory(name="Theirs")
    client.force_login(rita)
    assert client.get("/groups/").status_code == 403
    client.force_login(lily)
    page = client.get("/groups/").content.decode()
    assert "Ours" in page and "Theirs" not in page
    assert client.get(f"/groups/{ours.pk}/").status_code == 200
    assert client.get(f"/groups/{theirs.pk}/").status_code == 404


def test_unknown_groups_are_404(admin_client):
    assert admin_client.get("/groups/999999/").status_code == 404
    assert admin_client.get("/groups/999999/resources/").status_code == 404
    assert admin_client.get("/groups/members/999999/leave/").status_code == 404


def test_forms_create_a_group_its_members_targets_resources_and_research(admin_client, enterprise):
    response = admin_client.post(
        "/groups/new/",
        {
            "name": "辽宁装备制造职业教育集团",
            "founded_on": "2015-07-01",
            "level": "provincial",
            "internship_target": 300,
            "employment_target": 100,
            "resource_target": 10,
            "patent_target": 4,
        },
    )
    group = EducationGroup.objects.get()
    assert response["Location"] == f"/groups/{group.pk}/"

    response = admin_client.post(
        f"/groups/{group.pk}/members/new/",
        {
            "kind": "enterprise",
            "enterprise": enterprise.pk,
            "role": "vice",
            "joined_on": "2015-07-01",
        },
    )
    assert response.status_code == 302
    member = GroupMember.objects.get()
    assert member.name == enterprise.name
    # The same enterprise again: the rule's message next to the field.
    again = admin_client.post(
        f"/groups/{group.pk}/members/new/",
        {
            "kind": "enterprise",
            "enterprise": enterprise.pk,
            "role": "member",
            "joined_on": "2020-01-01",
        },
    )
    assert again.status_code == 200
    assert "already a member" in again.content.decode()

    response = admin_client.post(
        f"/groups/{group.pk}/targets/",
        {"year": 2025, "internships": 320, "employment": 110, "resources": 8, "patents": 3},
    )
    assert response.status_code == 302
    assert GroupTarget.objects.get(group=group, year=2025).internships == 320

    response = admin_client.post(
        f"/groups/{group.pk}/resources/new/",
        {
            "kind": "textbook",
            "title": "工业机器人编程教材",
            "year": 2025,
            "contributors": [member.pk],
        },
    )
    assert response["Location"] == f"/groups/{group.pk}/resources/"
    assert list(SharedResource.objects.get().contributors.all()) == [member]

    response = admin_client.post(
        f"/groups/{group.pk}/research/new/",
        {
            "title": "焊接机器人离线编程",
            "started_on": "2025-03-01",
            "status": "active",
            "members": [member.pk],
            "patents": 2,
            "technical_improvements": 1,
            "achievements": 2,
        },
    )
    assert response["Location"] == f"/groups/{group.pk}/research/"
    project = ResearchProject.objects.get()
    response = admin_client.post(
        f"/groups/research/{project.pk}/edit/",
        {
            "title": project.title,
            "started_on": "2025-03-01",
            "status": "completed",
            "members": [member.pk],
            "patents": 3,
            "technical_improvements": 1,
            "achievements": 2,
        },
    )
    project.refresh_from_db()
    assert (project.status, project.patents) == ("completed", 3)

    response = admin_client.post(f"/groups/members/{member.pk}/leave/", {"left_on": "2014-01-01"})
    assert (
        response.status_code == 200 and "cannot leave before joining" in response.content.decode()
    )
    response = admin_client.post(f"/groups/members/{member.pk}/leave/", {"left_on": "2025-12-31"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == D(2025, 12, 31)


def test_the_forms_refuse_out_of_range_numbers(admin_client, group):
    response = admin_client.post(
        f"/groups/{group.pk}/research/new/",
        {"title": "T", "started_on": "2025-03-01", "status": "active", "patents": 10**12},
    )
    assert response.status_code == 200
    assert not ResearchProject.objects.exists()
    response = admin_client.post(
        f"/groups/{group.pk}/targets/", {"year": 1800, "internships": 1, "employment": 1}
    )
    assert response.status_code == 200 and not GroupTarget.objects.exists()


def test_a_resource_form_offers_only_this_groups_members(admin_client, group):
    ours = SchoolMemberFactory(group=group, name="Ours school")
    SchoolMemberFactory(name="Someone else's school")
    page = admin_client.get(f"/groups/{group.pk}/resources/new/").content.decode()
    assert "Ours school" in page and "Someone else" not in page
    assert ours


def test_the_resource_and_research_lists_filter(admin_client, group):
    SharedResourceFactory(group=group, title="Welding guide", kind="training_guide", year=2024)
    SharedResourceFactory(group=group, title="Assembly video", kind="multimedia", year=2025)
    page = admin_client.get(f"/groups/{group.pk}/resources/?kind=multimedia").content.decode()
    assert "Assembly video" in page and "Welding guide" not in page
    ResearchProjectFactory(group=group, title="Laser cladding", status="completed")
    ResearchProjectFactory(group=group, title="Gearbox noise", status="planned")
    page = admin_client.get(f"/groups/{group.pk}/research/?status=planned").content.decode()
    assert "Gearbox noise" in page and "Laser cladding" not in page
    assert admin_client.get(f"/groups/{group.pk}/research/?year=abc").status_code == 200


def _fill(group, n):
    members = GroupMemberFactory.create_batch(n, group=group)
    SchoolMemberFactory.create_batch(n, group=group)
    for member in members:
        placement_at(member.enterprise, starts_on=D(THIS_YEAR, 1, 2), ends_on=D(THIS_YEAR, 1, 3))
        SharedResourceFactory(group=group).contributors.set(members[:3])
        ResearchProjectFactory(group=group).members.set(members[:3])
        EducationGroupFactory()


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # session, user, groups, unread notifications, count, page
        ("/groups/?page_size=100", 6),
        # ... + the group, count, page, the page's contributors / members
        ("/groups/{pk}/resources/?page_size=100", 8),
        ("/groups/{pk}/research/?page_size=100", 8),
        # ... + the group, its members, the four metrics queries, the member
        # counts, the year targets, 10 resources + their contributors, 10
        # projects + their members
        ("/groups/{pk}/", 16),
    ],
)
def test_pages_cost_the_same_queries_for_few_and_many_rows(
    admin_client, group, path, queries, django_assert_num_queries
):
    url = path.format(pk=group.pk)
    _fill(group, 3)
    with django_assert_num_queries(queries):
        assert admin_client.get(url).status_code == 200
    _fill(group, 40)
    with django_assert_num_queries(queries):
        assert admin_client.get(url).status_code == 200
