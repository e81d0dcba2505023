from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api import ModelSerializer, ReasonInputSerializer, WholeIdField
from partnerships.models import (
    COUNT_MAX,
    MONEY_MAX,
    SCORE_FIELDS,
    AgreementDocument,
    AnnualReview,
    CooperationAgreement,
    Department,
    Enterprise,
    EnterpriseContact,
    EnterpriseVetting,
    Major,
    Mode,
    Workstation,
)


class DepartmentSerializer(ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name"]


class MajorSerializer(ModelSerializer):
    class Meta:
        model = Major
        fields = ["id", "code", "name", "department"]


class EnterpriseSerializer(ModelSerializer):
    credit_code = serializers.CharField(
        max_length=18, required=False, allow_blank=True, allow_null=True
    )

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "credit_code",
            "industry",
            "size",
            "city",
            "workforce",
            "is_integration_enterprise",
            "status",
        ]
        # Uniqueness and the check character are the service's to decide, so
        # the API and the spreadsheet import give the same messages.
        extra_kwargs = {"name": {"validators": []}}


class EnterpriseContactSerializer(ModelSerializer):
    enterprise = WholeIdField(queryset=Enterprise.objects.all())

    class Meta:
        model = EnterpriseContact
        fields = ["id", "enterprise", "name", "title", "phone", "email", "is_primary"]
        # One primary per enterprise: the service demotes the old one.
        validators: list = []


# ---------------------------------------------------------------------------
# Agreements, reviews, documents, workstations
# ---------------------------------------------------------------------------

_money = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": MONEY_MAX,
}


class AgreementSerializer(ModelSerializer):
    enterprise = WholeIdField(queryset=Enterprise.objects.all())
    majors = WholeIdField(queryset=Major.objects.all(), many=True, required=False)
    modes = serializers.ListField(
        child=serializers.ChoiceField(choices=Mode.choices),
        required=False,
        max_length=len(Mode.choices),
        source="mode_codes",
    )
    owner = WholeIdField(queryset=User.objects.filter(is_active=True), required=False)
    school_investment = serializers.DecimalField(**_money, required=False)
    enterprise_investment = serializers.DecimalField(**_money, required=False)
    # Accepted on input, not echoed: the contract's fields stay exactly as listed.
    school_obligations = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=10000
    )
    enterprise_obligations = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=10000
    )
    signed_on = serializers.DateField(required=False, allow_null=True)

    class Meta:
        model = CooperationAgreement
        fields = [
            "id",
            "number",
            "title",
            "enterprise",
            "majors",
            "modes",
            "depth",
            "starts_on",
            "ends_on",
            "signed_on",
            "status",
            "owner",
            "school_investment",
            "enterprise_investment",
            "renews",
            "school_obligations",
            "enterprise_obligations",
        ]
        read_only_fields = ["number", "depth", "status", "renews"]

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if "mode_codes" in values:
            values["modes"] = values.pop("mode_codes")
        return values


class AgreementTerminateInputSerializer(ReasonInputSerializer):
    reason = serializers.CharField(max_length=5000)
    reason_message = _("Give the reason for terminating the agreement.")


class AgreementRenewInputSerializer(serializers.Serializer):
    ends_on = serializers.DateField()


class ScoresSchema(serializers.Serializer):
    """What ``scores`` looks like, for the schema."""

    talent_training = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)
    teaching_resources = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)
    research = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)
    employment = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)
    student_satisfaction = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)
    employer_satisfaction = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)


@extend_schema_field(ScoresSchema)
class ScoresField(serializers.Field):
    """The six review scores as one object; each a whole number 1-5 (or null)."""

    default_error_messages = {
        "not_a_dict": _("Scores are an object of the six criteria."),
        "unknown": _("Unknown score: %(keys)s."),
        "range": _("%(key)s must be a whole number from 1 to 5."),
    }

    def to_representation(self, review):
        return review.scores

    def get_attribute(self, instance):
        return instance

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("not_a_dict")
        unknown = sorted(set(data) - set(SCORE_FIELDS))
        if unknown:
            raise serializers.ValidationError(
                self.error_messages["unknown"] % {"keys": ", ".join(map(str, unknown))}
            )
        clean = {}
        for key, value in data.items():
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value)  # "4" as DRF's IntegerField takes it
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5
            ):
                raise serializers.ValidationError(self.error_messages["range"] % {"key": key})
            clean[key] = value
        return clean


class FiguresSerializer(serializers.Serializer):
    order_class_students = serializers.IntegerField(min_value=0, max_value=COUNT_MAX)
    courses_developed = serializers.IntegerField(min_value=0, max_value=COUNT_MAX)
    textbooks_developed = serializers.IntegerField(min_value=0, max_value=COUNT_MAX)
    part_time_teachers = serializers.IntegerField(min_value=0, max_value=COUNT_MAX)
    equipment_donated = serializers.DecimalField(**_money)
    equipment_provided = serializers.DecimalField(**_money)
    service_income = serializers.DecimalField(**_money)
    training_person_days = serializers.IntegerField(min_value=0, max_value=COUNT_MAX)

    def get_attribute(self, instance):
        return instance


class ReviewSerializer(ModelSerializer):
    scores = ScoresField(required=False)
    figures = FiguresSerializer(required=False, partial=True)

    class Meta:
        model = AnnualReview
        fields = [
            "id",
            "agreement",
            "year",
            "due_on",
            "status",
            "scores",
            "decision",
            "summary",
            "next_year_plan",
            "figures",
        ]
        read_only_fields = ["agreement", "year", "due_on", "status"]
        extra_kwargs = {
            "summary": {"max_length": 20000},
            "next_year_plan": {"max_length": 20000},
        }


class AgreementDocumentSerializer(ModelSerializer):
    agreement = WholeIdField(queryset=CooperationAgreement.objects.all())
    file = serializers.FileField(write_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = AgreementDocument
        fields = [
            "id",
            "agreement",
            "kind",
            "file",
            "original_name",
            "content_type",
            "size",
            "uploaded_by",
            "uploaded_at",
            "download_url",
        ]
        read_only_fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]

    def get_download_url(self, document) -> str:
        return reverse("api:agreement-document-download", args=[document.pk])


class AgreementDocumentUploadInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=AgreementDocument.Kind.choices, default=AgreementDocument.Kind.OTHER
    )
    file = serializers.FileField()


class WorkstationSerializer(ModelSerializer):
    enterprise = WholeIdField(queryset=Enterprise.objects.all(), required=False)
    agreement = WholeIdField(queryset=CooperationAgreement.objects.all())
    school_leader = WholeIdField(queryset=User.objects.filter(is_active=True))

    class Meta:
        model = Workstation
        fields = [
            "id",
            "enterprise",
            "agreement",
            "name",
            "enterprise_leader_name",
            "enterprise_leader_title",
            "school_leader",
            "members",
            "activities",
            "established_on",
        ]
        extra_kwargs = {
            "members": {"max_length": 20000},
            "activities": {"max_length": 20000},
        }
        validators: list = []  # uniqueness is the service's to decide


class VettingSerializer(ModelSerializer):
    enterprise = WholeIdField(queryset=Enterprise.objects.all())

    class Meta:
        model = EnterpriseVetting
        fields = [
            "id",
            "enterprise",
            "inspected_on",
            "inspector",
            "report",
            "decision",
            "decided_at_meeting",
            "published_on",
            "valid_until",
        ]
        extra_kwargs = {
            "valid_until": {
                "required": False,
                "help_text": _(
                    "Omitted: the inspection date plus INTERNSHIP_VETTING_MONTHS (a year)."
                ),
            }
        }
