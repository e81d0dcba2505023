from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's tools; installed only by bench/settings.py, never in the product."""

    name = "bench"
    verbose_name = "Benchmark"
