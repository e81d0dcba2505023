from django.contrib import admin

from councils.models import ActionItem, CharterVersion, Committee, Meeting, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["name", "role", "affiliation", "category", "enterprise", "term_start", "term_end"]
    autocomplete_fields = ["enterprise"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "major", "established_on", "status"]
    list_filter = ["kind", "status"]
    list_select_related = ["major"]
    search_fields = ["name", "major__name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "committee",
        "role",
        "affiliation",
        "category",
        "term_start",
        "term_end",
    ]
    list_filter = ["role", "affiliation", "category", "committee"]
    list_select_related = ["committee"]
    search_fields = ["name", "title"]
    raw_id_fields = ["enterprise", "contact", "user"]


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["committee", "kind", "scheduled_at", "status", "quorate"]
    list_filter = ["status", "kind", "committee"]
    list_select_related = ["committee"]
    date_hierarchy = "scheduled_at"
    search_fields = ["agenda", "minutes", "location"]
    # Holding and cancelling go through the pages or the API, which check the
    # attendees and compute the quorum.
    readonly_fields = ["status", "attendees", "quorate", "uid", "sequence"]
    inlines = [ActionItemInline]


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    list_display = ["committee", "version", "adopted_on"]
    list_select_related = ["committee"]
    raw_id_fields = ["adopted_at_meeting"]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["description", "meeting", "owner", "due_on", "status"]
    list_filter = ["status"]
    list_select_related = ["meeting__committee", "owner"]
    search_fields = ["description"]
    raw_id_fields = ["meeting", "owner"]
