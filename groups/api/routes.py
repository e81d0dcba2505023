"""REST routes of this app, collected by config/api.py."""


def register(router) -> None:
    pass


urlpatterns: list = []
