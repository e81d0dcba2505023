from rest_framework import serializers

from common.api import ModelSerializer
from notifications.models import Notification


class NotificationSerializer(ModelSerializer):
    read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "object_type", "object_id", "created_at", "read"]
        read_only_fields = fields


class NotificationPreferenceSerializer(serializers.Serializer):
    kind = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    email = serializers.BooleanField()
    channels = serializers.DictField(
        child=serializers.BooleanField(),
        read_only=True,
        help_text="Per channel that reaches the caller (wecom, dingtalk, webhook): on or off "
        "for this kind. Empty for immediate notifications and when no channel reaches them.",
    )


class NotificationPreferenceInputSerializer(serializers.Serializer):
    email = serializers.BooleanField(required=False)
    channels = serializers.DictField(
        child=serializers.BooleanField(),
        required=False,
        help_text="Channel code -> on or off, for reminder kinds only.",
    )

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("Send email, channels or both.")
        return attrs
