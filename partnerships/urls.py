from django.urls import path

from partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprise-list"),
    path("enterprises/new/", views.enterprise_edit, name="enterprise-create"),
    path("enterprises/import/", views.enterprise_import, name="enterprise-import"),
    path(
        "enterprises/import/template.<str:fmt>",
        views.enterprise_import_template,
        name="enterprise-import-template",
    ),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise-detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise-edit"),
    path("enterprises/<int:pk>/contacts/new/", views.enterprise_contact_add, name="contact-create"),
    path("enterprises/<int:pk>/vettings/new/", views.vetting_add, name="vetting-create"),
    path("vettings/<int:pk>/publish/", views.vetting_publish, name="vetting-publish"),
    path(
        "enterprises/<int:enterprise_pk>/workstations/new/",
        views.workstation_edit,
        name="workstation-create",
    ),
    path(
        "enterprises/<int:enterprise_pk>/workstations/<int:pk>/edit/",
        views.workstation_edit,
        name="workstation-edit",
    ),
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("agreements/new/", views.agreement_edit, name="agreement-create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement-edit"),
    path("agreements/<int:pk>/activate/", views.agreement_activate, name="agreement-activate"),
    path("agreements/<int:pk>/terminate/", views.agreement_terminate, name="agreement-terminate"),
    path("agreements/<int:pk>/renew/", views.agreement_renew, name="agreement-renew"),
    path("agreements/<int:pk>/delete/", views.agreement_delete, name="agreement-delete"),
    path("agreements/<int:pk>/documents/new/", views.document_upload, name="document-upload"),
    path("documents/<int:pk>/download/", views.document_download, name="document-download"),
    path("reviews/<int:pk>/", views.review_detail, name="review-detail"),
    path("reviews/<int:pk>/approve/", views.review_approve, name="review-approve"),
    path("majors/", views.major_list, name="major-list"),
    path("internship-units/", views.internship_units, name="internship-units"),
]
