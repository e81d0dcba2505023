"""REST routes of this app, collected by config/api.py."""

from django.urls import path

from accounts.api.views import MeView, TokenView, UserViewSet


def register(router) -> None:
    router.register("users", UserViewSet, basename="user")


urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
]
