from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.access import Role, role_of
from common.api import ValuesListMixin
from common.idempotency import IdempotentCreateMixin
from internships import selectors, services
from internships.api.filters import (
    AttendanceFilter,
    EvaluationFilter,
    LiaisonPlacementFilter,
    LiaisonStudentFilter,
    PlacementFilter,
    PlacementLogFilter,
    PositionFilter,
    StudentFilter,
)
from internships.api.serializers import (
    LIAISON_HIDDEN_PLACEMENT_FIELDS,
    AttendanceSerializer,
    EvaluationSerializer,
    LiaisonPlacementSerializer,
    LiaisonStudentSerializer,
    PlacementLogSerializer,
    PlacementSerializer,
    PlacementTerminateInputSerializer,
    PositionSerializer,
    StudentReadSerializer,
    StudentSerializer,
)


# A liaison's students have fewer fields (LiaisonStudentSerializer); the schema says which.
@extend_schema_view(
    list=extend_schema(responses=StudentReadSerializer(many=True)),
    retrieve=extend_schema(responses=StudentReadSerializer),
)
class StudentViewSet(viewsets.ModelViewSet):
    policy_resource = "students"

    @property
    def _liaison(self) -> bool:
        return role_of(self.request.user) == Role.LIAISON

    # A liaison may neither filter nor order by what they may not see.
    @property
    def filterset_class(self):
        return LiaisonStudentFilter if self._liaison else StudentFilter

    @property
    def ordering_fields(self):
        return self.filterset_class.ordering_fields

    def get_serializer_class(self):
        # A liaison learns a student's name, number and major; nothing else.
        if role_of(self.request.user) == Role.LIAISON:
            return LiaisonStudentSerializer
        return StudentSerializer

    def get_queryset(self):
        return selectors.student_visible_to(self.request.user).order_by("student_number")

    def perform_create(self, serializer):
        serializer.instance = services.student_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.student_update(
            student=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.student_delete(student=instance)


class PositionViewSet(IdempotentCreateMixin, viewsets.ModelViewSet):
    policy_resource = "positions"
    serializer_class = PositionSerializer
    filterset_class = PositionFilter
    ordering_fields = PositionFilter.ordering_fields

    def get_queryset(self):
        return selectors.position_visible_to(self.request.user).order_by("-starts_on", "title")

    # Which enterprise a liaison may name is the service's to decide.
    def perform_create(self, serializer):
        serializer.instance = services.position_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.position_update(
            position=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.position_delete(position=instance)

    @extend_schema(request=None, responses=PositionSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        position = services.position_close(position=self.get_object())
        return Response(PositionSerializer(position, context={"request": request}).data)


LIAISON_PLACEMENT_NOTE = _(
    "An enterprise liaison receives a placement without supervisor, guardian_consent, "
    "insurance_policy and insurance_expires_on."
)


@extend_schema_view(
    list=extend_schema(description=LIAISON_PLACEMENT_NOTE),
    retrieve=extend_schema(description=LIAISON_PLACEMENT_NOTE),
    partial_update=extend_schema(description=LIAISON_PLACEMENT_NOTE),
    update=extend_schema(description=LIAISON_PLACEMENT_NOTE),
)
class PlacementViewSet(
    IdempotentCreateMixin,
    ValuesListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    policy_resource = "placements"
    serializer_class = PlacementSerializer
    # The list reads plain rows (common.api.ValuesListMixin): PlacementSerializer's fields.
    list_values = (
        ("id", "id"),
        ("student", "student_id"),
        ("position", "position_id"),
        ("enterprise", "enterprise_id"),
        ("supervisor", "supervisor_id"),
        ("mentor_name", "mentor_name"),
        ("plan", "plan_id"),
        ("starts_on", "starts_on"),
        ("ends_on", "ends_on"),
        ("status", "status"),
        ("agreement_signed", "agreement_signed"),
        ("guardian_consent", "guardian_consent"),
        ("insurance_policy", "insurance_policy"),
        ("insurance_expires_on", "insurance_expires_on"),
        ("hired", "hired"),
        ("warnings", "warnings"),
    )
    ordering_fields = PlacementFilter.ordering_fields  # the liaison's filter set: the same

    @property
    def _liaison(self) -> bool:
        return role_of(self.request.user) == Role.LIAISON

    @property
    def filterset_class(self):
        return LiaisonPlacementFilter if self._liaison else PlacementFilter

    def get_serializer_class(self):
        # A liaison is not told the insurance, the guardian's consent or the supervisor.
        return LiaisonPlacementSerializer if self._liaison else PlacementSerializer

    def get_list_values(self):
        if self._liaison:
            hidden = set(LIAISON_HIDDEN_PLACEMENT_FIELDS)
            return tuple(pair for pair in self.list_values if pair[0] not in hidden)
        return self.list_values

    def get_queryset(self):
        return selectors.placement_visible_to(self.request.user).order_by("-starts_on", "id")

    def perform_create(self, serializer):
        serializer.instance = services.placement_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.placement_update(
            placement=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def _done(self, placement):
        return Response(self.get_serializer(placement).data)

    @extend_schema(request=None, responses=PlacementSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        return self._done(services.placement_activate(placement=self.get_object()))

    @extend_schema(request=None, responses=PlacementSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._done(services.placement_complete(placement=self.get_object()))

    @extend_schema(request=PlacementTerminateInputSerializer, responses=PlacementSerializer)
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        placement = self.get_object()
        data = PlacementTerminateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        placement = services.placement_terminate(
            placement=placement, reason=data.validated_data["reason"]
        )
        return self._done(placement)


class AttendanceViewSet(IdempotentCreateMixin, viewsets.ModelViewSet):
    policy_resource = "attendance"
    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilter
    ordering_fields = ["date", "id"]

    def get_queryset(self):
        return selectors.attendance_visible_to(self.request.user).order_by("placement_id", "date")

    def perform_create(self, serializer):
        serializer.instance = services.attendance_record(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.attendance_update(
            attendance=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.attendance_delete(attendance=instance)


LOG_AUTHOR_NOTE = _(
    "Only the log's author or an administrator changes or deletes a log (403, code log_not_author)."
)


@extend_schema_view(
    update=extend_schema(description=LOG_AUTHOR_NOTE),
    partial_update=extend_schema(description=LOG_AUTHOR_NOTE),
    destroy=extend_schema(description=LOG_AUTHOR_NOTE),
)
class PlacementLogViewSet(IdempotentCreateMixin, viewsets.ModelViewSet):
    policy_resource = "placement-logs"
    serializer_class = PlacementLogSerializer
    filterset_class = PlacementLogFilter
    ordering_fields = ["date", "id"]

    def get_queryset(self):
        return selectors.placement_log_visible_to(self.request.user).order_by("-date", "-id")

    def perform_create(self, serializer):
        serializer.instance = services.placement_log_create(
            author=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("placement", None)
        serializer.instance = services.placement_log_update(
            log=serializer.instance, actor=self.request.user, **data
        )

    def perform_destroy(self, instance):
        services.placement_log_delete(log=instance, actor=self.request.user)


class EvaluationViewSet(viewsets.ModelViewSet):
    policy_resource = "evaluations"
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilter
    ordering_fields = ["id"]

    def get_queryset(self):
        return selectors.evaluation_visible_to(self.request.user).order_by("placement_id", "side")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        evaluation = services.evaluation_save(author=request.user, **serializer.validated_data)
        return Response(self.get_serializer(evaluation).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        current = serializer.instance
        data = {
            "placement": current.placement,
            "side": current.side,
            "scores": current.scores,
            "comment": current.comment,
            **serializer.validated_data,
        }
        serializer.instance = services.evaluation_save(
            author=self.request.user, evaluation=current, **data
        )

    def perform_destroy(self, instance):
        services.evaluation_delete(evaluation=instance)
