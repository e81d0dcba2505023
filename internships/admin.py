from django.contrib import admin

from internships.models import Attendance, Evaluation, Placement, PlacementLog, Position, Student


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ["student_number", "name", "major", "cohort", "date_of_birth"]
    list_filter = ["cohort", "major"]
    list_select_related = ["major"]
    search_fields = ["student_number", "name"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["title", "enterprise", "kind", "capacity", "starts_on", "ends_on", "is_open"]
    list_filter = ["kind", "is_open", "night_shift"]
    list_select_related = ["enterprise"]
    search_fields = ["title", "enterprise__name"]
    autocomplete_fields = ["enterprise"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["date", "status"]


class LogInline(admin.TabularInline):
    model = PlacementLog
    extra = 0
    fields = ["kind", "date", "text"]


class EvaluationInline(admin.TabularInline):
    model = Evaluation
    extra = 0
    fields = ["side", *Evaluation.CRITERIA, "comment"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    # Rules are checked by the services: the admin shows placements and lets
    # staff correct paperwork, but the rule fields are read-only here.
    list_display = ["student", "position", "enterprise", "status", "starts_on", "ends_on", "hired"]
    list_filter = ["status", "position__kind", "hired", "agreement_signed"]
    list_select_related = ["student", "position", "enterprise"]
    search_fields = ["student__name", "student__student_number", "position__title"]
    readonly_fields = ["student", "position", "enterprise", "status", "warnings"]
    inlines = [AttendanceInline, LogInline, EvaluationInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["placement", "date", "status"]
    list_filter = ["status"]
    date_hierarchy = "date"
    raw_id_fields = ["placement"]


@admin.register(PlacementLog)
class PlacementLogAdmin(admin.ModelAdmin):
    list_display = ["placement", "kind", "date", "author"]
    list_filter = ["kind"]
    raw_id_fields = ["placement"]
    search_fields = ["text"]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["placement", "side", *Evaluation.CRITERIA]
    list_filter = ["side"]
    raw_id_fields = ["placement"]
