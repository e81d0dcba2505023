import random

import pytest
from django.core.management import call_command

from partnerships.models import AnnualReview
from records.kinds import KINDS

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_record_type_and_the_reviews_follow(capsys):
    random.seed(0)
    call_command("seed_demo", "--enterprises", "40")
    for resource, kind in KINDS.items():
        assert kind.model.objects.exists(), resource
    derived = AnnualReview.objects.filter(order_class_students__gt=0)
    assert derived.exists()
