from __future__ import annotations

from rest_framework import viewsets

from partnerships import selectors, services
from partnerships.api.filters import EnterpriseFilter, MajorFilter
from partnerships.api.serializers import (
    DepartmentSerializer,
    EnterpriseSerializer,
    MajorSerializer,
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
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name", "id"]

    def get_queryset(self):
        return selectors.major_visible_to(self.request.user).order_by("code")

    def perform_create(self, serializer):
        serializer.instance = services.major_create(**serializer.validated_data)


class EnterpriseViewSet(viewsets.ModelViewSet):
    policy_resource = "enterprises"
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    search_fields = ["name", "credit_code", "industry", "city"]
    ordering_fields = ["name", "id", "workforce", "city", "industry", "created_at"]

    def get_queryset(self):
        return selectors.enterprise_visible_to(self.request.user).order_by("name")

    def perform_create(self, serializer):
        serializer.instance = services.enterprise_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.enterprise_update(
            enterprise=serializer.instance, **serializer.validated_data
        )
