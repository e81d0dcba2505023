from django.urls import path

from practice import views

app_name = "practice"

urlpatterns = [
    # The student's phone pages.
    path("me/", views.today, name="today"),
    path("me/check-ins/<int:pk>/check-out/", views.check_out, name="check-out"),
    path("me/journals/", views.journal_list, name="journal-list"),
    path("me/journals/new/", views.journal_edit, name="journal-create"),
    path("me/journals/<int:pk>/", views.journal_edit, name="journal-edit"),
    path("me/report/", views.report, name="report"),
    path("me/grade/", views.grade, name="grade"),
    path("me/data/", views.my_data, name="my-data"),
    path("me/incident/", views.incident, name="incident"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("password/", views.password_change, name="password-change"),
    # Teachers, administrators, liaisons.
    path("day/", views.teacher_day_page, name="teacher-day"),
    path("grades/export.<str:fmt>", views.grade_export, name="grade-export"),
    path("placements/<int:pk>/grade/", views.placement_grade, name="placement-grade"),
    path("check-ins/today/", views.checkins_today, name="checkins-today"),
    path("accounts/", views.cohort_accounts, name="cohort-accounts"),
]
