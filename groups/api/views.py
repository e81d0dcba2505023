from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from groups import selectors, services
from groups.api.filters import (
    EducationGroupFilter,
    GroupMemberFilter,
    GroupTargetFilter,
    ResearchProjectFilter,
    SharedResourceFilter,
)
from groups.api.serializers import (
    EducationGroupSerializer,
    GroupMemberLeaveInputSerializer,
    GroupMemberSerializer,
    GroupMetricsQuerySerializer,
    GroupMetricsSerializer,
    GroupTargetSerializer,
    ResearchProjectSerializer,
    SharedResourceSerializer,
)


class EducationGroupViewSet(viewsets.ModelViewSet):
    policy_resource = "groups"
    serializer_class = EducationGroupSerializer
    filterset_class = EducationGroupFilter
    ordering_fields = EducationGroupFilter.ordering_fields

    def get_queryset(self):
        return selectors.group_visible_to(self.request.user).order_by("name")

    def perform_create(self, serializer):
        serializer.instance = services.group_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.group_update(
            group=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.group_delete(group=instance)

    @extend_schema(
        summary="A group's figures for one year",
        description=selectors.METRICS_DESCRIPTION,
        parameters=[
            OpenApiParameter(
                "year", int, required=True, description="Calendar year, e.g. 2025 (400 if absent)"
            )
        ],
        responses=GroupMetricsSerializer,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def metrics(self, request, pk=None):
        group = self.get_object()
        query = GroupMetricsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        figures = selectors.group_metrics(group=group, year=query.validated_data["year"])
        return Response(GroupMetricsSerializer(figures).data)


class GroupMemberViewSet(viewsets.ModelViewSet):
    policy_resource = "group-members"
    serializer_class = GroupMemberSerializer
    filterset_class = GroupMemberFilter
    ordering_fields = ["name", "kind", "role", "joined_on", "left_on", "id"]

    def get_queryset(self):
        return selectors.group_member_visible_to(self.request.user).order_by(
            "group_id", "kind", "name", "pk"
        )

    def perform_create(self, serializer):
        serializer.instance = services.group_member_add(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.group_member_update(
            member=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.group_member_delete(member=instance)

    @extend_schema(request=GroupMemberLeaveInputSerializer, responses=GroupMemberSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        member = self.get_object()
        data = GroupMemberLeaveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member = services.group_member_leave(member=member, **data.validated_data)
        return Response(GroupMemberSerializer(member).data, status=status.HTTP_200_OK)


class SharedResourceViewSet(viewsets.ModelViewSet):
    policy_resource = "group-resources"
    serializer_class = SharedResourceSerializer
    filterset_class = SharedResourceFilter
    ordering_fields = SharedResourceFilter.ordering_fields

    def get_queryset(self):
        return selectors.shared_resource_visible_to(self.request.user).order_by(
            "-year", "title", "pk"
        )

    def perform_create(self, serializer):
        serializer.instance = services.shared_resource_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.shared_resource_update(
            resource=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.shared_resource_delete(resource=instance)


class ResearchProjectViewSet(viewsets.ModelViewSet):
    policy_resource = "research-projects"
    serializer_class = ResearchProjectSerializer
    filterset_class = ResearchProjectFilter
    ordering_fields = ResearchProjectFilter.ordering_fields

    def get_queryset(self):
        return selectors.research_project_visible_to(self.request.user).order_by(
            "-started_on", "title", "pk"
        )

    def perform_create(self, serializer):
        serializer.instance = services.research_project_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.research_project_update(
            project=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.research_project_delete(project=instance)


@extend_schema_view(
    create=extend_schema(
        description="Set one year's targets of a group; a year that already has targets "
        "gets them replaced. They override the group's standing targets in the metrics."
    )
)
class GroupTargetViewSet(viewsets.ModelViewSet):
    policy_resource = "group-targets"
    serializer_class = GroupTargetSerializer
    filterset_class = GroupTargetFilter
    ordering_fields = ["year", "id"]

    def get_queryset(self):
        return selectors.group_target_visible_to(self.request.user).order_by(
            "group_id", "-year", "pk"
        )

    def perform_create(self, serializer):
        serializer.instance = services.group_target_set(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.group_target_update(
            target=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.group_target_delete(target=instance)
