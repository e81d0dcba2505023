from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from common.api import FormatIsAField
from common.files import FILE_MISSING_DESCRIPTION, stored_file_response
from common.filters import FilterSet
from reports import selectors, services
from reports.api.serializers import (
    ReportCreatedSerializer,
    ReportRequestInputSerializer,
    ReportSerializer,
    SummaryQuerySerializer,
)
from reports.api.throttles import ReportRequestThrottle
from reports.models import Report
from reports.summary import SUMMARY_DESCRIPTION, summary_for_year


class ReportFilter(FilterSet):
    class Meta:
        model = Report
        fields = ["kind", "format", "status", "year"]


class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Reports generated in the background: request, follow the status, download."""

    content_negotiation_class = FormatIsAField  # ?format= filters reports by file format
    policy_resource = "reports"
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    ordering_fields = ["created_at", "id", "year"]
    throttle_classes = [ReportRequestThrottle]

    def get_queryset(self):
        return selectors.report_visible_to(self.request.user).order_by("-created_at", "-id")

    @extend_schema(
        request=ReportRequestInputSerializer,
        responses={202: ReportCreatedSerializer},
        description=(
            "Queue a report. `subject` is the major, enterprise or group id for those kinds. "
            "Answers 202 with the report's id; poll `GET /reports/<id>/` until `status` is "
            "`done` (then `download_url` is set) or `failed` (then `error` says why). "
            "Requests are limited per user (429 with Retry-After)."
        ),
    )
    def create(self, request):
        payload = ReportRequestInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = services.report_request(user=request.user, **payload.validated_data)
        return Response(ReportCreatedSerializer(report).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The report file (JSON, CSV or XLSX)."
            ),
            404: OpenApiResponse(OpenApiTypes.OBJECT, description=FILE_MISSING_DESCRIPTION),
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        report = self.get_object()
        if report.status != Report.Status.DONE or not report.file:
            raise Http404
        return stored_file_response(
            report.file,
            filename=report.filename,
            content_type=report.content_type,
            missing_message=_(
                "The report's file is no longer in storage. Request the report again."
            ),
        )

    @extend_schema(
        parameters=[SummaryQuerySerializer],  # year, with its bounds
        responses={200: OpenApiTypes.OBJECT},
        description=SUMMARY_DESCRIPTION,
    )
    @action(detail=False, methods=["get"])
    def summary(self, request):
        query = SummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(
            summary_for_year(
                user=request.user,
                year=query.validated_data["year"],
                academic=query.validated_data["academic"],
            )
        )
