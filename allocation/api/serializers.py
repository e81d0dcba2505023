"""Shapes and types only; every rule is the services' to decide."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from allocation.models import Adjustment, AllocationRound, Application
from common.api import ModelSerializer, WholeIdField
from internships.models import InternshipPlan, Position, Student


class AllocationRoundSerializer(ModelSerializer):
    plan = WholeIdField(queryset=InternshipPlan.objects.all())
    positions = WholeIdField(
        queryset=Position.objects.all(),
        many=True,
        required=False,
        help_text=_("Ids of the positions offered: open, at enterprises with a valid vetting."),
    )
    # Bounds are the service's (max_choices_invalid), so a refusal carries its code.
    max_choices = serializers.IntegerField(required=False, default=5)

    class Meta:
        model = AllocationRound
        fields = [
            "id",
            "plan",
            "name",
            "opens_at",
            "closes_at",
            "positions",
            "max_choices",
            "status",
            "previous",
            "previewed_at",
            "published_at",
        ]
        read_only_fields = ["status", "previous", "previewed_at", "published_at"]


class ApplicationSerializer(ModelSerializer):
    round = WholeIdField(queryset=AllocationRound.objects.all())
    student = WholeIdField(
        queryset=Student.objects.all(),
        required=False,
        help_text=_("The student; a student applying for themselves leaves it out."),
    )
    position = WholeIdField(queryset=Position.objects.all())
    # A rank outside 1..max_choices is the service's too_many_choices, with its code.
    rank = serializers.IntegerField(help_text=_("1 = the first choice."))
    enterprise_rank = serializers.IntegerField(
        min_value=1, max_value=10_000, required=False, allow_null=True
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "round",
            "student",
            "position",
            "rank",
            "enterprise_decision",
            "enterprise_rank",
        ]
        read_only_fields = ["enterprise_decision"]
        # The services report a position or rank used twice with their codes.
        validators: list = []


class ApplicationUpdateSerializer(ApplicationSerializer):
    """A change: the student their choice, the liaison the enterprise's decision."""

    round = serializers.PrimaryKeyRelatedField(read_only=True)
    student = serializers.PrimaryKeyRelatedField(read_only=True)
    position = WholeIdField(queryset=Position.objects.all(), required=False)
    rank = serializers.IntegerField(required=False)

    class Meta(ApplicationSerializer.Meta):
        read_only_fields = ["round", "student"]


class DecisionInputSerializer(serializers.Serializer):
    enterprise_rank = serializers.IntegerField(
        min_value=1, max_value=10_000, required=False, allow_null=True
    )


class AdjustmentInputSerializer(serializers.Serializer):
    student = WholeIdField(queryset=Student.objects.all())
    position = WholeIdField(queryset=Position.objects.all())


class SecondRoundInputSerializer(serializers.Serializer):
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()


class AdjustmentSerializer(ModelSerializer):
    class Meta:
        model = Adjustment
        fields = ["student", "position", "kind"]


class _AssignedSerializer(serializers.Serializer):
    student = serializers.IntegerField()
    position = serializers.IntegerField()
    rank = serializers.IntegerField(help_text=_("The student's rank of the position; 0: pinned."))


class _ReasonSerializer(serializers.Serializer):
    position = serializers.IntegerField(allow_null=True)
    code = serializers.CharField(help_text=_("A rule code, or what the places left kept out."))


class _UnplacedSerializer(serializers.Serializer):
    student = serializers.IntegerField()
    reasons = _ReasonSerializer(many=True)


class PreviewSerializer(serializers.Serializer):
    assigned = _AssignedSerializer(many=True)
    unplaced = _UnplacedSerializer(many=True)
    score = serializers.IntegerField(help_text=_("The sum of the ranks the placed students got."))
    rank_counts = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=_("How many students got their first, second, ... choice."),
    )
    students = serializers.IntegerField()
    placed = serializers.IntegerField()
    pinned = serializers.IntegerField()
    adjustments = AdjustmentSerializer(many=True)
