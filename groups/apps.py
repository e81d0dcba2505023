from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Vocational education groups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The area's cards and blocks on the home page (common/dashboard.py).
        from common import dashboard
        from groups import dashboard as part

        dashboard.register(name="groups", order=30, roles=dashboard.STAFF, build=part.staff_cards)
