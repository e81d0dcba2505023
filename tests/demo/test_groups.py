import datetime
import random

import pytest
from django.utils import timezone

from demo import groups as demo
from groups.models import EducationGroup, GroupMember, GroupTarget
from groups.selectors import group_metrics
from tests.groups.factories import placement_at
from tests.partnerships.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_the_demo_builds_the_liaoning_group_from_the_enterprises(lily, enterprise, seed):
    enterprises = [enterprise, *EnterpriseFactory.create_batch(30)]
    context = {"enterprises": enterprises, "users": {"liaison": lily}, "placements": []}
    result = demo.seed(random.Random(seed), context)
    group = result["groups"][0]
    assert group.level == EducationGroup.Level.PROVINCIAL
    assert (group.internship_target, group.employment_target) == (300, 100)
    enterprises = group.members.filter(kind="enterprise")
    assert enterprises.filter(left_on__isnull=True).count() == 20
    assert enterprises.filter(left_on__isnull=False).count() == 2
    assert enterprises.filter(enterprise=enterprise).exists()  # the liaison sees it
    kinds = set(group.members.values_list("kind", flat=True))
    assert kinds == set(GroupMember.Kind.values)
    assert GroupTarget.objects.filter(group=group).count() == 3
    assert group.resources.values("kind").distinct().count() >= 4
    assert group.research_projects.filter(patents__gt=0).exists()


def test_the_demo_prefers_enterprises_with_interns(lily, enterprise):
    enterprises = [enterprise, *EnterpriseFactory.create_batch(30)]
    busy = enterprises[-1]
    placement_at(
        busy, starts_on=datetime.date(THIS_YEAR, 1, 1), ends_on=datetime.date(THIS_YEAR, 2, 1)
    )
    result = demo.seed(random.Random(2), {"enterprises": enterprises, "users": {"liaison": lily}})
    group = result["groups"][0]
    member = group.members.get(enterprise=busy)
    assert member.left_on is None
    assert group_metrics(group=group, year=THIS_YEAR)["internships"] == 1
