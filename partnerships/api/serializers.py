from __future__ import annotations

from rest_framework import serializers

from partnerships.models import Department, Enterprise, EnterpriseContact, Major


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name"]


class MajorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Major
        fields = ["id", "code", "name", "department"]


class EnterpriseSerializer(serializers.ModelSerializer):
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


class EnterpriseContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = EnterpriseContact
        fields = ["id", "enterprise", "name", "title", "phone", "email", "is_primary"]
