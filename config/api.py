"""The REST API's routes, collected from each app's ``api/routes.py``.

An app's ``routes.register(router)`` adds its viewsets; its ``urlpatterns``
hold any plain views. Each app edits only its own routes file.
"""

from importlib import import_module

from django.urls import include, path, re_path
from rest_framework import exceptions, views
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter


class NotFoundView(views.APIView):
    """Any other URL under the API (e.g. a path id that is not a number) is a
    JSON 404 like the API's own, not the site's HTML page."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    schema = None  # not an operation

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise exceptions.NotFound()

    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound()

    post = put = patch = delete = head = options = get


APPS = [
    "accounts",
    "partnerships",
    "councils",
    "groups",
    "practice",
    "internships",
    "records",
    "contracts",
    "allocation",
    "notifications",
    "reports",
]

router = DefaultRouter()
urlpatterns: list = []
for _app in APPS:
    try:
        _routes = import_module(f"{_app}.api.routes")
    except ModuleNotFoundError as exc:
        if exc.name not in (_app, f"{_app}.api", f"{_app}.api.routes"):
            raise
        continue
    _routes.register(router)
    urlpatterns += _routes.urlpatterns
urlpatterns.append(path("", include(router.urls)))
urlpatterns.append(re_path(r"^", NotFoundView.as_view()))
