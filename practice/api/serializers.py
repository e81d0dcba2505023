"""Shapes and types only; every rule is the services' to decide."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api import ModelSerializer
from internships.models import GRADE_COMPONENTS, InternshipPlan, Position
from partnerships.models import Major
from practice.models import CheckIn, InternshipReport, Journal

LAT = {"max_digits": 9, "decimal_places": 6, "min_value": -90, "max_value": 90}
LNG = {"max_digits": 9, "decimal_places": 6, "min_value": -180, "max_value": 180}


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            name: {"type": "integer", "minimum": 0, "maximum": 100} for name in GRADE_COMPONENTS
        },
        "required": list(GRADE_COMPONENTS),
        "additionalProperties": False,
    }
)
class WeightsField(serializers.Field):
    """``{"attendance": 20, "journals": 20, ...}``: whole numbers summing to 100."""

    default_error_messages = {
        "shape": _("Give a weight for each of: {names}."),
        "value": _("Each weight is a whole number from 0 to 100 ({name})."),
    }

    def get_attribute(self, instance):
        return instance.weights

    def to_representation(self, value):
        return value

    def to_internal_value(self, data):
        names = ", ".join(GRADE_COMPONENTS)
        if not isinstance(data, dict) or set(data) != set(GRADE_COMPONENTS):
            self.fail("shape", names=names)
        for name, value in data.items():
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                self.fail("value", name=name)
        return dict(data)


class InternshipPlanSerializer(ModelSerializer):
    majors = serializers.PrimaryKeyRelatedField(
        queryset=Major.objects.all(), many=True, required=False
    )
    weights = WeightsField(
        required=False, help_text=_("Integers summing to 100 (code plan_weights_sum).")
    )
    kind = serializers.ChoiceField(
        choices=Position.Kind.choices,
        required=False,
        allow_blank=True,
        help_text=_("The kind of internship; blank: any."),
    )

    class Meta:
        model = InternshipPlan
        fields = [
            "id",
            "name",
            "majors",
            "cohort",
            "kind",
            "starts_on",
            "ends_on",
            "checkin_required",
            "geofence_m",
            "weekly_journals",
            "journal_min_chars",
            "monthly_reports",
            "report_required",
            "weights",
            "pass_mark",
        ]


class CheckInSerializer(ModelSerializer):
    placement = serializers.IntegerField(
        source="placement_id", min_value=1, help_text=_("One of the student's own placements.")
    )
    lat = serializers.DecimalField(**LAT)
    lng = serializers.DecimalField(**LNG)
    accuracy_m = serializers.IntegerField(min_value=0, max_value=100_000)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text=_("Required when off site (code off_site_reason_required)."),
    )

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "placement",
            "at",
            "lat",
            "lng",
            "accuracy_m",
            "distance_m",
            "on_site",
            "reason",
            "checked_out_at",
            "hours",
        ]
        read_only_fields = ["at", "distance_m", "on_site", "checked_out_at", "hours"]


class JournalSerializer(ModelSerializer):
    placement = serializers.IntegerField(
        source="placement_id", min_value=1, help_text=_("One of the student's own placements.")
    )

    class Meta:
        model = Journal
        fields = [
            "id",
            "placement",
            "kind",
            "period_start",
            "period_end",
            "text",
            "status",
            "score",
            "comment",
            "submitted_at",
            "reviewed_at",
        ]
        read_only_fields = ["status", "score", "comment", "submitted_at", "reviewed_at"]
        extra_kwargs = {"text": {"max_length": 50_000}}
        validators: list = []


class JournalUpdateSerializer(JournalSerializer):
    class Meta(JournalSerializer.Meta):
        read_only_fields = [*JournalSerializer.Meta.read_only_fields, "placement"]


class ReviewInputSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=0, max_value=100)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ReturnInputSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5000)


class InternshipReportSerializer(ModelSerializer):
    placement = serializers.IntegerField(
        source="placement_id", min_value=1, help_text=_("One of the student's own placements.")
    )
    file = serializers.FileField(
        help_text=_("PDF or DOCX (codes report_file_type, report_too_large)."), use_url=False
    )

    class Meta:
        model = InternshipReport
        fields = ["id", "placement", "file", "summary", "status", "score", "comment"]
        read_only_fields = ["status", "score", "comment"]
        extra_kwargs = {"summary": {"max_length": 10_000}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["file"] = instance.filename
        return data


class InternshipReportUpdateSerializer(InternshipReportSerializer):
    file = serializers.FileField(required=False, use_url=False)

    class Meta(InternshipReportSerializer.Meta):
        read_only_fields = [*InternshipReportSerializer.Meta.read_only_fields, "placement"]


class GradeSerializer(serializers.Serializer):
    attendance = serializers.FloatField(allow_null=True)
    journals = serializers.FloatField(allow_null=True)
    report = serializers.FloatField(allow_null=True)
    enterprise = serializers.FloatField(allow_null=True)
    school = serializers.FloatField(allow_null=True)
    total = serializers.FloatField(allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    approved = serializers.BooleanField()


class IncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    placement = serializers.IntegerField(min_value=1)
    text = serializers.CharField(max_length=5000)
    lat = serializers.DecimalField(required=False, allow_null=True, **LAT)
    lng = serializers.DecimalField(required=False, allow_null=True, **LNG)
    date = serializers.DateField(read_only=True)

    def to_representation(self, instance):
        location = getattr(instance, "location", None)
        return {
            "id": instance.pk,
            "placement": instance.placement_id,
            "text": instance.text,
            "lat": None if location is None or location.lat is None else str(location.lat),
            "lng": None if location is None or location.lng is None else str(location.lng),
            "date": instance.date.isoformat(),
        }
