"""REST routes of this app, collected by config/api.py."""

from django.urls import path

from practice.api.views import (
    ApproveGradeView,
    CheckInViewSet,
    GradeView,
    IncidentViewSet,
    InternshipPlanViewSet,
    InternshipReportViewSet,
    JournalViewSet,
)


def register(router) -> None:
    router.register("internship-plans", InternshipPlanViewSet, basename="internship-plan")
    router.register("check-ins", CheckInViewSet, basename="check-in")
    router.register("journals", JournalViewSet, basename="journal")
    router.register("internship-reports", InternshipReportViewSet, basename="internship-report")
    router.register("incidents", IncidentViewSet, basename="incident")


# The grade belongs to a placement: its paths hang under placements/.
urlpatterns: list = [
    path("placements/<int:pk>/grade/", GradeView.as_view(), name="placement-grade"),
    path(
        "placements/<int:pk>/approve_grade/",
        ApproveGradeView.as_view(),
        name="placement-approve-grade",
    ),
]
