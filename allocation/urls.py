from django.urls import path

from allocation import views

app_name = "allocation"

urlpatterns = [
    # The school.
    path("", views.round_list, name="round-list"),
    path("new/", views.round_create, name="round-create"),
    path("<int:pk>/", views.round_detail, name="round-detail"),
    path("<int:pk>/edit/", views.round_edit, name="round-edit"),
    path("<int:pk>/adjust/", views.round_adjust, name="round-adjust"),
    path("<int:pk>/second/", views.round_second, name="round-second"),
    path("<int:pk>/<str:step>/", views.round_step, name="round-step"),
    path("self-found/", views.self_found_list, name="self-found-list"),
    path("self-found/<int:pk>/decide/", views.self_found_decide, name="self-found-decide"),
    # The student's phone pages.
    path("me/", views.my_rounds, name="me"),
    path("me/self-found/", views.self_found_declare, name="self-found-declare"),
    # The enterprise's liaison.
    path("portal/", views.portal, name="portal"),
    path("portal/<int:pk>/decide/", views.portal_decide, name="portal-decide"),
]
