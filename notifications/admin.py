from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications import services
from notifications.models import (
    ChannelDelivery,
    Notification,
    NotificationPreference,
    ReminderDelivery,
)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "recipient__username"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "stage",
        "object_type",
        "object_id",
        "recipient",
        "status",
        "attempts",
        "claimed_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", "stage"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "object_type", "last_error"]
    raw_id_fields = ["recipient", "notification"]
    readonly_fields = ["claim_token", "claimed_at"]
    date_hierarchy = "claimed_at"
    actions = ["retry_emails"]

    @admin.action(description=_("Send the failed e-mails again"))
    def retry_emails(self, request, queryset):
        count = services.reminder_email_retry(delivery_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext("%d e-mail queued again.", "%d e-mails queued again.", count) % count,
            messages.SUCCESS,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email", "updated_at"]
    list_filter = ["kind", "email"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]


@admin.register(ChannelDelivery)
class ChannelDeliveryAdmin(admin.ModelAdmin):
    list_display = ["channel", "address", "delivery", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["channel", "status"]
    search_fields = ["address"]
    raw_id_fields = ["delivery"]
    readonly_fields = ["last_error"]
