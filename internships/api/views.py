from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
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
    FilingBatchFilter,
    InsurancePolicyFilter,
    LiaisonPlacementFilter,
    LiaisonStudentFilter,
    PayRecordFilter,
    PlacementFilter,
    PlacementLogFilter,
    PositionFilter,
    StudentFilter,
)
from internships.api.serializers import (
    LIAISON_HIDDEN_PLACEMENT_FIELDS,
    AttendanceSerializer,
    EvaluationSerializer,
    FilingBatchSerializer,
    HourFlagSerializer,
    InsurancePolicySerializer,
    LiaisonPlacementSerializer,
    LiaisonStudentSerializer,
    OverrideInputSerializer,
    PayRecordSerializer,
    PlacementLogSerializer,
    PlacementSerializer,
    PlacementTerminateInputSerializer,
    PositionSerializer,
    StudentReadSerializer,
    StudentSerializer,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        ("destination", "destination"),
        ("destination_approved_on", "destination_approved_on"),
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

    @extend_schema(
        request=OverrideInputSerializer,
        responses=PlacementSerializer,
        description=_(
            'An administrator overrides a "generally" rule (post_intern_share or '
            "enterprise_intern_share) for this placement, with the reason; audited."
        ),
    )
    @action(detail=True, methods=["post"])
    def override(self, request, pk=None):
        placement = self.get_object()
        data = OverrideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        placement = services.placement_override(
            placement=placement, actor=request.user, **data.validated_data
        )
        return self._done(placement)

    @extend_schema(
        request=None,
        responses=PlacementSerializer,
        description=_("The approval step of a placement in another province or abroad."),
    )
    @action(detail=True, methods=["post"], url_path="approve-destination")
    def approve_destination(self, request, pk=None):
        placement = services.placement_approve_destination(
            placement=self.get_object(), actor=request.user
        )
        return self._done(placement)

    @extend_schema(
        request=None,
        responses=HourFlagSerializer(many=True),
        description=_(
            "Overtime, night and statutory-holiday work flagged from the recorded hours."
        ),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def hours(self, request, pk=None):
        from internships.hours import flags_for

        placement = self.get_object()
        flags = flags_for([placement.pk])
        return Response(HourFlagSerializer(flags, many=True).data)


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


class InsurancePolicyViewSet(viewsets.ModelViewSet):
    policy_resource = "insurance-policies"
    serializer_class = InsurancePolicySerializer
    filterset_class = InsurancePolicyFilter
    ordering_fields = InsurancePolicyFilter.ordering_fields

    def get_queryset(self):
        return selectors.insurance_policy_visible_to(self.request.user).order_by(
            "placement_id", "covers_from", "id"
        )

    def perform_create(self, serializer):
        serializer.instance = services.insurance_policy_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.insurance_policy_update(
            policy=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.insurance_policy_delete(policy=instance)


class PayRecordViewSet(viewsets.ModelViewSet):
    policy_resource = "pay-records"
    serializer_class = PayRecordSerializer
    filterset_class = PayRecordFilter
    ordering_fields = PayRecordFilter.ordering_fields

    def get_queryset(self):
        return selectors.pay_record_visible_to(self.request.user).order_by(
            "placement_id", "month", "id"
        )

    def perform_create(self, serializer):
        serializer.instance = services.pay_record_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.pay_record_update(
            record=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.pay_record_delete(record=instance)


FILE_RESPONSE = OpenApiResponse(response=OpenApiTypes.BINARY, description=_("The file."))


class FilingBatchViewSet(viewsets.ModelViewSet):
    """Filings (实习备案): the placements a set of filters selects, as XLSX and PDF."""

    policy_resource = "filings"
    serializer_class = FilingBatchSerializer
    filterset_class = FilingBatchFilter
    ordering_fields = FilingBatchFilter.ordering_fields

    def get_queryset(self):
        return selectors.filing_visible_to(self.request.user).order_by("-created_at", "-id")

    def perform_create(self, serializer):
        serializer.instance = services.filing_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.filing_update(
            batch=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.filing_delete(batch=instance)

    def _file(self, content, extension: str, content_type: str):
        batch = self.get_object()
        response = HttpResponse(content(batch), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="filing-{batch.pk}.{extension}"'
        return response

    @extend_schema(responses={(200, XLSX_TYPE): FILE_RESPONSE})
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def xlsx(self, request, pk=None):
        from internships.filing import batch_xlsx

        return self._file(batch_xlsx, "xlsx", XLSX_TYPE)

    @extend_schema(responses={(200, "application/pdf"): FILE_RESPONSE})
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def pdf(self, request, pk=None):
        from internships.filing import batch_pdf

        return self._file(batch_pdf, "pdf", "application/pdf")
