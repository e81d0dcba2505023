"""REST routes of this app, collected by config/api.py."""

from allocation.api.views import AllocationRoundViewSet, ApplicationViewSet


def register(router) -> None:
    router.register("allocation-rounds", AllocationRoundViewSet, basename="allocation-round")
    router.register("applications", ApplicationViewSet, basename="application")


urlpatterns: list = []
