"""REST routes of this app, collected by config/api.py."""

from internships.api.views import (
    AttendanceViewSet,
    EvaluationViewSet,
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


urlpatterns: list = []
