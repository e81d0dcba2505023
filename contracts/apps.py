from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Internship agreements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Activation reads the agreements, and placement changes reach them
        # (internships/hooks.py), so internships never imports this app.
        from contracts import requirements, services
        from internships import hooks

        hooks.register_activation_requirement("contracts", requirements.paperwork_failures)
        hooks.register_placement_listener("contracts", services.placement_changed)

        # The reminder kinds (notifications/reminders.py).
        from contracts import reminders
        from notifications import reminders as registry

        registry.register(*reminders.KINDS)
