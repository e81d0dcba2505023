from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternshipsConfig(AppConfig):
    name = "internships"
    verbose_name = _("Internships")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The area's cards and blocks on the home page (common/dashboard.py).
        from common import dashboard
        from internships import dashboard as part

        dashboard.register(
            name="internships", order=20, roles=dashboard.STAFF, build=part.staff_cards
        )

        # The internship figures on an enterprise's page.
        from internships.selectors import enterprise_figures
        from partnerships import enterprise_page

        enterprise_page.register(name="internships", order=20, build=enterprise_figures)

        # Recorded hours: attendance is one source; other apps add theirs the same way.
        from internships import hours

        hours.register("attendance", hours.attendance_hours)

        # The area's reminder kinds (notifications/reminders.py).
        from internships import reminders
        from notifications import reminders as registry

        registry.register(*reminders.KINDS)
        for code, label in reminders.IMMEDIATE_KINDS.items():
            registry.register_immediate(code, label)
