from __future__ import annotations

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.api import ModelSerializer, ReasonInputSerializer, WholeIdField
from councils.models import ActionItem, CharterVersion, Committee, Meeting, Membership
from partnerships.models import EnterpriseContact


class CommitteeSerializer(ModelSerializer):
    # Annotations of the list query; null when a row was built without them.
    last_met_at = serializers.DateTimeField(read_only=True, allow_null=True, default=None)
    overdue = serializers.BooleanField(read_only=True, allow_null=True, default=None)
    composition_ok = serializers.BooleanField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = Committee
        fields = [
            "id",
            "kind",
            "name",
            "major",
            "established_on",
            "status",
            "description",
            "last_met_at",
            "overdue",
            "composition_ok",
        ]
        extra_kwargs = {"status": {"required": False}, "established_on": {"required": False}}
        # The one-council and one-per-major rules are the service's to decide.
        validators: list = []


class CommitteeCompositionSerializer(serializers.Serializer):
    """Shape of ``GET /committees/{id}/composition/`` (documentation only)."""

    total = serializers.IntegerField()
    by_affiliation = serializers.DictField(child=serializers.IntegerField())
    by_category = serializers.DictField(child=serializers.IntegerField())
    has_school = serializers.BooleanField()
    has_enterprise = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())
    ok = serializers.BooleanField()


class CommitteeDissolveInputSerializer(serializers.Serializer):
    dissolved_on = serializers.DateField(required=False)


class CommitteeMemberSerializer(ModelSerializer):
    contact = WholeIdField(
        queryset=EnterpriseContact.objects.all(), required=False, allow_null=True
    )
    user = WholeIdField(queryset=User.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "committee",
            "name",
            "title",
            "affiliation",
            "category",
            "role",
            "enterprise",
            "contact",
            "user",
            "term_start",
            "term_end",
        ]
        extra_kwargs = {"term_start": {"required": False}}
        # One chair at a time is the service's to decide.
        validators: list = []


class CommitteeMemberPublicSerializer(CommitteeMemberSerializer):
    """What a liaison sees: names and seats, no links to people's accounts."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["user"] = None
        data["contact"] = None
        return data


class CommitteeMemberEndInputSerializer(serializers.Serializer):
    term_end = serializers.DateField(required=False)


class MeetingSerializer(ModelSerializer):
    attendees = WholeIdField(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "committee",
            "kind",
            "scheduled_at",
            "duration_minutes",
            "location",
            "agenda",
            "status",
            "minutes",
            "work_plan",
            "attendees",
            "quorate",
            "cancel_reason",
            "uid",
        ]
        read_only_fields = ["status", "quorate", "cancel_reason", "uid"]


class MeetingHoldInputSerializer(serializers.Serializer):
    minutes = serializers.CharField(allow_blank=True, max_length=100_000)
    attendees = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62), max_length=1000
    )
    work_plan = serializers.CharField(required=False, allow_blank=True, max_length=100_000)


class MeetingCancelInputSerializer(ReasonInputSerializer):
    reason = serializers.CharField(max_length=500)
    reason_message = _("Give the reason for the cancellation.")


class ActionItemSerializer(ModelSerializer):
    owner = WholeIdField(queryset=User.objects.all(), required=False, allow_null=True)

    class Meta:
        model = ActionItem
        fields = ["id", "meeting", "description", "owner", "due_on", "status", "completed_on"]
        read_only_fields = ["completed_on"]
        extra_kwargs = {"status": {"required": False}}


class CharterVersionSerializer(ModelSerializer):
    class Meta:
        model = CharterVersion
        fields = ["id", "committee", "version", "text", "adopted_at_meeting", "adopted_on"]
