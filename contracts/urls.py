from django.urls import path

from contracts import views

app_name = "contracts"

urlpatterns = [
    path("", views.agreement_list, name="agreement-list"),
    path("<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("<int:pk>/pdf/", views.agreement_pdf, name="agreement-pdf"),
    path("<int:pk>/generate/", views.agreement_generate, name="agreement-generate"),
    path("<int:pk>/sign/", views.agreement_sign, name="agreement-sign"),
    path("<int:pk>/paper/", views.agreement_paper, name="agreement-paper"),
    path("<int:pk>/void/", views.agreement_void, name="agreement-void"),
    path("new/", views.agreement_new, name="agreement-new"),
    path("placements/<int:pk>/new/", views.agreement_create, name="agreement-create"),
    path("placements/<int:pk>/certificate/", views.certificate, name="placement-certificate"),
    path("templates/", views.template_list, name="template-list"),
    path("templates/new/", views.template_create, name="template-create"),
    path("templates/<int:pk>/", views.template_edit, name="template-edit"),
]
