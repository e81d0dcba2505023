from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext as _

from reports.models import Report, ReportTemplate


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


class ReportTemplateForm(forms.ModelForm):
    class Meta:
        model = ReportTemplate
        fields = ["kind", "file"]

    def clean_file(self):
        """A real .docx within the import size limit; it is read, never run."""
        upload = self.cleaned_data["file"]
        if upload is None or not hasattr(upload, "size"):
            return upload
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        from docx import Document as WordDocument

        try:
            WordDocument(upload)
        except Exception as exc:
            raise forms.ValidationError(_("This is not a Word (.docx) document.")) from exc
        upload.seek(0)
        return upload


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    form = ReportTemplateForm
    list_display = ["kind", "uploaded_at", "uploaded_by"]

    def save_model(self, request, obj, form, change):
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
