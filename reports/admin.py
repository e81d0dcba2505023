from django.contrib import admin

from reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "year",
        "format",
        "subject_name",
        "status",
        "requested_by",
        "created_at",
    ]
    list_filter = ["kind", "format", "status"]
    search_fields = ["subject_name", "requested_by__username"]
    readonly_fields = [
        "kind",
        "year",
        "format",
        "subject_id",
        "subject_name",
        "status",
        "file",
        "error",
        "requested_by",
        "created_at",
        "started_at",
        "attempts",
        "finished_at",
    ]
    list_select_related = ["requested_by"]

    def has_add_permission(self, request):
        # Reports are requested through the API or the reports page, which queue them.
        return False
