import datetime

import pytest
from django.utils import timezone

from tests.groups.factories import EducationGroupFactory, GroupMemberFactory, placement_at

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def test_the_dashboard_shows_this_years_group_progress(client, alice):
    group = EducationGroupFactory(
        name="辽宁装备制造职业教育集团 Liaoning group", level="provincial"
    )
    enterprise = GroupMemberFactory(group=group).enterprise
    placement_at(
        enterprise,
        starts_on=datetime.date(THIS_YEAR, 1, 1),
        ends_on=datetime.date(THIS_YEAR, 1, 2),
        hired="yes",
    )
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert f"辽宁装备制造职业教育集团: placements {THIS_YEAR} / target" in page
    assert "1 / 300" in page and "1 / 100" in page
