"""REST routes of this app, collected by config/api.py."""

from internships.api.views import (
    AttendanceViewSet,
    EvaluationViewSet,
    FilingBatchViewSet,
    InsurancePolicyViewSet,
    PayRecordViewSet,
    PlacementLogViewSet,
    PlacementViewSet,
    PositionViewSet,
    StudentViewSet,
)


def register(router) -> None:
    router.register("students", StudentViewSet, basename="student")
    router.register("positions", PositionViewSet, basename="position")
    router.register("placements", PlacementViewSet, basename="placement")
    router.register("attendance", AttendanceViewSet, basename="attendance")
    router.register("placement-logs", PlacementLogViewSet, basename="placement-log")
    router.register("evaluations", EvaluationViewSet, basename="evaluation")
    router.register("insurance-policies", InsurancePolicyViewSet, basename="insurance-policy")
    router.register("pay-records", PayRecordViewSet, basename="pay-record")
    router.register("filings", FilingBatchViewSet, basename="filing")


urlpatterns: list = []
