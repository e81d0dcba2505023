"""The enterprise liaison portal (its pages live in internships/portal.py)."""

from django.urls import path

from internships import portal

app_name = "portal"
urlpatterns = [
    path("", portal.home, name="home"),
    path("positions/", portal.position_list, name="position-list"),
    path("positions/new/", portal.position_edit, name="position-create"),
    path("positions/<int:pk>/edit/", portal.position_edit, name="position-edit"),
    path("positions/<int:pk>/close/", portal.position_close, name="position-close"),
    path("interns/", portal.intern_list, name="intern-list"),
    path("interns/<int:pk>/", portal.intern_detail, name="intern-detail"),
    path("interns/<int:pk>/logs/", portal.intern_log_add, name="intern-log-create"),
    path("interns/<int:pk>/evaluation/", portal.intern_evaluation, name="intern-evaluation"),
    path("interns/<int:pk>/hired/", portal.intern_hired, name="intern-hired"),
    path("attendance/", portal.attendance_sheet, name="attendance"),
]
