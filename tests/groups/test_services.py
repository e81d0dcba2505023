import datetime

import pytest

from common.exceptions import RuleError
from groups import services
from groups.models import GroupMember, GroupTarget
from tests.groups.factories import EducationGroupFactory, GroupMemberFactory, SchoolMemberFactory
from tests.partnerships.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def group():
    return EducationGroupFactory()


def add(group, **kwargs):
    values = {"kind": "enterprise", "joined_on": D(2020, 1, 1)} | kwargs
    return services.group_member_add(group=group, **values)


def test_group_names_are_unique_regardless_of_case(group):
    with pytest.raises(RuleError) as error:
        services.group_create(name=group.name.upper(), founded_on=D(2015, 7, 1))
    assert error.value.code == "group_name_taken"
    services.group_update(group=group, name=group.name, level="national")  # itself is fine


def test_an_enterprise_member_takes_its_enterprises_name_by_default(group, enterprise):
    member = add(group, enterprise=enterprise)
    assert member.name == enterprise.name
    assert add(group, kind="school", name="  Shenyang Polytechnic College ").name == (
        "Shenyang Polytechnic College"
    )


def test_an_enterprise_member_needs_an_enterprise_and_only_it_may_have_one(group, enterprise):
    with pytest.raises(RuleError) as error:
        add(group, name="Someone")
    assert error.value.code == "enterprise_required"
    with pytest.raises(RuleError) as error:
        add(group, kind="research", name="Institute", enterprise=enterprise)
    assert error.value.code == "enterprise_not_allowed"
    with pytest.raises(RuleError) as error:
        add(group, kind="government", name=" ")
    assert error.value.code == "name_required"


def test_a_member_cannot_leave_before_joining(group, enterprise):
    with pytest.raises(RuleError) as error:
        add(group, enterprise=enterprise, left_on=D(2019, 12, 31))
    assert error.value.code == "left_before_joined"
    member = add(group, enterprise=enterprise)
    with pytest.raises(RuleError) as error:
        services.group_member_leave(member=member, left_on=D(2019, 12, 31))
    assert error.value.code == "left_before_joined"
    member = services.group_member_leave(member=member, left_on=D(2020, 1, 1))
    assert member.left_on == D(2020, 1, 1)
    with pytest.raises(RuleError) as error:
        services.group_member_leave(member=member, left_on=D(2021, 1, 1))
    assert error.value.code == "already_left"


def test_an_enterprise_is_a_member_at_most_once_at_a_time(group, enterprise):
    add(group, enterprise=enterprise, joined_on=D(2016, 1, 1), left_on=D(2018, 12, 31))
    for joined, left in [
        (D(2018, 12, 31), None),  # starts the day the old one ended
        (D(2015, 1, 1), D(2016, 1, 1)),  # ends the day the old one started
        (D(2017, 1, 1), D(2017, 6, 1)),  # inside it
        (D(2010, 1, 1), None),  # around it
    ]:
        with pytest.raises(RuleError) as error:
            add(group, enterprise=enterprise, joined_on=joined, left_on=left)
        assert error.value.code == "already_member"
    # Before and after the old membership is fine; so is another group.
    add(group, enterprise=enterprise, joined_on=D(2014, 1, 1), left_on=D(2015, 12, 31))
    current = add(group, enterprise=enterprise, joined_on=D(2019, 1, 1))
    add(EducationGroupFactory(), enterprise=enterprise, joined_on=D(2019, 1, 1))
    with pytest.raises(RuleError) as error:
        add(group, enterprise=enterprise, joined_on=D(2030, 1, 1))
    assert error.value.code == "already_member"
    # Moving a membership's dates onto another's is refused too.
    with pytest.raises(RuleError) as error:
        services.group_member_update(member=current, joined_on=D(2018, 6, 1))
    assert error.value.code == "already_member"
    assert services.group_member_update(member=current, role="vice").role == "vice"


def test_a_member_cannot_move_to_another_group(group):
    member = SchoolMemberFactory(group=group)
    with pytest.raises(RuleError) as error:
        services.group_member_update(member=member, group=EducationGroupFactory())
    assert error.value.code == "group_immutable"


def test_contributors_and_participants_must_be_members_of_the_same_group(group):
    ours = SchoolMemberFactory(group=group)
    theirs = SchoolMemberFactory()
    with pytest.raises(RuleError) as error:
        services.shared_resource_create(
            group=group, kind="textbook", title="T", year=2025, contributors=[ours, theirs]
        )
    assert error.value.code == "member_not_in_group"
    assert error.value.field == "contributors"
    resource = services.shared_resource_create(
        group=group, kind="textbook", title="T", year=2025, contributors=[ours]
    )
    assert list(resource.contributors.all()) == [ours]
    with pytest.raises(RuleError) as error:
        services.research_project_create(
            group=group, title="R", started_on=D(2025, 1, 1), members=[theirs]
        )
    assert error.value.field == "members"
    project = services.research_project_create(
        group=group, title="R", started_on=D(2025, 1, 1), members=[ours]
    )
    with pytest.raises(RuleError):
        services.research_project_update(project=project, members=[theirs])
    assert list(project.members.all()) == [ours]


def test_setting_a_years_target_twice_replaces_it(group):
    services.group_target_set(group=group, year=2025, internships=300, employment=100)
    target = services.group_target_set(group=group, year=2025, internships=320, employment=90)
    assert GroupTarget.objects.filter(group=group).count() == 1
    assert (target.internships, target.employment) == (320, 90)


def test_the_database_refuses_an_enterprise_member_without_enterprise(group):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMember.objects.create(
            group=group, kind="enterprise", name="X", joined_on=D(2020, 1, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMemberFactory(group=group, joined_on=D(2020, 1, 2), left_on=D(2020, 1, 1))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_joins_of_one_enterprise_make_one_membership():
    import threading

    from django.db import connection

    group = EducationGroupFactory()
    enterprise = EnterpriseFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def join(joined_on):
        try:
            barrier.wait()
            add(group, enterprise=enterprise, joined_on=joined_on, left_on=D(2022, 1, 1))
            outcomes.append("ok")
        except RuleError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    # Closed periods: the partial unique index does not apply, only the lock does.
    threads = [threading.Thread(target=join, args=(D(2020, 1, day),)) for day in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_member", "ok"]
    assert GroupMember.objects.filter(group=group, enterprise=enterprise).count() == 1
