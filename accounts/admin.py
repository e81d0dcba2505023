from django.contrib import admin

from accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "enterprise", "language"]
    list_select_related = ["user", "enterprise"]
    search_fields = ["user__username", "enterprise__name"]
    autocomplete_fields = ["enterprise"]
    readonly_fields = ["calendar_token"]
