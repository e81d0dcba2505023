"""REST routes of this app, collected by config/api.py."""

from notifications.api.views import NotificationViewSet


def register(router) -> None:
    router.register("notifications", NotificationViewSet, basename="notification")


urlpatterns: list = []
