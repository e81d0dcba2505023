from django.contrib import admin

from groups.models import (
    EducationGroup,
    GroupMember,
    GroupTarget,
    ResearchProject,
    SharedResource,
)


class GroupTargetInline(admin.TabularInline):
    model = GroupTarget
    extra = 0


@admin.register(EducationGroup)
class EducationGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "founded_on", "internship_target", "employment_target"]
    list_filter = ["level"]
    search_fields = ["name", "lead_institutions"]
    inlines = [GroupTargetInline]


@admin.register(GroupMember)
class GroupMemberAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "kind", "role", "joined_on", "left_on"]
    list_filter = ["kind", "role", "group"]
    list_select_related = ["group"]
    search_fields = ["name"]
    autocomplete_fields = ["enterprise"]


@admin.register(GroupTarget)
class GroupTargetAdmin(admin.ModelAdmin):
    list_display = ["group", "year", "internships", "employment", "resources", "patents"]
    list_filter = ["year", "group"]
    list_select_related = ["group"]


@admin.register(SharedResource)
class SharedResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "kind", "year"]
    list_filter = ["kind", "year", "group"]
    list_select_related = ["group"]
    search_fields = ["title"]
    filter_horizontal = ["contributors"]


@admin.register(ResearchProject)
class ResearchProjectAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "group",
        "status",
        "started_on",
        "patents",
        "technical_improvements",
        "achievements",
    ]
    list_filter = ["status", "group"]
    list_select_related = ["group"]
    search_fields = ["title"]
    filter_horizontal = ["members"]
