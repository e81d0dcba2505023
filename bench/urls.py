"""The benchmark's URLs: the product's, plus the raw-SQL twins at /bench/."""

from django.urls import include, path

from bench import views
from config.urls import handler500  # noqa: F401  (the product's 500 page)
from config.urls import urlpatterns as product_urlpatterns

raw_twins = [
    path("enterprises/", views.enterprises, name="enterprises"),
    path("agreements/", views.agreements, name="agreements"),
    path("placements/", views.placements, name="placements"),
    path("summary/", views.summary, name="summary"),
]

urlpatterns = [*product_urlpatterns, path("bench/", include((raw_twins, "bench")))]
