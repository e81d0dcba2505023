"""REST routes of this app, collected by config/api.py."""

from councils.api.views import (
    ActionItemViewSet,
    CommitteeMemberViewSet,
    CommitteeViewSet,
    MeetingViewSet,
)


def register(router) -> None:
    router.register("committees", CommitteeViewSet, basename="committee")
    router.register("committee-members", CommitteeMemberViewSet, basename="committee-member")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("action-items", ActionItemViewSet, basename="action-item")


urlpatterns: list = []
