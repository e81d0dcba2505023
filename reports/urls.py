from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("filings/", views.filing, name="filing"),
    path("filings/<int:year>/cell/", views.filing_cell, name="filing-cell"),
]
