"""REST routes of this app, collected by config/api.py."""

from partnerships.api.views import DepartmentViewSet, EnterpriseViewSet, MajorViewSet


def register(router) -> None:
    router.register("departments", DepartmentViewSet, basename="department")
    router.register("majors", MajorViewSet, basename="major")
    router.register("enterprises", EnterpriseViewSet, basename="enterprise")


urlpatterns: list = []
