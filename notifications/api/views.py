from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import mixins, viewsets
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from notifications import selectors, services
from notifications.api.filters import NotificationFilter
from notifications.api.serializers import (
    NotificationPreferenceInputSerializer,
    NotificationPreferenceSerializer,
    NotificationSerializer,
)


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    policy_resource = "notifications"
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    ordering_fields = ["created_at", "id"]

    def get_queryset(self):
        return selectors.notification_visible_to(self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = services.notification_mark_read(notification=self.get_object())
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: {"type": "object"}})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        marked = services.notification_mark_all_read(user=request.user)
        return Response({"marked": marked})


@extend_schema_serializer(many=False)
class PaginatedNotificationPreferenceSerializer(drf_serializers.Serializer):
    """The list's page envelope (all kinds fit on one page)."""

    count = drf_serializers.IntegerField()
    next = drf_serializers.CharField(allow_null=True)
    previous = drf_serializers.CharField(allow_null=True)
    results = NotificationPreferenceSerializer(many=True)


class NotificationPreferenceViewSet(viewsets.ViewSet):
    """The caller's choice, per reminder kind, to get the e-mail (in-app always)."""

    policy_resource = "notification-preferences"
    lookup_field = "kind"
    lookup_value_regex = "[a-z_]+"
    serializer_class = NotificationPreferenceSerializer

    def _items(self):
        return selectors.notification_preferences_of(self.request.user)

    def _item(self, kind: str) -> dict:
        item = next((item for item in self._items() if item["kind"] == kind), None)
        if item is None:
            raise Http404
        return item

    @extend_schema(responses=PaginatedNotificationPreferenceSerializer)
    def list(self, request):
        items = NotificationPreferenceSerializer(self._items(), many=True).data
        return Response({"count": len(items), "next": None, "previous": None, "results": items})

    @extend_schema(responses=NotificationPreferenceSerializer)
    def retrieve(self, request, kind=None):
        return Response(NotificationPreferenceSerializer(self._item(kind)).data)

    @extend_schema(
        request=NotificationPreferenceInputSerializer, responses=NotificationPreferenceSerializer
    )
    def update(self, request, kind=None):
        self._item(kind)
        data = NotificationPreferenceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.notification_preferences_set(
            user=request.user,
            kind=kind,
            email=data.validated_data.get("email"),
            channels=data.validated_data.get("channels") or {},
        )
        return Response(NotificationPreferenceSerializer(self._item(kind)).data)

    @extend_schema(
        request=NotificationPreferenceInputSerializer, responses=NotificationPreferenceSerializer
    )
    def partial_update(self, request, kind=None):
        return self.update(request, kind=kind)
