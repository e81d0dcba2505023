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


class NotificationPreferenceInputSerializer(serializers.Serializer):
    email = serializers.BooleanField()
