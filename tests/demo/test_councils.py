import io

import pytest
from django.core.management import call_command

from councils.models import ActionItem, CharterVersion, Committee, Meeting
from councils.selectors import committee_composition, committee_list_with_last_meeting

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_the_council_and_five_steering_committees():
    call_command("seed_demo", enterprises=80, stdout=io.StringIO())
    assert Committee.objects.filter(kind="council", status="active").count() == 1
    steering = Committee.objects.filter(kind="steering")
    assert steering.count() == 5
    assert all(committee_composition(c)["ok"] for c in steering)
    rows = committee_list_with_last_meeting(Committee.objects.all())
    assert sum(1 for c in rows if c.overdue) == 1
    statuses = set(Meeting.objects.values_list("status", flat=True))
    assert statuses == {"planned", "held", "cancelled"}
    assert CharterVersion.objects.filter(version=2).exists()
    assert set(ActionItem.objects.values_list("status", flat=True)) == {"open", "done"}
    council = Committee.objects.get(kind="council")
    assert council.memberships.filter(user__username="teacher").exists()
    annual = council.meetings.filter(kind="annual", status="held").get()
    assert annual.work_plan
