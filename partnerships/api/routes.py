"""REST routes of this app, collected by config/api.py."""

from partnerships.api.views import (
    AgreementDocumentViewSet,
    AgreementViewSet,
    DepartmentViewSet,
    EnterpriseContactViewSet,
    EnterpriseViewSet,
    MajorViewSet,
    ReviewViewSet,
    VettingViewSet,
    WorkstationViewSet,
)


def register(router) -> None:
    router.register("departments", DepartmentViewSet, basename="department")
    router.register("majors", MajorViewSet, basename="major")
    router.register("enterprises", EnterpriseViewSet, basename="enterprise")
    router.register("enterprise-contacts", EnterpriseContactViewSet, basename="enterprise-contact")
    router.register("agreements", AgreementViewSet, basename="agreement")
    router.register("reviews", ReviewViewSet, basename="review")
    router.register("agreement-documents", AgreementDocumentViewSet, basename="agreement-document")
    router.register("workstations", WorkstationViewSet, basename="workstation")
    router.register("vettings", VettingViewSet, basename="vetting")


urlpatterns: list = []
