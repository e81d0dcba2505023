from django.urls import path
from django.views.generic import RedirectView

from internships import views

app_name = "internships"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="internships:placement-list"), name="index"),
    path("placements/", views.placement_list, name="placement-list"),
    path("placements/new/", views.placement_edit, name="placement-create"),
    path("placements/<int:pk>/", views.placement_detail, name="placement-detail"),
    path("placements/<int:pk>/edit/", views.placement_edit, name="placement-edit"),
    path(
        "placements/<int:pk>/<str:action>/do/",
        views.placement_action,
        name="placement-action",
    ),
    path("placements/<int:pk>/hired/", views.placement_hired, name="placement-hired"),
    path("placements/<int:pk>/logs/", views.placement_log_add, name="placement-log-create"),
    path(
        "placements/<int:pk>/evaluation/<str:side>/",
        views.evaluation_edit,
        name="evaluation-edit",
    ),
    path("visits/", views.visit_list, name="visit-list"),
    path("students/", views.student_list, name="student-list"),
    path("students/new/", views.student_edit, name="student-create"),
    path("students/import/", views.student_import_view, name="student-import"),
    path("students/<int:pk>/edit/", views.student_edit, name="student-edit"),
    path("positions/", views.position_list, name="position-list"),
    path("positions/new/", views.position_edit, name="position-create"),
    path("positions/<int:pk>/edit/", views.position_edit, name="position-edit"),
    path("positions/<int:pk>/close/", views.position_close, name="position-close"),
]
