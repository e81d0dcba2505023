import datetime

import pytest

from groups.models import EducationGroup, GroupMember, ResearchProject, SharedResource
from tests.groups.factories import (
    EducationGroupFactory,
    GroupMemberFactory,
    GroupTargetFactory,
    ResearchProjectFactory,
    SchoolMemberFactory,
    SharedResourceFactory,
    placement_at,
)
from tests.partnerships.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

D = datetime.date
GROUP_FIELDS = {
    "id",
    "name",
    "founded_on",
    "level",
    "lead_institutions",
    "internship_target",
    "employment_target",
}
MEMBER_FIELDS = {"id", "group", "kind", "name", "enterprise", "role", "joined_on", "left_on"}
RESOURCE_FIELDS = {"id", "group", "kind", "title", "year", "contributors"}
PROJECT_FIELDS = {
    "id",
    "group",
    "title",
    "members",
    "started_on",
    "status",
    "patents",
    "technical_improvements",
    "achievements",
}
METRIC_FIELDS = [
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


@pytest.fixture
def group():
    return EducationGroupFactory(name="辽宁装备制造职业教育集团")


def test_an_administrator_builds_a_group_end_to_end(api, alice, enterprise):
    client = api.as_(alice)
    created = client.post(
        "/api/v1/groups/",
        {
            "name": "辽宁装备制造职业教育集团",
            "founded_on": "2015-07-01",
            "level": "provincial",
            "lead_institutions": "本校; 沈阳职业技术学院",
            "internship_target": 300,
            "employment_target": 100,
        },
    )
    assert created.status_code == 201, created.content
    group = created.json()
    assert GROUP_FIELDS <= set(group)
    gid = group["id"]

    member = client.post(
        "/api/v1/group-members/",
        {
            "group": gid,
            "kind": "enterprise",
            "enterprise": enterprise.pk,
            "joined_on": "2015-07-01",
        },
    )
    assert member.status_code == 201, member.content
    assert set(member.json()) == MEMBER_FIELDS
    assert member.json()["name"] == enterprise.name
    assert member.json()["role"] == "member"
    school = client.post(
        "/api/v1/group-members/",
        {
            "group": gid,
            "kind": "school",
            "name": "沈阳职业技术学院",
            "role": "lead",
            "joined_on": "2015-07-01",
        },
    ).json()

    resource = client.post(
        "/api/v1/group-resources/",
        {
            "group": gid,
            "kind": "curriculum_standard",
            "title": "数控加工课程标准",
            "year": 2025,
            "contributors": [member.json()["id"], school["id"]],
        },
    )
    assert resource.status_code == 201, resource.content
    assert set(resource.json()) == RESOURCE_FIELDS
    assert sorted(resource.json()["contributors"]) == sorted([member.json()["id"], school["id"]])
    empty = client.post(
        "/api/v1/group-resources/",
        {"group": gid, "kind": "multimedia", "title": "微课", "year": 2025, "contributors": []},
    )
    assert empty.status_code == 201 and empty.json()["contributors"] == []

    project = client.post(
        "/api/v1/research-projects/",
        {
            "group": gid,
            "title": "焊接机器人离线编程",
            "members": [member.json()["id"]],
            "started_on": "2025-03-01",
            "status": "active",
            "patents": 2,
            "technical_improvements": 1,
            "achievements": 3,
        },
    )
    assert project.status_code == 201, project.content
    assert set(project.json()) == PROJECT_FIELDS

    placement_at(enterprise, starts_on=D(2025, 3, 1), ends_on=D(2025, 6, 30), hired="yes")
    metrics = client.get(f"/api/v1/groups/{gid}/metrics/?year=2025")
    assert metrics.status_code == 200
    assert list(metrics.json()) == METRIC_FIELDS
    assert metrics.json() == {
        "year": 2025,
        "internships": 1,
        "internship_target": 300,
        "hires": 1,
        "employment_target": 100,
        "resources": 2,
        "patents": 2,
        "technical_improvements": 1,
        "achievements": 3,
    }

    left = client.post(
        f"/api/v1/group-members/{member.json()['id']}/leave/", {"left_on": "2024-12-31"}
    )
    assert left.status_code == 200 and left.json()["left_on"] == "2024-12-31"
    after = client.get(f"/api/v1/groups/{gid}/metrics/?year=2025").json()
    assert (after["internships"], after["hires"]) == (0, 0)

    patched = client.patch(f"/api/v1/groups/{gid}/", {"employment_target": 120})
    assert patched.status_code == 200 and patched.json()["employment_target"] == 120
    assert client.delete(f"/api/v1/group-resources/{empty.json()['id']}/").status_code == 204


def test_bad_input_is_a_400_with_the_rule_code(api, alice, group, enterprise):
    client = api.as_(alice)
    bad = lambda path, body: client.post(path, body)  # noqa: E731
    r = bad("/api/v1/groups/", {"name": group.name, "founded_on": "2015-07-01"})
    assert r.status_code == 400 and r.json()["code"] == "group_name_taken"
    r = bad("/api/v1/groups/", {"name": "X", "founded_on": "July 2015", "level": "galactic"})
    assert r.status_code == 400 and {"founded_on", "level"} <= set(r.json())
    r = bad("/api/v1/groups/", {"name": "X", "founded_on": "2015-07-01", "internship_target": -1})
    assert r.status_code == 400 and "internship_target" in r.json()
    big = 10**12
    r = bad("/api/v1/groups/", {"name": "X", "founded_on": "2015-07-01", "patent_target": big})
    assert r.status_code == 400

    members = "/api/v1/group-members/"
    r = bad(members, {"group": group.pk, "kind": "enterprise", "joined_on": "2020-01-01"})
    assert r.status_code == 400 and r.json()["code"] == "enterprise_required"
    assert "enterprise" in r.json()
    r = bad(
        members,
        {
            "group": group.pk,
            "kind": "school",
            "name": "S",
            "enterprise": enterprise.pk,
            "joined_on": "2020-01-01",
        },
    )
    assert r.json()["code"] == "enterprise_not_allowed"
    r = bad(
        members,
        {
            "group": group.pk,
            "kind": "school",
            "name": "S",
            "joined_on": "2020-01-01",
            "left_on": "2019-01-01",
        },
    )
    assert r.status_code == 400 and r.json()["code"] == "left_before_joined"
    r = bad(members, {"group": 999999, "kind": "visitor", "joined_on": "yesterday"})
    assert r.status_code == 400 and {"group", "kind", "joined_on"} <= set(r.json())
    GroupMemberFactory(group=group, enterprise=enterprise, joined_on=D(2015, 7, 1))
    r = bad(
        members,
        {
            "group": group.pk,
            "kind": "enterprise",
            "enterprise": enterprise.pk,
            "joined_on": "2024-01-01",
        },
    )
    assert r.status_code == 400 and r.json()["code"] == "already_member"

    stranger = SchoolMemberFactory()  # of another group
    r = bad(
        "/api/v1/group-resources/",
        {
            "group": group.pk,
            "kind": "textbook",
            "title": "T",
            "year": 2025,
            "contributors": [stranger.pk],
        },
    )
    assert r.status_code == 400 and r.json()["code"] == "member_not_in_group"
    assert "contributors" in r.json()
    r = bad(
        "/api/v1/group-resources/",
        {"group": group.pk, "kind": "poster", "title": "T", "year": 3000, "contributors": ["x"]},
    )
    assert r.status_code == 400 and {"kind", "year", "contributors"} <= set(r.json())
    r = bad(
        "/api/v1/research-projects/",
        {"group": group.pk, "title": "R", "started_on": "2025-01-01", "members": [stranger.pk]},
    )
    assert r.status_code == 400 and "members" in r.json()
    r = bad(
        "/api/v1/research-projects/",
        {"group": group.pk, "title": "R", "started_on": "2025-01-01", "patents": 10**9},
    )
    assert r.status_code == 400 and "patents" in r.json()
    assert SharedResource.objects.count() == 0 and ResearchProject.objects.count() == 0


@pytest.mark.parametrize(
    "query", ["", "?year=", "?year=abc", "?year=20x5", "?year=99999", "?year=1"]
)
def test_metrics_need_a_well_formed_year(api, alice, group, query):
    response = api.as_(alice).get(f"/api/v1/groups/{group.pk}/metrics/{query}")
    assert response.status_code == 400
    assert "year" in response.json()


def test_metrics_use_the_years_target_row(api, tom, group):
    GroupTargetFactory(group=group, year=2024, internships=250, employment=80)
    client = api.as_(tom)
    assert (
        client.get(f"/api/v1/groups/{group.pk}/metrics/?year=2024").json()["internship_target"]
        == 250
    )
    assert (
        client.get(f"/api/v1/groups/{group.pk}/metrics/?year=2025").json()["internship_target"]
        == 300
    )


def test_unknown_ids_are_404(api, alice):
    client = api.as_(alice)
    for path in (
        "/api/v1/groups/999999/",
        "/api/v1/groups/999999/metrics/?year=2025",
        "/api/v1/group-members/999999/",
        "/api/v1/group-resources/999999/",
        "/api/v1/research-projects/999999/",
    ):
        assert client.get(path).status_code == 404, path


def test_a_reporter_is_refused_everything(api, rita, group):
    client = api.as_(rita)
    for path in (
        "/api/v1/groups/",
        f"/api/v1/groups/{group.pk}/",
        f"/api/v1/groups/{group.pk}/metrics/?year=2025",
        "/api/v1/group-members/",
        "/api/v1/group-resources/",
        "/api/v1/research-projects/",
    ):
        assert client.get(path).status_code == 403, path
    assert client.post("/api/v1/groups/", {"name": "X"}).status_code == 403


def test_no_credentials_is_401(api, group):
    assert api.get("/api/v1/groups/").status_code == 401


def test_a_teacher_reads_but_does_not_write(api, tom, group):
    member = SchoolMemberFactory(group=group)
    client = api.as_(tom)
    assert client.get(f"/api/v1/groups/{group.pk}/").status_code == 200
    assert client.get(f"/api/v1/groups/{group.pk}/metrics/?year=2025").status_code == 200
    assert client.patch(f"/api/v1/groups/{group.pk}/", {"level": "national"}).status_code == 403
    assert (
        client.post(
            f"/api/v1/group-members/{member.pk}/leave/", {"left_on": "2025-01-01"}
        ).status_code
        == 403
    )
    assert client.delete(f"/api/v1/group-members/{member.pk}/").status_code == 403


def test_a_liaison_reads_the_groups_of_their_enterprise_only(api, lily, enterprise, group):
    ours = GroupMemberFactory(group=group, enterprise=enterprise)
    resource = SharedResourceFactory(group=group)
    project = ResearchProjectFactory(group=group)
    other = EducationGroupFactory()
    other_member = SchoolMemberFactory(group=other)
    SharedResourceFactory(group=other)
    ResearchProjectFactory(group=other)
    client = api.as_(lily)
    assert [g["id"] for g in client.get("/api/v1/groups/").json()["results"]] == [group.pk]
    assert client.get(f"/api/v1/groups/{group.pk}/metrics/?year=2025").status_code == 200
    assert client.get(f"/api/v1/groups/{other.pk}/").status_code == 404
    assert client.get(f"/api/v1/groups/{other.pk}/metrics/?year=2025").status_code == 404
    assert [m["id"] for m in client.get("/api/v1/group-members/").json()["results"]] == [ours.pk]
    assert client.get(f"/api/v1/group-members/{other_member.pk}/").status_code == 404
    assert [r["id"] for r in client.get("/api/v1/group-resources/").json()["results"]] == [
        resource.pk
    ]
    assert [r["id"] for r in client.get("/api/v1/research-projects/").json()["results"]] == [
        project.pk
    ]
    # Read-only.
    assert client.patch(f"/api/v1/groups/{group.pk}/", {"level": "none"}).status_code == 403
    assert (
        client.post(
            "/api/v1/group-members/",
            {"group": group.pk, "kind": "school", "name": "S", "joined_on": "2020-01-01"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/v1/group-members/{ours.pk}/leave/", {"left_on": "2025-01-01"}
        ).status_code
        == 403
    )
    assert client.delete(f"/api/v1/group-resources/{resource.pk}/").status_code == 403


def test_filters_search_and_ordering(api, alice):
    a = EducationGroupFactory(name="Alpha group", level="national")
    b = EducationGroupFactory(name="Beta group", level="municipal")
    client = api.as_(alice)

    def ids(path):
        response = client.get(path)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids("/api/v1/groups/?level=national") == [a.pk]
    assert ids("/api/v1/groups/?search=beta") == [b.pk]
    assert ids("/api/v1/groups/?ordering=-name") == [b.pk, a.pk]
    assert client.get("/api/v1/groups/?ordering=secret").status_code == 400
    assert client.get("/api/v1/groups/?level=galactic").status_code == 400

    lead = SchoolMemberFactory(group=a, role="lead", name="Lead school")
    ent = GroupMemberFactory(group=a, joined_on=D(2020, 1, 1), left_on=D(2022, 6, 30))
    gov = GroupMemberFactory(group=b, kind="government", enterprise=None, name="Department")
    assert ids(f"/api/v1/group-members/?group={a.pk}") == [ent.pk, lead.pk]
    assert ids("/api/v1/group-members/?kind=government") == [gov.pk]
    assert ids("/api/v1/group-members/?role=lead") == [lead.pk]
    assert ids(f"/api/v1/group-members/?enterprise={ent.enterprise_id}") == [ent.pk]
    assert ids(f"/api/v1/group-members/?group={a.pk}&current=true") == [lead.pk]
    assert ids(f"/api/v1/group-members/?group={a.pk}&year=2023") == [lead.pk]
    assert ids(f"/api/v1/group-members/?group={a.pk}&year=2021") == [ent.pk, lead.pk]
    assert ids("/api/v1/group-members/?search=lead") == [lead.pk]
    assert ids(f"/api/v1/group-members/?group={a.pk}&ordering=-joined_on") == [ent.pk, lead.pk]
    assert client.get("/api/v1/group-members/?group=abc").status_code == 400
    assert client.get("/api/v1/group-members/?year=abc").status_code == 400

    r1 = SharedResourceFactory(group=a, year=2024, kind="textbook", title="Welding")
    r2 = SharedResourceFactory(group=a, year=2025, kind="multimedia", title="Assembly")
    r2.contributors.set([lead])
    assert ids("/api/v1/group-resources/?year=2024") == [r1.pk]
    assert ids("/api/v1/group-resources/?kind=multimedia") == [r2.pk]
    assert ids(f"/api/v1/group-resources/?contributor={lead.pk}") == [r2.pk]
    assert ids("/api/v1/group-resources/?search=weld") == [r1.pk]
    assert ids("/api/v1/group-resources/?ordering=title") == [r2.pk, r1.pk]
    assert ids(f"/api/v1/group-resources/?group={b.pk}") == []
    assert client.get("/api/v1/group-resources/?year=soon").status_code == 400

    p1 = ResearchProjectFactory(group=a, started_on=D(2024, 5, 1), status="completed", patents=3)
    p2 = ResearchProjectFactory(group=b, started_on=D(2025, 5, 1), status="planned")
    p2.members.set([gov])
    assert ids("/api/v1/research-projects/?status=completed") == [p1.pk]
    assert ids("/api/v1/research-projects/?year=2025") == [p2.pk]
    assert ids(f"/api/v1/research-projects/?member={gov.pk}") == [p2.pk]
    assert ids(f"/api/v1/research-projects/?group={a.pk}") == [p1.pk]
    assert ids("/api/v1/research-projects/?ordering=-patents") == [p1.pk, p2.pk]
    assert client.get("/api/v1/research-projects/?status=late").status_code == 400


def test_lists_cost_the_same_queries_for_few_and_many_rows(api, alice, django_assert_num_queries):
    client = api.as_(alice)
    group = EducationGroupFactory()

    def fill(n):
        EducationGroupFactory.create_batch(n)
        members = GroupMemberFactory.create_batch(n, group=group)
        for _ in range(n):
            SharedResourceFactory(group=group).contributors.set(members[:3])
            ResearchProjectFactory(group=group).members.set(members[:3])
        for year in range(1990, 1990 + n):
            GroupTargetFactory(group=EducationGroupFactory(), year=year)

    # token + user, caller's groups, count, page
    # (+ the many-to-many ids of the page's rows for resources and projects)
    expected = {
        "/api/v1/groups/": 4,
        "/api/v1/group-members/": 4,
        "/api/v1/group-resources/": 5,
        "/api/v1/research-projects/": 5,
        "/api/v1/group-targets/": 4,
    }
    fill(3)
    for path, count in expected.items():
        with django_assert_num_queries(count):
            assert client.get(path + "?page_size=200").status_code == 200
    fill(60)
    for path, count in expected.items():
        with django_assert_num_queries(count):
            assert len(client.get(path + "?page_size=200").json()["results"]) >= 60


def test_a_liaisons_lists_cost_one_more_query_for_their_enterprise(
    api, lily, enterprise, django_assert_num_queries
):
    group = EducationGroupFactory()
    GroupMemberFactory(group=group, enterprise=enterprise)
    client = api.as_(lily)
    # token + user, caller's groups, the liaison's enterprise, count, page
    with django_assert_num_queries(5):
        assert client.get("/api/v1/group-members/").status_code == 200


@pytest.mark.parametrize("members", [2, 30])
def test_the_metrics_endpoint_costs_the_same_queries(
    api, alice, members, django_assert_num_queries
):
    group = EducationGroupFactory()
    for _member in range(members):
        enterprise = EnterpriseFactory()
        GroupMemberFactory(group=group, enterprise=enterprise)
        placement_at(enterprise, starts_on=D(2025, 3, 1), ends_on=D(2025, 9, 1), hired="yes")
    client = api.as_(alice)
    # token + user, caller's groups, the group, then the metrics: the year's
    # target, the placement aggregate, resources, research sums
    with django_assert_num_queries(7):
        body = client.get(f"/api/v1/groups/{group.pk}/metrics/?year=2025").json()
    assert body["internships"] == members and body["hires"] == members


def test_the_schema_documents_the_metrics(api, alice):
    schema = api.as_(alice).get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/groups/{id}/metrics/"]["get"]
    description = " ".join(operation["description"].split())
    assert "member of the group on the placement's start date" in description
    assert any(p["name"] == "year" and p["required"] for p in operation["parameters"])
    assert EducationGroup.Level.PROVINCIAL.value in str(schema)
    assert GroupMember.Kind.ASSOCIATION.value in str(schema)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/group-members/?year=0",
        "/api/v1/group-members/?year=10000",
        "/api/v1/group-resources/?year=2025.5",
        "/api/v1/research-projects/?year=0",
        "/api/v1/research-projects/?member=x",
        "/api/v1/group-resources/?contributor=-",
    ],
)
def test_malformed_filters_are_a_400(api, alice, path):
    assert api.as_(alice).get(path).status_code == 400


def test_updates_go_through_the_same_rules(api, alice, group, enterprise):
    client = api.as_(alice)
    member = GroupMemberFactory(group=group, enterprise=enterprise)
    school = SchoolMemberFactory(group=group)
    stranger = SchoolMemberFactory()
    r = client.patch(f"/api/v1/group-members/{member.pk}/", {"kind": "school"})
    assert r.status_code == 400 and r.json()["code"] == "enterprise_not_allowed"
    r = client.patch(f"/api/v1/group-members/{school.pk}/", {"group": EducationGroupFactory().pk})
    assert r.status_code == 400 and r.json()["code"] == "group_immutable"
    r = client.patch(f"/api/v1/group-members/{school.pk}/", {"role": "vice", "name": "New name"})
    assert r.status_code == 200 and (r.json()["role"], r.json()["name"]) == ("vice", "New name")
    resource = SharedResourceFactory(group=group)
    r = client.patch(f"/api/v1/group-resources/{resource.pk}/", {"contributors": [stranger.pk]})
    assert r.status_code == 400 and r.json()["code"] == "member_not_in_group"
    r = client.patch(f"/api/v1/group-resources/{resource.pk}/", {"contributors": [school.pk]})
    assert r.status_code == 200 and r.json()["contributors"] == [school.pk]
    project = ResearchProjectFactory(group=group)
    r = client.patch(f"/api/v1/research-projects/{project.pk}/", {"members": [stranger.pk]})
    assert r.status_code == 400 and r.json()["code"] == "member_not_in_group"
    r = client.patch(
        f"/api/v1/research-projects/{project.pk}/", {"status": "completed", "patents": 4}
    )
    assert r.status_code == 200 and r.json()["patents"] == 4
    r = client.post(f"/api/v1/group-members/{member.pk}/leave/", {"left_on": "not a date"})
    assert r.status_code == 400 and "left_on" in r.json()
    # An enterprise still in a group cannot be deleted.
    assert client.delete(f"/api/v1/enterprises/{enterprise.pk}/").status_code == 409


def test_yearly_targets_are_set_through_the_api_and_drive_the_metrics(api, alice, tom, group):
    client = api.as_(alice)
    body = {"group": group.pk, "year": 2025, "internships": 320, "employment": 110}
    created = client.post("/api/v1/group-targets/", body)
    assert created.status_code == 201, created.content
    assert set(created.json()) == {
        "id",
        "group",
        "year",
        "internships",
        "employment",
        "resources",
        "patents",
    }
    # Setting the same year again replaces its targets.
    again = client.post("/api/v1/group-targets/", {**body, "internships": 330})
    assert again.status_code == 201 and again.json()["id"] == created.json()["id"]
    metrics = client.get(f"/api/v1/groups/{group.pk}/metrics/?year=2025").json()
    assert (metrics["internship_target"], metrics["employment_target"]) == (330, 110)
    target = created.json()["id"]
    r = client.patch(f"/api/v1/group-targets/{target}/", {"employment": 95})
    assert r.status_code == 200 and r.json()["employment"] == 95
    r = client.patch(f"/api/v1/group-targets/{target}/", {"year": 2026})
    assert r.status_code == 400 and r.json()["code"] == "target_immutable"
    r = client.post("/api/v1/group-targets/", {**body, "year": 1800, "internships": -1})
    assert r.status_code == 400 and {"year", "internships"} <= set(r.json())
    assert [
        t["year"] for t in client.get(f"/api/v1/group-targets/?group={group.pk}").json()["results"]
    ] == [2025]
    assert api.as_(tom).post("/api/v1/group-targets/", body).status_code == 403
    assert api.as_(tom).get("/api/v1/group-targets/?year=2025").status_code == 200
    client = api.as_(alice)
    assert client.delete(f"/api/v1/group-targets/{target}/").status_code == 204
    metrics = client.get(f"/api/v1/groups/{group.pk}/metrics/?year=2025").json()
    assert metrics["internship_target"] == 300  # the standing target again
