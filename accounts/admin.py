from django.contrib import admin

from accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "enterprise", "staff_number", "language"]
    list_select_related = ["user", "enterprise"]
    search_fields = ["user__username", "enterprise__name", "staff_number"]
    autocomplete_fields = ["enterprise"]
    readonly_fields = ["calendar_token"]
