from django.contrib import admin

from partnerships.models import Department, Enterprise, EnterpriseContact, Major


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
