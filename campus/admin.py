from django.contrib import admin

from campus.models import CasSession, ChannelIdentity


@admin.register(ChannelIdentity)
class ChannelIdentityAdmin(admin.ModelAdmin):
    list_display = ["user", "channel", "external_id", "linked_at"]
    list_filter = ["channel"]
    search_fields = ["user__username", "external_id"]
    raw_id_fields = ["user"]


@admin.register(CasSession)
class CasSessionAdmin(admin.ModelAdmin):
    list_display = ["ticket", "created_at"]
