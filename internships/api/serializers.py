"""Shapes and types only; every rule is the services' to decide."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api import ModelSerializer, ReasonInputSerializer, WholeIdField
from internships import selectors, services
from internships.models import (
    Attendance,
    Evaluation,
    FilingBatch,
    InsurancePolicy,
    InternshipPlan,
    PayRecord,
    Placement,
    PlacementLog,
    Position,
    Student,
)
from internships.policy import HOUR_FLAG_LABELS, OVERRIDABLE
from partnerships.models import Major


class StudentSerializer(ModelSerializer):
    major = WholeIdField(queryset=Major.objects.all())

    class Meta:
        model = Student
        fields = ["id", "student_number", "name", "major", "cohort", "date_of_birth", "sex"]
        # Uniqueness is the service's to decide (same messages as the import).
        extra_kwargs = {"student_number": {"validators": []}}


class StudentReadSerializer(StudentSerializer):
    """The schema's student in a response: a liaison gets only id, number, name and major."""

    class Meta(StudentSerializer.Meta):
        extra_kwargs = {
            **StudentSerializer.Meta.extra_kwargs,
            "cohort": {"required": False},
            "date_of_birth": {"required": False},
        }


class LiaisonStudentSerializer(ModelSerializer):
    """What an enterprise liaison may know of their own interns: nothing more."""

    class Meta:
        model = Student
        fields = ["id", "student_number", "name", "major"]
        read_only_fields = fields


class PositionSerializer(ModelSerializer):
    major_categories = serializers.ListField(
        child=serializers.RegexField(r"^[0-9]{2}$", max_length=2),
        required=False,
        max_length=100,
        help_text=_(
            "The two-digit major categories the post suits (a major code's first two digits); "
            "empty: any major. A student outside them is refused (code outside_major)."
        ),
    )

    class Meta:
        model = Position
        fields = ["id", *services.POSITION_FIELDS]
        # A liaison may leave the enterprise out (their own); the service
        # refuses any other one and asks administrators to name it.
        extra_kwargs = {
            "enterprise": {
                "required": False,
                "help_text": _(
                    "Required for administrators. A liaison's positions are their own "
                    "enterprise's: omitted means their own, another one is refused "
                    "(code enterprise_not_yours)."
                ),
            }
        }


class ScopedPrimaryKey(WholeIdField):
    """An id among the rows the caller may see; others read as nonexistent."""

    def __init__(self, selector, **kwargs):
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.selector(getattr(request, "user", None))


# What an enterprise liaison is not told of a placement (the service refuses
# these fields from a liaison). The schema says so on each of them.
LIAISON_HIDDEN_PLACEMENT_FIELDS = services.LIAISON_HIDDEN_FIELDS
HIDDEN_FROM_LIAISONS = _("Not in the answers to an enterprise liaison.")


class PlacementSerializer(ModelSerializer):
    student = ScopedPrimaryKey(selectors.student_visible_to)
    position = ScopedPrimaryKey(selectors.position_visible_to)
    supervisor = WholeIdField(
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("A teacher's user id. Not in the answers to an enterprise liaison."),
    )
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)
    plan = WholeIdField(
        queryset=InternshipPlan.objects.all(),
        required=False,
        help_text=_("The internship plan; omitted on create: the default plan."),
    )

    class Meta:
        model = Placement
        fields = [
            "id",
            "student",
            "position",
            "enterprise",
            "supervisor",
            "mentor_name",
            "plan",
            "starts_on",
            "ends_on",
            "status",
            "agreement_signed",
            "guardian_consent",
            "insurance_policy",
            "insurance_expires_on",
            "hired",
            "warnings",
            "destination",
            "destination_approved_on",
        ]
        read_only_fields = ["enterprise", "status", "warnings", "destination_approved_on"]
        # Omitted dates default to the position's.
        extra_kwargs = {
            "starts_on": {"required": False},
            "ends_on": {"required": False},
            **{
                name: {"help_text": HIDDEN_FROM_LIAISONS}
                for name in LIAISON_HIDDEN_PLACEMENT_FIELDS
                if name != "supervisor"
            },
        }


class LiaisonPlacementSerializer(PlacementSerializer):
    """A placement as its enterprise's liaison receives it.

    The hidden fields stay accepted on input, so that a liaison sending one
    is refused by the service (field_not_editable) rather than silently
    ignored; they are never written out. The supervisor is taken as a bare
    number, not looked up, so the answer does not tell which users exist.
    """

    supervisor = serializers.IntegerField(required=False, allow_null=True, write_only=True)

    class Meta(PlacementSerializer.Meta):
        extra_kwargs = {
            **PlacementSerializer.Meta.extra_kwargs,
            **{
                name: {"write_only": True}
                for name in LIAISON_HIDDEN_PLACEMENT_FIELDS
                if name != "supervisor"
            },
        }


class PlacementTerminateInputSerializer(ReasonInputSerializer):
    reason = serializers.CharField(max_length=2000)
    reason_message = _("Give the reason for the termination.")


class AttendanceSerializer(ModelSerializer):
    placement = ScopedPrimaryKey(selectors.placement_visible_to)

    class Meta:
        model = Attendance
        fields = ["id", "placement", "date", "status", "hours", "night_hours"]
        # One per placement and day is the service's to decide (with a rule code).
        validators: list = []


class PlacementLogSerializer(ModelSerializer):
    placement = ScopedPrimaryKey(selectors.placement_visible_to)

    class Meta:
        model = PlacementLog
        fields = ["id", "placement", "kind", "date", "text"]
        extra_kwargs = {
            "kind": {
                "help_text": _(
                    "A supervision visit (visit) is written by teachers and administrators "
                    "only (code visit_not_allowed)."
                )
            }
        }


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            name: {"type": "integer", "minimum": 0, "maximum": 100} for name in Evaluation.CRITERIA
        },
        "required": list(Evaluation.CRITERIA),
        "additionalProperties": False,
    }
)
class ScoresField(serializers.Field):
    """``{"skills": 0-100, "attitude": ..., ...}``: every criterion, whole numbers."""

    default_error_messages = {
        "shape": _("Give a score for each of: {names}."),
        "value": _("Each score is a whole number from 0 to 100 ({name})."),
    }

    def to_representation(self, value):
        return value

    def to_internal_value(self, data):
        names = ", ".join(Evaluation.CRITERIA)
        if not isinstance(data, dict) or set(data) != set(Evaluation.CRITERIA):
            self.fail("shape", names=names)
        for name, value in data.items():
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                self.fail("value", name=name)
        return dict(data)


class EvaluationSerializer(ModelSerializer):
    placement = ScopedPrimaryKey(selectors.placement_visible_to)
    scores = ScoresField()
    total = serializers.FloatField(read_only=True)

    class Meta:
        model = Evaluation
        fields = ["id", "placement", "side", "scores", "comment", "total"]
        validators: list = []


class InsurancePolicySerializer(ModelSerializer):
    placement = ScopedPrimaryKey(selectors.placement_visible_to)

    class Meta:
        model = InsurancePolicy
        fields = ["id", *services.INSURANCE_FIELDS]
        extra_kwargs = {
            "charged_to_student": {
                "help_text": _(
                    "true is refused (code premium_charged_to_student): the premium is never "
                    "the student's to pay."
                )
            },
            "covers_to": {
                "help_text": _("Coverage must span the placement (code insurance_not_covering).")
            },
        }


class PayRecordSerializer(ModelSerializer):
    placement = ScopedPrimaryKey(selectors.placement_visible_to)

    class Meta:
        model = PayRecord
        fields = ["id", *services.PAY_FIELDS]
        validators: list = []
        extra_kwargs = {
            "month": {"help_text": _("Any day of the month; stored as the month's first day.")}
        }


class OverrideInputSerializer(serializers.Serializer):
    # Plain text, so that any other rule code reaches the service and is
    # answered with its documented code (rule_not_overridable, reason_required).
    rule = serializers.CharField(max_length=50, help_text=" or ".join(OVERRIDABLE))
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class HourFlagSerializer(serializers.Serializer):
    date = serializers.DateField()
    code = serializers.ChoiceField(choices=[(code, code) for code in HOUR_FLAG_LABELS])
    hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    label = serializers.CharField()
    article = serializers.CharField()


class FilingBatchSerializer(ModelSerializer):
    major = WholeIdField(queryset=Major.objects.all(), required=False, allow_null=True)

    class Meta:
        model = FilingBatch
        fields = [
            "id",
            "title",
            "major",
            "cohort",
            "kind",
            "starts_from",
            "starts_to",
            "emergency_plan",
            "created_at",
        ]
        read_only_fields = ["created_at"]
