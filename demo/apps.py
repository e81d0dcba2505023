from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo college (``manage.py seed_demo``); it adds no tables."""

    name = "demo"
    verbose_name = _("Demo data")
