"""REST routes of this app, collected by config/api.py."""

from groups.api.views import (
    EducationGroupViewSet,
    GroupMemberViewSet,
    GroupTargetViewSet,
    ResearchProjectViewSet,
    SharedResourceViewSet,
)


def register(router) -> None:
    router.register("groups", EducationGroupViewSet, basename="group")
    router.register("group-members", GroupMemberViewSet, basename="group-member")
    router.register("group-resources", SharedResourceViewSet, basename="group-resource")
    router.register("research-projects", ResearchProjectViewSet, basename="research-project")
    router.register("group-targets", GroupTargetViewSet, basename="group-target")


urlpatterns: list = []
