"""The agreement API: templates, agreements and their actions."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from common.files import FILE_MISSING_DESCRIPTION, stored_file_response
from contracts import selectors, services
from contracts.api.filters import DocumentTemplateFilter, InternshipAgreementFilter
from contracts.api.serializers import (
    DocumentTemplateSerializer,
    InternshipAgreementSerializer,
    SignInputSerializer,
    UploadPaperInputSerializer,
    VoidInputSerializer,
)
from contracts.models import AgreementVersion, Signature


class DocumentTemplateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Templates with named placeholders; a new version is a new template."""

    policy_resource = "document-templates"
    serializer_class = DocumentTemplateSerializer
    filterset_class = DocumentTemplateFilter
    ordering_fields = DocumentTemplateFilter.ordering_fields

    def get_queryset(self):
        return selectors.template_visible_to(self.request.user).order_by("kind", "-version", "id")

    def perform_create(self, serializer):
        serializer.instance = services.template_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.template_update(
            template=serializer.instance, actor=self.request.user, **serializer.validated_data
        )


def client_address(request) -> str | None:
    """The caller's address as the server saw it (behind the proxy, its forwarded one)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return (
        (forwarded.split(",")[-1].strip() or None) if forwarded else request.META.get("REMOTE_ADDR")
    )


# No Idempotency-Key on these creates: a second agreement for the placement is
# refused (agreement_exists) and a second template is a visible new version.
class InternshipAgreementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """A placement's agreement: ``generate`` its PDF, each party ``sign``s in
    turn with the hash it read, ``upload_paper`` records paper signatures."""

    policy_resource = "internship-agreements"
    serializer_class = InternshipAgreementSerializer
    filterset_class = InternshipAgreementFilter
    ordering_fields = InternshipAgreementFilter.ordering_fields

    def get_queryset(self):
        return (
            selectors.agreement_visible_to(self.request.user)
            .prefetch_related(
                Prefetch(
                    "versions",
                    queryset=AgreementVersion.objects.only(
                        "id", "agreement_id", "number", "sha256"
                    ),
                ),
                Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "id")),
            )
            .order_by("-created_at", "-id")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.agreement_create(
            placement=data["placement"],
            actor=self.request.user,
            kind=data.get("kind", "internship_agreement"),
        )

    def _done(self, agreement):
        return Response(self.get_serializer(self.get_queryset().get(pk=agreement.pk)).data)

    @extend_schema(request=None, responses=InternshipAgreementSerializer)
    @action(detail=True, methods=["post"])
    def generate(self, request, pk=None):
        return self._done(
            services.agreement_generate(agreement=self.get_object(), actor=request.user)
        )

    @extend_schema(request=SignInputSerializer, responses=InternshipAgreementSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        agreement = self.get_object()
        data = SignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(
            services.agreement_sign(
                agreement=agreement,
                actor=request.user,
                sha256=data.validated_data["sha256"],
                party=data.validated_data.get("party"),
                name=data.validated_data.get("name", ""),
                ip_address=client_address(request),
            )
        )

    @extend_schema(request=UploadPaperInputSerializer, responses=InternshipAgreementSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def upload_paper(self, request, pk=None):
        agreement = self.get_object()
        data = UploadPaperInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(
            services.agreement_upload_paper(
                agreement=agreement,
                actor=request.user,
                file=data.validated_data["file"],
                party=data.validated_data.get("party", "all"),
                name=data.validated_data.get("name", ""),
            )
        )

    @extend_schema(request=VoidInputSerializer, responses=InternshipAgreementSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        agreement = self.get_object()
        data = VoidInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(
            services.agreement_void(
                agreement=agreement, actor=request.user, reason=data.validated_data["reason"]
            )
        )

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            404: OpenApiResponse(OpenApiTypes.OBJECT, description=FILE_MISSING_DESCRIPTION),
        }
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """The signed (and sealed) PDF once every party signed, else the current version."""
        return agreement_pdf_response(self.get_object())


def agreement_pdf_response(agreement) -> FileResponse:
    from django.http import Http404

    if agreement.final_pdf:
        field, name = agreement.final_pdf, f"{agreement.number}-signed.pdf"
    else:
        version = services.current_version(agreement)
        if version is None:
            raise Http404
        field, name = version.pdf, f"{agreement.number}-v{version.number}.pdf"
    response = stored_file_response(field, filename=name, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response
