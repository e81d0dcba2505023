"""The REST API's routes, collected from each app's ``api/routes.py``.

An app's ``routes.register(router)`` adds its viewsets; its ``urlpatterns``
hold any plain views. Each app edits only its own routes file.
"""

from importlib import import_module

from django.urls import include, path
from rest_framework.routers import DefaultRouter

APPS = ["accounts", "partnerships", "councils", "groups", "internships", "notifications", "reports"]

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
