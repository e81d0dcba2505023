"""The enterprise liaison portal (its pages live in internships/portal.py)."""

from django.urls import path  # noqa: F401

app_name = "portal"
urlpatterns: list = []
