"""One definition of "users with role X": a superuser is an administrator
everywhere, an inactive user counts nowhere, and a user in several groups has
the role ``role_of`` gives them."""

import datetime

import pytest
from django.contrib.auth.models import Group

from accounts.access import Role, is_staff_member, role_of
from accounts.selectors import administrators, staff_users, users_with_role
from common.exceptions import RuleError
from councils.models import Committee
from internships import services as internship_services
from internships.forms import PlacementForm
from internships.models import PlacementLog
from notifications import services as notification_services
from notifications.models import Notification
from partnerships.forms import AgreementForm
from tests.accounts.factories import UserFactory
from tests.councils.factories import CommitteeFactory
from tests.internships.factories import PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    """A superuser made with createsuperuser: in no group at all."""
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture
def retired(alice):
    """An administrator and teacher whose account was switched off."""
    user = UserFactory(username="retired", role=Role.ADMINISTRATOR, is_active=False)
    user.groups.add(Group.objects.get_or_create(name=Role.TEACHER.value)[0])
    return user


def test_a_superuser_without_a_group_is_an_administrator_and_staff(root, alice, tom, lily, rita):
    assert role_of(root) == Role.ADMINISTRATOR
    assert is_staff_member(root)
    assert list(administrators()) == [alice, root]
    assert list(staff_users()) == [alice, root, tom]
    assert list(users_with_role(Role.LIAISON, Role.REPORTER)) == [lily, rita]


def test_an_inactive_user_never_counts(retired, alice, tom):
    assert not is_staff_member(retired)
    assert retired not in administrators()
    assert retired not in staff_users()
    assert retired not in users_with_role(*Role.values)


def test_a_user_in_two_groups_has_the_role_role_of_gives(tom, lily):
    lily.groups.add(Group.objects.get(name=Role.TEACHER.value))
    lily = type(lily).objects.get(pk=lily.pk)  # no cached role
    assert role_of(lily) == Role.TEACHER
    assert list(users_with_role(Role.LIAISON)) == []
    assert list(users_with_role(Role.TEACHER)) == [lily, tom]


def test_the_owner_and_supervisor_choices_offer_the_same_people(root, retired, alice, tom, lily):
    offered = [alice, root, tom]
    assert list(AgreementForm().fields["owner"].queryset) == offered
    assert list(PlacementForm().fields["supervisor"].queryset) == offered


def test_a_superuser_may_supervise_and_an_inactive_teacher_may_not(root, retired):
    placement = PlacementFactory(supervisor=root)
    assert placement.supervisor == root
    with pytest.raises(RuleError) as refused:
        PlacementFactory(supervisor=retired)
    assert refused.value.code == "supervisor_not_teacher"


def test_incidents_and_idle_committees_reach_the_superuser_not_the_inactive(
    root, retired, alice, tom, django_capture_on_commit_callbacks
):
    placement = PlacementFactory(supervisor=tom)
    with django_capture_on_commit_callbacks(execute=True):
        internship_services.placement_log_create(
            placement=placement,
            kind=PlacementLog.Kind.INCIDENT,
            date=placement.starts_on,
            text="A fall from a ladder",
            author=tom,
        )
    CommitteeFactory(established_on=datetime.date(2020, 9, 1), status=Committee.Status.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        notification_services.reminders_send(
            today=datetime.date(2026, 12, 1), kinds=["committee_idle"]
        )
    for kind in ("placement_incident", "committee_idle"):
        reached = Notification.objects.filter(kind=kind).values_list("recipient__username")
        assert sorted(name for (name,) in reached) == ["alice", "root"], kind
