from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Councils")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The area's cards and blocks on the home page (common/dashboard.py).
        from common import dashboard
        from councils import dashboard as part

        dashboard.register(name="councils", order=40, roles=dashboard.STAFF, build=part.staff_block)

        # The area's reminder kinds (notifications/reminders.py).
        from councils import reminders
        from notifications import reminders as registry

        registry.register(*reminders.KINDS)
