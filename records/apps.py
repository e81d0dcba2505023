from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = _("Cooperation records")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The review figures partnerships shows and stores come from the records.
        from common import dashboard
        from partnerships import enterprise_page, review_figures
        from records import dashboard as part
        from records import figures, signals

        review_figures.register(
            name="records", build=figures.review_figures, link=part.review_figures_link
        )
        enterprise_page.register(name="records", order=20, build=part.enterprise_figures)
        enterprise_page.register_block(
            name="records",
            order=20,
            template="records/enterprise_block.html",
            build=part.enterprise_block,
        )
        dashboard.register(name="records", order=25, roles=dashboard.STAFF, build=part.staff_block)
        signals.connect()
