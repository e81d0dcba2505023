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

        # An account with an initial password is held at the password page.
        from django.contrib.auth.signals import user_logged_in

        from practice.middleware import note_password_change_required

        user_logged_in.connect(note_password_change_required, dispatch_uid="practice-password")

        # Check-outs are a source of recorded hours for the working-time rules.
        from internships import hours
        from practice.selectors import checkout_hour_entries

        hours.register("checkouts", checkout_hour_entries)

        # The student's block on the home page.
        from common import dashboard
        from practice import dashboard as part

        dashboard.register(name="practice", order=5, roles=part.ROLES, build=part.student_part)
