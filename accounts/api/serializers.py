from __future__ import annotations

from django.contrib.auth.models import User
from rest_framework import serializers

from accounts.access import Role, enterprise_id_of, role_of, student_id_of
from accounts.models import Profile
from accounts.selectors import user_role_from_prefetch
from common.api import ModelSerializer, WholeIdField

# The liaison's enterprise model, from the profile's link (accounts imports no area app).
Enterprise = Profile._meta.get_field("enterprise").related_model
# ... and a student's record, from the user's link.
StudentRecord = User._meta.get_field("student_record").related_model


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    role = serializers.SerializerMethodField()
    enterprise = serializers.SerializerMethodField()
    student = serializers.SerializerMethodField()

    def get_role(self, user) -> str | None:
        role = role_of(user)
        return role.value if role else None

    def get_enterprise(self, user) -> int | None:
        return enterprise_id_of(user)

    def get_student(self, user) -> int | None:
        return student_id_of(user)


class UserReadSerializer(ModelSerializer):
    role = serializers.SerializerMethodField()
    enterprise = serializers.SerializerMethodField()
    student = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "email",
            "first_name",
            "last_name",
            "role",
            "enterprise",
            "student",
            "is_active",
        ]

    def get_role(self, user) -> str | None:
        return user_role_from_prefetch(user)

    def get_student(self, user) -> int | None:
        record = getattr(user, "student_record", None)
        return record.pk if record is not None else None

    def get_enterprise(self, user) -> int | None:
        profile = getattr(user, "profile", None)
        return profile.enterprise_id if profile else None


class UserCreateInputSerializer(serializers.Serializer):
    username = serializers.RegexField(r"^[\w.@+-]+\Z", max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=Role.choices)
    enterprise = WholeIdField(
        queryset=Enterprise.objects.all(), allow_null=True, required=False, default=None
    )
    student = WholeIdField(
        queryset=StudentRecord.objects.all(),
        allow_null=True,
        required=False,
        default=None,
        help_text="The student a student account signs in as (required for role student).",
    )


class UserUpdateInputSerializer(serializers.Serializer):
    password = serializers.CharField(max_length=128, required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    enterprise = WholeIdField(queryset=Enterprise.objects.all(), allow_null=True, required=False)
    is_active = serializers.BooleanField(required=False)


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField()
