from __future__ import annotations

from pathlib import Path

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.access import Role, role_of
from common.files import FILE_MISSING_DESCRIPTION, stored_file_response
from common.idempotency import IdempotentCreateMixin
from common.parsers import JSONParser
from internships import services as internship_services
from internships.selectors import placement_visible_to
from practice import selectors, services
from practice.api.filters import (
    CheckInFilter,
    IncidentFilter,
    InternshipPlanFilter,
    InternshipReportFilter,
    JournalFilter,
)
from practice.api.serializers import (
    CheckInSerializer,
    GradeSerializer,
    IncidentSerializer,
    InternshipPlanSerializer,
    InternshipReportSerializer,
    InternshipReportUpdateSerializer,
    JournalSerializer,
    JournalUpdateSerializer,
    ReturnInputSerializer,
    ReviewInputSerializer,
)
from practice.grading import compute_grade
from practice.models import Grade


def _placement(request, placement_id):
    """The caller's own placement of that id (None: the service refuses it)."""
    return selectors.own_placement(request.user, placement_id)


class InternshipPlanViewSet(viewsets.ModelViewSet):
    policy_resource = "internship-plans"
    serializer_class = InternshipPlanSerializer
    filterset_class = InternshipPlanFilter
    ordering_fields = InternshipPlanFilter.ordering_fields

    def get_queryset(self):
        return selectors.plan_visible_to(self.request.user).order_by("name", "id")

    def perform_create(self, serializer):
        serializer.instance = internship_services.plan_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = internship_services.plan_update(
            plan=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        internship_services.plan_delete(plan=instance)


class CheckInViewSet(
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    policy_resource = "check-ins"
    serializer_class = CheckInSerializer
    filterset_class = CheckInFilter
    ordering_fields = CheckInFilter.ordering_fields

    def get_queryset(self):
        return selectors.checkin_visible_to(self.request.user).order_by("-date", "-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.checkin_create(
            actor=self.request.user,
            placement=_placement(self.request, data["placement_id"]),
            lat=data["lat"],
            lng=data["lng"],
            accuracy_m=data["accuracy_m"],
            reason=data.get("reason", ""),
        )

    @extend_schema(request=None, responses=CheckInSerializer)
    @action(detail=True, methods=["post"])
    def check_out(self, request, pk=None):
        checkin = services.checkin_check_out(checkin=self.get_object(), actor=request.user)
        return Response(self.get_serializer(checkin).data)


class JournalViewSet(IdempotentCreateMixin, viewsets.ModelViewSet):
    policy_resource = "journals"
    filterset_class = JournalFilter
    ordering_fields = JournalFilter.ordering_fields

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return JournalUpdateSerializer
        return JournalSerializer

    def get_queryset(self):
        return selectors.journal_visible_to(self.request.user).order_by("-period_start", "-id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        placement_id = data.pop("placement_id")
        serializer.instance = services.journal_create(
            actor=self.request.user, placement=_placement(self.request, placement_id), **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("placement_id", None)
        serializer.instance = services.journal_update(
            journal=serializer.instance, actor=self.request.user, **data
        )

    def perform_destroy(self, instance):
        services.journal_delete(journal=instance, actor=self.request.user)

    def _done(self, journal):
        return Response(JournalSerializer(journal, context={"request": self.request}).data)

    @extend_schema(request=None, responses=JournalSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._done(services.journal_submit(journal=self.get_object(), actor=request.user))

    @extend_schema(request=ReviewInputSerializer, responses=JournalSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        journal = services.journal_review(
            journal=self.get_object(), actor=request.user, **data.validated_data
        )
        return self._done(journal)

    # The verb in accounts.access.POLICY is the method's name, "return_".
    @extend_schema(request=ReturnInputSerializer, responses=JournalSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        data = ReturnInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        journal = services.journal_return(
            journal=self.get_object(), actor=request.user, **data.validated_data
        )
        return self._done(journal)


class InternshipReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    policy_resource = "internship-reports"
    filterset_class = InternshipReportFilter
    ordering_fields = InternshipReportFilter.ordering_fields
    parser_classes = [MultiPartParser, FormParser]

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return InternshipReportUpdateSerializer
        return InternshipReportSerializer

    def get_queryset(self):
        return selectors.report_visible_to(self.request.user).order_by("-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.report_create(
            actor=self.request.user,
            placement=_placement(self.request, data["placement_id"]),
            file=data["file"],
            summary=data.get("summary", ""),
        )

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.report_update(
            report=serializer.instance,
            actor=self.request.user,
            file=data.get("file"),
            summary=data.get("summary"),
        )

    def _done(self, report):
        return Response(InternshipReportSerializer(report, context={"request": self.request}).data)

    # The file is served with the type its upload was checked against.
    @extend_schema(
        responses={
            **{
                (200, content_type): OpenApiTypes.BINARY
                for content_type in sorted({ct for ct, _check in services.REPORT_TYPES.values()})
            },
            404: OpenApiResponse(OpenApiTypes.OBJECT, description=FILE_MISSING_DESCRIPTION),
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        return report_file_response(self.get_object())

    @extend_schema(request=None, responses=InternshipReportSerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def submit(self, request, pk=None):
        return self._done(services.report_submit(report=self.get_object(), actor=request.user))

    @extend_schema(request=ReviewInputSerializer, responses=InternshipReportSerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def review(self, request, pk=None):
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_review(
            report=self.get_object(), actor=request.user, **data.validated_data
        )
        return self._done(report)

    @extend_schema(request=ReturnInputSerializer, responses=InternshipReportSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="return",
        url_name="return",
        parser_classes=[JSONParser],
    )
    def return_(self, request, pk=None):
        data = ReturnInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_return(
            report=self.get_object(), actor=request.user, **data.validated_data
        )
        return self._done(report)


class IncidentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Incidents a student raises from the phone (the placement's incident log)."""

    policy_resource = "incidents"
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilter
    ordering_fields = IncidentFilter.ordering_fields

    def get_queryset(self):
        return selectors.incident_visible_to(self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.incident_report(
            actor=self.request.user,
            placement=_placement(self.request, data["placement"]),
            text=data["text"],
            lat=data.get("lat"),
            lng=data.get("lng"),
        )


PK = OpenApiParameter("pk", int, OpenApiParameter.PATH, description="The placement's id.")


def _grade_answer(placement, user) -> dict:
    """The approved grade as stored; before approval the live figures, except
    to the student, who sees the grade only once it is approved."""
    grade = Grade.objects.filter(placement=placement).first()
    if grade is not None:
        figures = {
            name: float(getattr(grade, name))
            for name in ("attendance", "journals", "report", "enterprise", "school", "total")
        }
        return {**figures, "passed": grade.passed, "approved": True}
    if role_of(user) == Role.STUDENT:
        return {
            **dict.fromkeys(("attendance", "journals", "report", "enterprise", "school", "total")),
            "passed": None,
            "approved": False,
        }
    figures = compute_grade(placement).as_dict()
    passed = figures.pop("passed")
    return {**{k: float(v) for k, v in figures.items()}, "passed": passed, "approved": False}


class _GradeBase(APIView):
    policy_resource = "grades"

    def _placement(self, pk):
        placements = placement_visible_to(self.request.user).select_related("plan")
        return get_object_or_404(placements, pk=pk)


class GradeView(_GradeBase):
    """GET /placements/<id>/grade/: the grade's components (0-100), total and pass."""

    @extend_schema(parameters=[PK], responses=GradeSerializer, operation_id="placements_grade")
    def get(self, request, pk):
        placement = self._placement(pk)
        return Response(GradeSerializer(_grade_answer(placement, request.user)).data)


class ApproveGradeView(_GradeBase):
    """POST /placements/<id>/approve_grade/: the supervising teacher approves and locks it."""

    action = "approve"  # the verb accounts.access.POLICY grants

    @extend_schema(
        parameters=[PK],
        request=None,
        responses=GradeSerializer,
        operation_id="placements_approve_grade",
    )
    def post(self, request, pk):
        placement = self._placement(pk)
        services.grade_approve(placement=placement, actor=request.user)
        return Response(GradeSerializer(_grade_answer(placement, request.user)).data)


def report_file_response(report) -> FileResponse:
    """The report as an attachment, for its student, its teachers and the
    administrators (whoever may read the report row)."""
    suffix = Path(report.filename).suffix.lower()
    content_type = services.REPORT_TYPES.get(suffix, ("application/octet-stream",))[0]
    response = stored_file_response(
        report.file, filename=report.filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
