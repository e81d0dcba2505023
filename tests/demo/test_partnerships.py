import io

import pytest
from django.core.management import call_command

from partnerships import selectors
from partnerships.models import AnnualReview, CooperationAgreement, Workstation


@pytest.mark.django_db
def test_the_demo_has_agreements_in_every_status_and_flags_some_majors(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", enterprises=60, stdout=io.StringIO())
    statuses = set(CooperationAgreement.objects.values_list("status", flat=True))
    assert statuses == {"draft", "active", "expired", "terminated"}
    reviews = set(AnnualReview.objects.values_list("status", flat=True))
    assert reviews == {"pending", "submitted", "approved"}
    assert CooperationAgreement.objects.filter(renews__isnull=False).exists()
    assert CooperationAgreement.objects.expiring(within_days=90).exists()
    assert 0 < selectors.majors_without_deep_partner().count() < 6
    assert Workstation.objects.count() >= 2
