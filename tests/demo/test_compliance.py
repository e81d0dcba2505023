import io

import pytest
from django.core.management import call_command

from internships.models import FilingBatch, InsurancePolicy, PayRecord, Position, RuleOverride
from partnerships.models import Enterprise, EnterpriseVetting

pytestmark = pytest.mark.django_db


def test_the_demo_shows_vetting_a_refused_venue_and_an_override(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--enterprises", "80", stdout=io.StringIO())
    approved = EnterpriseVetting.objects.filter(decision="approved")
    assert approved.exclude(published_on=None).exists()
    unvetted = Enterprise.objects.filter(status="active").exclude(vettings__in=approved)
    assert unvetted.exists()
    assert not unvetted.filter(placements__isnull=False).exists()
    assert Position.objects.filter(venue_category="ktv", is_open=False).exists()
    assert RuleOverride.objects.filter(rule="enterprise_intern_share").exclude(reason="").exists()
    assert InsurancePolicy.objects.exists()
    assert PayRecord.objects.filter(direct=False).exists()
    assert FilingBatch.objects.exists()
