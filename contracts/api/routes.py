"""REST routes of this app, collected by config/api.py."""

from contracts.api.views import DocumentTemplateViewSet, InternshipAgreementViewSet


def register(router) -> None:
    router.register("document-templates", DocumentTemplateViewSet, basename="document-template")
    router.register(
        "internship-agreements", InternshipAgreementViewSet, basename="internship-agreement"
    )


urlpatterns: list = []
