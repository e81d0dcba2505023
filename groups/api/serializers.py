from __future__ import annotations

from rest_framework import serializers

from common.api import ModelSerializer, WholeIdField
from groups.models import (
    EducationGroup,
    GroupMember,
    GroupTarget,
    ResearchProject,
    SharedResource,
)
from groups.selectors import METRICS_DESCRIPTION


class EducationGroupSerializer(ModelSerializer):
    class Meta:
        model = EducationGroup
        fields = [
            "id",
            "name",
            "founded_on",
            "level",
            "lead_institutions",
            "internship_target",
            "employment_target",
            "resource_target",
            "patent_target",
        ]
        # Uniqueness is the service's to decide (the pages give the same message).
        extra_kwargs = {"name": {"validators": []}}


class GroupMemberSerializer(ModelSerializer):
    name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="For an enterprise member, the enterprise's name when omitted.",
    )

    class Meta:
        model = GroupMember
        fields = ["id", "group", "kind", "name", "enterprise", "role", "joined_on", "left_on"]
        # One membership at a time is the service's rule (with its rule code).
        validators: list = []


class GroupMemberLeaveInputSerializer(serializers.Serializer):
    left_on = serializers.DateField()


class SharedResourceSerializer(ModelSerializer):
    contributors = WholeIdField(
        many=True,
        queryset=GroupMember.objects.all(),
        required=False,
        help_text="Ids of members of the same group; may be empty.",
    )

    class Meta:
        model = SharedResource
        fields = ["id", "group", "kind", "title", "year", "contributors"]


class ResearchProjectSerializer(ModelSerializer):
    members = WholeIdField(
        many=True,
        queryset=GroupMember.objects.all(),
        required=False,
        help_text="Ids of members of the same group taking part.",
    )

    class Meta:
        model = ResearchProject
        fields = [
            "id",
            "group",
            "title",
            "members",
            "started_on",
            "status",
            "patents",
            "technical_improvements",
            "achievements",
        ]


class GroupTargetSerializer(ModelSerializer):
    class Meta:
        model = GroupTarget
        fields = ["id", "group", "year", "internships", "employment", "resources", "patents"]
        # Setting a year that already has targets replaces them (the service
        # upserts), so the (group, year) uniqueness is not a validation error.
        validators: list = []


class GroupMetricsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100)


class GroupMetricsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    internships = serializers.IntegerField()
    internship_target = serializers.IntegerField()
    hires = serializers.IntegerField()
    employment_target = serializers.IntegerField()
    resources = serializers.IntegerField()
    patents = serializers.IntegerField()
    technical_improvements = serializers.IntegerField()
    achievements = serializers.IntegerField()

    class Meta:
        ref_name = "GroupMetrics"


GroupMetricsSerializer.__doc__ = METRICS_DESCRIPTION
