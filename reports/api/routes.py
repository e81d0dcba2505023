"""REST routes of this app, collected by config/api.py."""

from reports.api.views import ReportViewSet


def register(router) -> None:
    router.register("reports", ReportViewSet, basename="report")


urlpatterns: list = []
