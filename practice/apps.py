from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = _("Internship practice")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The area's reminder kinds (notifications/reminders.py).
        from notifications import reminders as registry
        from practice import reminders

        registry.register(*reminders.KINDS)

        # The student's block on the home page.
        from common import dashboard
        from practice import dashboard as part

        dashboard.register(name="practice", order=5, roles=part.ROLES, build=part.student_part)
