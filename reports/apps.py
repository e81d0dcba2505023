from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The area's cards and blocks on the home page (common/dashboard.py).
        from accounts.access import Role
        from common import dashboard
        from reports import dashboard as part

        dashboard.register(
            name="reports",
            order=50,
            roles=[Role.ADMINISTRATOR],
            build=part.administrator_part,
        )
        dashboard.register(
            name="reports.liaison", order=50, roles=[Role.LIAISON], build=part.liaison_part
        )
