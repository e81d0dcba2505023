import pytest


@pytest.fixture
def bench_urls(settings):
    """The benchmark's URL configuration (bench/urls.py): the product's plus /bench/."""
    settings.ROOT_URLCONF = "bench.urls"
