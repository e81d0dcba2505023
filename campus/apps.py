from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampusConfig(AppConfig):
    name = "campus"
    verbose_name = _("Campus integration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The messaging channels plug into the reminders' delivery machinery
        # (notifications/channels.py); each registers only when configured.
        from campus import channels

        channels.register_configured()
