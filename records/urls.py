from django.urls import path

from records import views

app_name = "records"
urlpatterns = [
    path("", views.index, name="index"),
    path("reviews/<int:pk>/figures/", views.review_figures, name="review-figures"),
    path("corrections/<int:pk>/delete/", views.correction_delete, name="correction-delete"),
    path("<slug:resource>/", views.record_list, name="list"),
    path("<slug:resource>/new/", views.record_edit, name="create"),
    path("<slug:resource>/import/", views.record_import, name="import"),
    path(
        "<slug:resource>/template.<str:fmt>",
        views.record_template,
        name="template",
    ),
    path("<slug:resource>/<int:pk>/edit/", views.record_edit, name="edit"),
    path("<slug:resource>/<int:pk>/delete/", views.record_delete, name="delete"),
]
