"""Mounted at /bench/ only when BENCH_ENDPOINTS is on (config/urls.py)."""

from django.urls import path

from bench import views

app_name = "bench"
urlpatterns = [
    path("enterprises/", views.enterprises, name="enterprises"),
    path("agreements/", views.agreements, name="agreements"),
    path("placements/", views.placements, name="placements"),
    path("summary/", views.summary, name="summary"),
]
