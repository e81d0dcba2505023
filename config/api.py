"""The REST API's routers, collected from every app."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts.api.views import MeView, TokenView, UserViewSet
from partnerships.api.views import DepartmentViewSet, EnterpriseViewSet, MajorViewSet

router = DefaultRouter()
router.register("users", UserViewSet, basename="user")
router.register("departments", DepartmentViewSet, basename="department")
router.register("majors", MajorViewSet, basename="major")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
