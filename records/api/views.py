"""The record types' viewsets, one class built per ``Kind``, and the corrections."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from common.exports import export_rows
from common.spreadsheet import SpreadsheetError, check_upload
from records import imports, selectors, services
from records.api.filters import FILTERS, FigureCorrectionFilter
from records.api.serializers import (
    SERIALIZERS,
    ExportQuerySerializer,
    FigureCorrectionSerializer,
    ImportInputSerializer,
    ImportRefusedSerializer,
    ImportReportSerializer,
)
from records.kinds import KINDS, Kind

IMPORT_DESCRIPTION = (
    "All or nothing: every row is checked first (types, ranges, the enterprise, major, "
    "student, teacher, base or certificate it names, duplicates in the file and against "
    "the stored records); when any line is bad nothing is imported and the answer is a 400 "
    "listing every bad line. The headers are the export's (field names, or their labels in "
    "English or Chinese). With dry_run only the check runs."
)


class RecordViewSet(viewsets.ModelViewSet):
    kind: Kind

    def get_queryset(self):
        kind = self.kind
        return selectors.record_visible_to(kind, self.request.user).order_by(
            kind.default_sort, "pk"
        )

    def perform_create(self, serializer):
        serializer.instance = services.record_create(self.kind, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.record_update(
            self.kind, instance=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.record_delete(self.kind, instance=instance)

    @extend_schema(
        request={"multipart/form-data": ImportInputSerializer},
        responses={200: ImportReportSerializer, 400: ImportRefusedSerializer},
        description=IMPORT_DESCRIPTION,
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser, FormParser],
        filter_backends=[],
        pagination_class=None,
    )
    def import_rows(self, request):
        data = ImportInputSerializer(data=request.data)
        dry_run = False
        if not data.is_valid():
            return self._refused(data.errors, dry_run)
        uploaded, dry_run = data.validated_data["file"], data.validated_data["dry_run"]
        try:
            check_upload(uploaded)
        except SpreadsheetError as exc:
            return self._refused({"file": [str(exc)]}, dry_run)
        with transaction.atomic():
            report = imports.record_import(self.kind, uploaded=uploaded, dry_run=dry_run)
        body = {
            "created": report.created,
            "dry_run": report.dry_run,
            "errors": [{"line": e.line, "message": e.message} for e in report.errors],
        }
        return Response(body, status=status.HTTP_200_OK if report.ok else 400)

    @staticmethod
    def _refused(fields: dict, dry_run: bool) -> Response:
        """A request or file refused before any line was read: the report's shape,
        the messages under their fields as in every 400, and as line 0."""
        messages = [f"{name}: {' '.join(map(str, errors))}" for name, errors in fields.items()]
        body = {
            "created": 0,
            "dry_run": dry_run,
            "errors": [{"line": 0, "message": message} for message in messages],
            **({"file": [str(e) for e in fields["file"]]} if "file" in fields else {}),
        }
        return Response(body, status=status.HTTP_400_BAD_REQUEST)

    @extend_schema(
        parameters=[ExportQuerySerializer],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="Every row."),
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiTypes.BINARY,
        },
        description="Every row the list's filters select, with the import's columns.",
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request):
        # Checked by hand: DRF would read an empty ?file_format= as "use the default".
        fmt = request.query_params.get("file_format", "csv")
        if fmt not in ("csv", "xlsx"):
            raise ValidationError({"file_format": [_("Give csv or xlsx.")]})
        rows = self.filter_queryset(self.get_queryset())
        request.GET = request.GET.copy()
        request.GET["export"] = fmt
        return export_rows(request, rows, imports.export_columns(self.kind), self.kind.resource)


def _viewset_for(kind: Kind) -> type[RecordViewSet]:
    name = kind.model.__name__
    viewset = type(
        name + "ViewSet",
        (RecordViewSet,),
        {
            "kind": kind,
            "policy_resource": kind.resource,
            "serializer_class": SERIALIZERS[kind.resource],
            "filterset_class": FILTERS[kind.resource],
            "ordering_fields": FILTERS[kind.resource].ordering_fields,
            "__doc__": f"{kind.model._meta.verbose_name_plural} (cooperation records).",
        },
    )
    return extend_schema_view(
        **{
            action: extend_schema(tags=["records"])
            for action in (
                "list",
                "retrieve",
                "create",
                "update",
                "partial_update",
                "destroy",
                "import_rows",
                "export",
            )
        }
    )(viewset)


VIEWSETS = {resource: _viewset_for(kind) for resource, kind in KINDS.items()}


class FigureCorrectionViewSet(viewsets.ModelViewSet):
    """A review figure kept at a typed value instead of the derived one, with the reason."""

    policy_resource = "figure-corrections"
    serializer_class = FigureCorrectionSerializer
    filterset_class = FigureCorrectionFilter
    ordering_fields = FigureCorrectionFilter.ordering_fields

    def get_queryset(self):
        return selectors.figure_correction_visible_to(self.request.user).order_by(
            "review_id", "figure", "pk"
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.figure_correction_set(
            review=data["review"],
            figure=data["figure"],
            value=data["value"],
            reason=data["reason"],
            actor=self.request.user,
        )

    def perform_update(self, serializer):
        serializer.instance = services.figure_correction_update(
            correction=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.figure_correction_delete(correction=instance)
