from django.contrib import admin
from django.utils import timezone

from partnerships import services
from partnerships.models import (
    AgreementDocument,
    AgreementEvent,
    AgreementMode,
    AnnualReview,
    CooperationAgreement,
    Department,
    Enterprise,
    EnterpriseContact,
    EnterpriseVetting,
    Major,
    Workstation,
)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Major)
class MajorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "department"]
    list_filter = ["department"]
    list_select_related = ["department"]
    search_fields = ["code", "name"]


class ContactInline(admin.TabularInline):
    model = EnterpriseContact
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "industry", "size", "city", "workforce", "status"]
    list_filter = ["status", "size", "is_integration_enterprise"]
    search_fields = ["name", "credit_code", "industry", "city"]
    inlines = [ContactInline]


class ModeInline(admin.TabularInline):
    model = AgreementMode
    extra = 0


class ReviewInline(admin.TabularInline):
    model = AnnualReview
    extra = 0
    fields = ["year", "due_on", "status", "decision"]
    readonly_fields = ["year", "due_on", "status", "decision"]
    show_change_link = True
    can_delete = False


class DocumentInline(admin.TabularInline):
    model = AgreementDocument
    extra = 0
    fields = ["kind", "original_name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "enterprise", "depth", "status", "starts_on", "ends_on"]
    list_filter = ["status", "depth", "flagged_for_owner"]
    list_select_related = ["enterprise"]
    search_fields = ["number", "title", "enterprise__name"]
    autocomplete_fields = ["enterprise"]
    filter_horizontal = ["majors"]
    readonly_fields = ["number", "status", "depth", "renews", "termination_reason"]
    date_hierarchy = "starts_on"
    inlines = [ModeInline, ReviewInline, DocumentInline]

    def save_model(self, request, obj, form, change):
        # The number is generated and the depth derived, as the services do.
        if not change:
            obj.number = services.agreement_next_number(year=timezone.localdate().year)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.agreement_sync_depth(agreement=form.instance)


@admin.register(AnnualReview)
class AnnualReviewAdmin(admin.ModelAdmin):
    list_display = ["agreement", "year", "due_on", "status", "decision"]
    list_filter = ["status", "decision", "year"]
    list_select_related = ["agreement"]
    search_fields = ["agreement__number", "agreement__title"]
    raw_id_fields = ["agreement"]
    readonly_fields = ["submitted_at", "approved_at", "approved_by"]


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "agreement", "kind", "size", "uploaded_at"]
    list_filter = ["kind"]
    list_select_related = ["agreement"]
    search_fields = ["original_name", "agreement__number"]
    raw_id_fields = ["agreement"]


@admin.register(AgreementEvent)
class AgreementEventAdmin(admin.ModelAdmin):
    list_display = ["agreement", "kind", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["agreement", "actor"]
    search_fields = ["agreement__number", "note"]
    raw_id_fields = ["agreement"]


@admin.register(Workstation)
class WorkstationAdmin(admin.ModelAdmin):
    list_display = ["name", "enterprise", "enterprise_leader_name", "school_leader", "agreement"]
    list_select_related = ["enterprise", "school_leader", "agreement"]
    search_fields = ["name", "enterprise__name", "enterprise_leader_name"]
    raw_id_fields = ["enterprise", "agreement", "school_leader"]


@admin.register(EnterpriseVetting)
class EnterpriseVettingAdmin(admin.ModelAdmin):
    """Recorded through the API (services check the dates and the decision)."""

    list_display = ["enterprise", "inspected_on", "decision", "published_on", "valid_until"]
    list_filter = ["decision"]
    search_fields = ["enterprise__name", "inspector"]
    list_select_related = ["enterprise"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
