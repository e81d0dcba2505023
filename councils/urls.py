from django.urls import path

from councils import views

app_name = "councils"
urlpatterns = [
    path("", views.committee_list, name="committee-list"),
    path("committees/new/", views.committee_edit, name="committee-create"),
    path("committees/<int:pk>/", views.committee_detail, name="committee-detail"),
    path("committees/<int:pk>/edit/", views.committee_edit, name="committee-edit"),
    path("committees/<int:pk>/dissolve/", views.committee_dissolve, name="committee-dissolve"),
    path("committees/<int:pk>/members/new/", views.membership_edit, name="member-create"),
    path("members/<int:member_pk>/edit/", views.membership_edit, name="member-edit"),
    path("members/<int:member_pk>/end/", views.membership_end, name="member-end"),
    path("committees/<int:pk>/charter/new/", views.charter_adopt, name="charter-adopt"),
    path("committees/<int:pk>/meetings/new/", views.meeting_edit, name="meeting-create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:meeting_pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/hold/", views.meeting_hold, name="meeting-hold"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/invite.ics", views.meeting_ics_download, name="meeting-ics"),
    path("meetings/<int:pk>/actions/new/", views.action_item_create, name="action-item-create"),
    path("actions/<int:item_pk>/edit/", views.action_item_edit, name="action-item-edit"),
    path(
        "actions/<int:item_pk>/complete/",
        views.action_item_complete,
        name="action-item-complete",
    ),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/rotate/", views.calendar_rotate, name="calendar-rotate"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
