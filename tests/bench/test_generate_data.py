"""The benchmark's data generator: proportions hold at a tiny scale."""

import pytest
from django.core.management import CommandError
from django.db.models import F

from bench.management.commands.generate_data import ATTENDANCE_PER_PLACEMENT, PER_SCALE
from councils.models import Committee, Meeting
from groups.models import EducationGroup, GroupMember
from internships.models import Attendance, Placement, Position, Student
from partnerships.models import AgreementMode, CooperationAgreement, Enterprise, depth_of
from tests.bench.generator import generate_data

SCALE = 0.01


@pytest.fixture
def generated(db):
    generate_data(scale=SCALE)


def test_counts_follow_the_scale(generated):
    for model, name in [
        (Enterprise, "enterprises"),
        (CooperationAgreement, "agreements"),
        (Student, "students"),
        (Position, "positions"),
        (Placement, "placements"),
    ]:
        assert model.objects.count() == round(PER_SCALE[name] * SCALE), name
    assert Placement.objects.count() == 1000
    # At least a meeting per committee, whatever the scale.
    assert Meeting.objects.count() >= Committee.objects.count()
    assert Committee.objects.filter(kind="council").count() == 1
    assert EducationGroup.objects.count() >= 1 and GroupMember.objects.exists()
    worked = Placement.objects.exclude(status="planned").count()
    assert Attendance.objects.count() == worked * ATTENDANCE_PER_PLACEMENT


def test_rows_are_consistent(generated):
    # Every agreement has 1-3 modes and its stored depth matches them.
    for agreement in CooperationAgreement.objects.prefetch_related("mode_rows", "majors"):
        assert 1 <= len(agreement.mode_codes) <= 3
        assert agreement.depth == depth_of(agreement.mode_codes)
        assert agreement.majors.exists()
    assert AgreementMode.objects.count() >= CooperationAgreement.objects.count()
    # A placement is at its position's enterprise; most are not planned.
    assert not Placement.objects.exclude(enterprise=F("position__enterprise")).exists()
    assert Placement.objects.filter(status="active").count() > 100


def test_refuses_a_database_with_data(generated):
    with pytest.raises(CommandError):
        generate_data(scale=SCALE)


def test_refuses_a_bad_scale(db):
    with pytest.raises(CommandError):
        generate_data(scale=0)
