from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.access import Role, role_of
from allocation import selectors, services
from allocation.api.filters import AllocationRoundFilter, ApplicationFilter
from allocation.api.serializers import (
    AdjustmentInputSerializer,
    AdjustmentSerializer,
    AllocationRoundSerializer,
    ApplicationSerializer,
    ApplicationUpdateSerializer,
    DecisionInputSerializer,
    PreviewSerializer,
    SecondRoundInputSerializer,
)
from allocation.models import Adjustment, AllocationRound, Application
from common.exceptions import RuleError
from common.idempotency import IdempotentCreateMixin


def preview_body(round_: AllocationRound) -> dict:
    """The stored preview (the API's shape), empty before the first run."""
    body = dict(
        round_.preview
        or {
            "assigned": [],
            "unplaced": [],
            "score": 0,
            "rank_counts": {},
            "students": 0,
            "placed": 0,
            "pinned": 0,
        }
    )
    body["adjustments"] = AdjustmentSerializer(round_.adjustments.all(), many=True).data
    return body


class AllocationRoundViewSet(IdempotentCreateMixin, viewsets.ModelViewSet):
    policy_resource = "allocation-rounds"
    serializer_class = AllocationRoundSerializer
    filterset_class = AllocationRoundFilter
    ordering_fields = AllocationRoundFilter.ordering_fields

    def get_queryset(self):
        return (
            selectors.round_visible_to(self.request.user)
            .prefetch_related("positions")
            .order_by("-opens_at", "-id")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.round_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = services.round_update(
            round_=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.round_delete(round_=instance)

    def _done(self, round_):
        round_ = self.get_queryset().get(pk=round_.pk)
        return Response(self.get_serializer(round_).data)

    @extend_schema(request=None, responses=AllocationRoundSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        return self._done(services.round_open(round_=self.get_object()))

    @extend_schema(request=None, responses=AllocationRoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._done(services.round_close(round_=self.get_object()))

    @extend_schema(request=None, responses=PreviewSerializer)
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        round_ = services.round_run(round_=self.get_object())
        return Response(preview_body(round_))

    @extend_schema(request=None, responses=AllocationRoundSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._done(services.round_publish(round_=self.get_object(), actor=request.user))

    @extend_schema(responses=PreviewSerializer)
    @action(detail=True, methods=["get"])
    def preview(self, request, pk=None):
        return Response(preview_body(self.get_object()))

    def _adjust(self, request, kind):
        data = AdjustmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        round_ = self.get_object()
        services.adjustment_set(round_=round_, kind=kind, **data.validated_data)
        return Response(preview_body(round_))

    @extend_schema(request=AdjustmentInputSerializer, responses=PreviewSerializer)
    @action(detail=True, methods=["post"])
    def pin(self, request, pk=None):
        return self._adjust(request, Adjustment.Kind.PIN)

    @extend_schema(request=AdjustmentInputSerializer, responses=PreviewSerializer)
    @action(detail=True, methods=["post"])
    def exclude(self, request, pk=None):
        return self._adjust(request, Adjustment.Kind.EXCLUDE)

    @extend_schema(request=AdjustmentInputSerializer, responses=PreviewSerializer)
    @action(detail=True, methods=["post"])
    def unpin(self, request, pk=None):
        """Remove the pin or exclusion of a pair."""
        data = AdjustmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        round_ = self.get_object()
        adjustment = get_object_or_404(round_.adjustments, **data.validated_data)
        services.adjustment_remove(adjustment=adjustment)
        return Response(preview_body(round_))

    @extend_schema(request=SecondRoundInputSerializer, responses={201: AllocationRoundSerializer})
    @action(detail=True, methods=["post"])
    def second_round(self, request, pk=None):
        data = SecondRoundInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        created = services.round_second(
            round_=self.get_object(), actor=request.user, **data.validated_data
        )
        body = self.get_serializer(self.get_queryset().get(pk=created.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)


class ApplicationViewSet(IdempotentCreateMixin, viewsets.ModelViewSet):
    policy_resource = "applications"
    filterset_class = ApplicationFilter
    ordering_fields = ApplicationFilter.ordering_fields

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ApplicationUpdateSerializer
        return ApplicationSerializer

    def get_queryset(self):
        return selectors.application_visible_to(self.request.user).order_by(
            "round_id", "student_id", "rank", "id"
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        round_ = data["round"]
        if not selectors.round_visible_to(self.request.user).filter(pk=round_.pk).exists():
            raise RuleError("round_not_found", _("No such round."), field="round")
        if role_of(self.request.user) == Role.STUDENT:
            student = services.own_student(self.request.user)
            if data.get("student") not in (None, student):
                raise RuleError(
                    "field_not_editable",
                    _("A student ranks positions for themselves only."),
                    field="student",
                    status=403,
                )
        else:
            student = data.get("student")
            if student is None:
                raise RuleError("required", _("Name the student."), field="student")
        serializer.instance = services.application_create(
            round_=round_,
            student=student,
            position=data["position"],
            rank=data["rank"],
            actor=self.request.user,
        )

    def perform_update(self, serializer):
        serializer.instance = services.application_update(
            application=serializer.instance,
            actor=self.request.user,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance):
        services.application_delete(application=instance, actor=self.request.user)

    def _decide(self, request, decision):
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_decide(
            application=self.get_object(),
            actor=request.user,
            decision=decision,
            **data.validated_data,
        )
        return Response(ApplicationSerializer(application).data)

    @extend_schema(request=DecisionInputSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decide(request, Application.Decision.ACCEPTED)

    @extend_schema(request=DecisionInputSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, Application.Decision.REJECTED)
