"""REST routes of this app, collected by config/api.py."""

from records.api.views import VIEWSETS, FigureCorrectionViewSet


def register(router) -> None:
    for resource, viewset in VIEWSETS.items():
        router.register(resource, viewset, basename=resource)
    router.register("figure-corrections", FigureCorrectionViewSet, basename="figure-correction")


urlpatterns: list = []
