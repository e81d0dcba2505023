from django.urls import path

from groups import views

app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="group-list"),
    path("new/", views.group_edit, name="group-create"),
    path("<int:pk>/", views.group_detail, name="group-detail"),
    path("<int:pk>/edit/", views.group_edit, name="group-edit"),
    path("<int:pk>/targets/", views.group_target_set, name="target-set"),
    path("<int:pk>/members/new/", views.member_edit, name="member-create"),
    path("members/<int:member_pk>/edit/", views.member_edit, name="member-edit"),
    path("members/<int:member_pk>/leave/", views.member_leave, name="member-leave"),
    path("<int:pk>/resources/", views.resource_list, name="resource-list"),
    path("<int:pk>/resources/new/", views.resource_edit, name="resource-create"),
    path("resources/<int:resource_pk>/edit/", views.resource_edit, name="resource-edit"),
    path("<int:pk>/research/", views.project_list, name="project-list"),
    path("<int:pk>/research/new/", views.project_edit, name="project-create"),
    path("research/<int:project_pk>/edit/", views.project_edit, name="project-edit"),
]
