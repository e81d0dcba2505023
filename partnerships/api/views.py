from __future__ import annotations

from django.db import connection
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from common.api import ValuesListMixin
from common.files import FILE_MISSING_DESCRIPTION, stored_file_response
from partnerships import selectors, services
from partnerships.api.filters import (
    AgreementDocumentFilter,
    AgreementFilter,
    EnterpriseContactFilter,
    EnterpriseFilter,
    MajorFilter,
    ReviewFilter,
    VettingFilter,
    WorkstationFilter,
)
from partnerships.api.serializers import (
    AgreementDocumentSerializer,
    AgreementDocumentUploadInputSerializer,
    AgreementRenewInputSerializer,
    AgreementSerializer,
    AgreementTerminateInputSerializer,
    DepartmentSerializer,
    EnterpriseContactSerializer,
    EnterpriseSerializer,
    MajorSerializer,
    ReviewSerializer,
    VettingSerializer,
    WorkstationSerializer,
)


class DepartmentViewSet(viewsets.ModelViewSet):
    policy_resource = "departments"
    serializer_class = DepartmentSerializer
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name", "id"]

    def get_queryset(self):
        return selectors.department_visible_to(self.request.user).order_by("code")

    def perform_create(self, serializer):
        serializer.instance = services.department_create(**serializer.validated_data)


class MajorViewSet(viewsets.ModelViewSet):
    policy_resource = "majors"
    serializer_class = MajorSerializer
    filterset_class = MajorFilter
    ordering_fields = ["code", "name", "id"]

    def get_queryset(self):
        return selectors.major_visible_to(self.request.user).order_by("code")

    def perform_create(self, serializer):
        serializer.instance = services.major_create(**serializer.validated_data)


class EnterpriseViewSet(ValuesListMixin, viewsets.ModelViewSet):
    policy_resource = "enterprises"
    # The list reads plain rows (common.api.ValuesListMixin): EnterpriseSerializer's fields.
    list_values = tuple(
        (name, name)
        for name in (
            "id",
            "name",
            "credit_code",
            "industry",
            "size",
            "city",
            "workforce",
            "is_integration_enterprise",
            "status",
        )
    )
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    ordering_fields = EnterpriseFilter.ordering_fields

    def get_queryset(self):
        return selectors.enterprise_visible_to(self.request.user).order_by("name")

    def perform_create(self, serializer):
        serializer.instance = services.enterprise_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.enterprise_update(
            enterprise=serializer.instance, **serializer.validated_data
        )


class AgreementViewSet(ValuesListMixin, viewsets.ModelViewSet):
    policy_resource = "agreements"
    # The list reads plain rows (common.api.ValuesListMixin): AgreementSerializer's
    # readable fields; majors and modes come with the page on PostgreSQL, in one
    # more query for the page elsewhere.
    list_values = (
        ("id", "id"),
        ("number", "number"),
        ("title", "title"),
        ("enterprise", "enterprise_id"),
        ("majors", None),
        ("modes", None),
        ("depth", "depth"),
        ("starts_on", "starts_on"),
        ("ends_on", "ends_on"),
        ("signed_on", "signed_on"),
        ("status", "status"),
        ("owner", "owner_id"),
        ("school_investment", "school_investment"),
        ("enterprise_investment", "enterprise_investment"),
        ("renews", "renews_id"),
    )

    def get_list_values(self):
        if connection.vendor != "postgresql":
            return self.list_values
        # On PostgreSQL the page query reads majors and modes as arrays itself.
        swap = {"majors": "major_ids", "modes": "mode_codes"}
        return tuple((name, swap.get(name, column)) for name, column in self.list_values)

    def list_queryset(self, queryset):
        if connection.vendor != "postgresql":
            return queryset
        return selectors.with_major_ids_and_mode_codes(queryset)

    def list_extra(self, rows):
        if connection.vendor == "postgresql" or not rows:
            return
        by_id = {row["id"]: row for row in rows}
        for row in rows:
            row["majors"], row["modes"] = [], []
        for agreement_id, major_id, code in selectors.agreement_majors_and_modes(list(by_id)):
            if major_id is None:
                by_id[agreement_id]["modes"].append(code)
            else:
                by_id[agreement_id]["majors"].append(major_id)
        for row in rows:
            row["modes"].sort()  # as CooperationAgreement.mode_codes sorts them

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    ordering_fields = AgreementFilter.ordering_fields

    def get_queryset(self):
        return selectors.agreement_visible_to(self.request.user).order_by("-starts_on", "-id")

    def _respond(self, agreement, status_code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=agreement.pk)
        return Response(AgreementSerializer(fresh).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agreement = services.agreement_create(actor=request.user, **serializer.validated_data)
        return self._respond(agreement, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        agreement = services.agreement_update(
            agreement=serializer.instance, actor=request.user, **serializer.validated_data
        )
        return self._respond(agreement)

    def perform_destroy(self, instance):
        services.agreement_delete(agreement=instance)

    @extend_schema(request=None, responses=AgreementSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        agreement = services.agreement_activate(agreement=self.get_object(), actor=request.user)
        return self._respond(agreement)

    @extend_schema(request=AgreementTerminateInputSerializer, responses=AgreementSerializer)
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        agreement = self.get_object()
        data = AgreementTerminateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agreement = services.agreement_terminate(
            agreement=agreement, actor=request.user, reason=data.validated_data["reason"]
        )
        return self._respond(agreement)

    @extend_schema(request=AgreementRenewInputSerializer, responses={201: AgreementSerializer})
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        agreement = self.get_object()
        data = AgreementRenewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        renewal = services.agreement_renew(
            agreement=agreement, actor=request.user, ends_on=data.validated_data["ends_on"]
        )
        return self._respond(renewal, status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], request=None, responses=AgreementDocumentSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": AgreementDocumentUploadInputSerializer},
        responses={201: AgreementDocumentSerializer},
    )
    # A list like every other (paginated); the agreements' own filters do not apply.
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def documents(self, request, pk=None):
        """The agreement's documents, newest first; POST multipart ``{"kind", "file"}`` adds one."""
        agreement = self.get_object()
        if request.method == "GET":
            documents = (
                selectors.document_visible_to(request.user)
                .filter(agreement=agreement)
                .order_by("-uploaded_at", "-id")
            )
            page = self.paginate_queryset(documents)
            return self.get_paginated_response(AgreementDocumentSerializer(page, many=True).data)
        data = AgreementDocumentUploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.document_upload(
            agreement=agreement, actor=request.user, **data.validated_data
        )
        return Response(AgreementDocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class ReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reviews are created by activation and the daily roll, never by hand."""

    policy_resource = "reviews"
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilter
    ordering_fields = ["due_on", "year", "status", "id"]

    def get_queryset(self):
        return selectors.review_visible_to(self.request.user).order_by("due_on", "id")

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        values.update(values.pop("figures", {}) or {})
        review = services.review_update(review=serializer.instance, **values)
        return Response(ReviewSerializer(review).data)

    @extend_schema(
        request=ReviewSerializer(partial=True),
        responses=ReviewSerializer,
        description=(
            "Submit the review for approval. Review fields sent with it are saved "
            "first, in the same transaction: when the submit is refused, nothing is saved."
        ),
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        values.update(values.pop("figures", {}) or {})
        review = services.review_save_and_submit(review=serializer.instance, **values)
        return Response(ReviewSerializer(review).data)

    @extend_schema(request=None, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        review = services.review_approve(review=self.get_object(), actor=request.user)
        return Response(ReviewSerializer(review).data)


class AgreementDocumentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Upload with multipart ``{"agreement", "kind", "file"}``; download through /download/."""

    policy_resource = "agreement-documents"
    serializer_class = AgreementDocumentSerializer
    filterset_class = AgreementDocumentFilter
    parser_classes = [MultiPartParser, FormParser]
    ordering_fields = ["uploaded_at", "size", "id"]

    def get_queryset(self):
        return selectors.document_visible_to(self.request.user).order_by("-uploaded_at", "-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        agreement = get_object_or_404(
            selectors.agreement_visible_to(self.request.user), pk=data["agreement"].pk
        )
        serializer.instance = services.document_upload(
            agreement=agreement,
            actor=self.request.user,
            file=data["file"],
            kind=data.get("kind", "other"),
        )

    def perform_destroy(self, instance):
        services.document_delete(document=instance)

    # The file is served with the type its upload was checked against.
    @extend_schema(
        responses={
            **{
                (200, content_type): OpenApiTypes.BINARY
                for content_type in sorted({ct for ct, _check in services.DOCUMENT_TYPES.values()})
            },
            404: OpenApiResponse(OpenApiTypes.OBJECT, description=FILE_MISSING_DESCRIPTION),
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        return document_response(self.get_object())


def document_response(document) -> FileResponse:
    """The stored file as an attachment (never rendered inline by the browser)."""
    response = stored_file_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


class WorkstationViewSet(viewsets.ModelViewSet):
    policy_resource = "workstations"
    serializer_class = WorkstationSerializer
    filterset_class = WorkstationFilter
    ordering_fields = ["name", "established_on", "id"]

    def get_queryset(self):
        return selectors.workstation_visible_to(self.request.user).order_by("name", "id")

    def perform_create(self, serializer):
        serializer.instance = services.workstation_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.workstation_update(
            workstation=serializer.instance, **serializer.validated_data
        )


class EnterpriseContactViewSet(viewsets.ModelViewSet):
    policy_resource = "enterprise-contacts"
    serializer_class = EnterpriseContactSerializer
    filterset_class = EnterpriseContactFilter
    ordering_fields = ["name", "id"]

    def get_queryset(self):
        return selectors.enterprise_contact_visible_to(self.request.user).order_by(
            "enterprise_id", "-is_primary", "name", "id"
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.enterprise_contact_save(
            enterprise=data.pop("enterprise"), **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("enterprise", None)  # a contact stays with its enterprise
        serializer.instance = services.enterprise_contact_save(
            enterprise=serializer.instance.enterprise, contact=serializer.instance, **data
        )


class VettingViewSet(viewsets.ModelViewSet):
    """Vettings of enterprises as internship units (2021 regulation, Art. 7)."""

    policy_resource = "vettings"
    serializer_class = VettingSerializer
    filterset_class = VettingFilter
    ordering_fields = VettingFilter.ordering_fields

    def get_queryset(self):
        return selectors.vetting_visible_to(self.request.user).order_by("-inspected_on", "-id")

    def perform_create(self, serializer):
        serializer.instance = services.vetting_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.vetting_update(
            vetting=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.vetting_delete(vetting=instance)

    @extend_schema(request=None, responses=VettingSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        vetting = services.vetting_publish(vetting=self.get_object())
        return Response(self.get_serializer(vetting).data)
