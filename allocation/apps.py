from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllocationConfig(AppConfig):
    name = "allocation"
    verbose_name = _("Allocation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The outcome of a published round is an immediate notification.
        from notifications import reminders

        reminders.register_immediate("allocation_result", _("Allocation results"))
