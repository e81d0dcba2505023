from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The area's cards and blocks on the home page (common/dashboard.py).
        from accounts.access import Role
        from common import dashboard
        from partnerships import dashboard as part

        dashboard.register(
            name="partnerships", order=10, roles=dashboard.STAFF, build=part.staff_cards
        )
        dashboard.register(
            name="partnerships.liaison",
            order=10,
            roles=[Role.LIAISON],
            build=part.liaison_enterprise,
        )

        # The area's reminder kinds (notifications/reminders.py).
        from notifications import reminders as registry
        from partnerships import reminders

        registry.register(*reminders.KINDS)
        for code, label in reminders.IMMEDIATE_KINDS.items():
            registry.register_immediate(code, label)
