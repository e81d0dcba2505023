"""REST routes of this app, collected by config/api.py."""

from notifications.api.views import NotificationPreferenceViewSet, NotificationViewSet


def register(router) -> None:
    router.register("notifications", NotificationViewSet, basename="notification")
    router.register(
        "notification-preferences",
        NotificationPreferenceViewSet,
        basename="notification-preference",
    )


urlpatterns: list = []
