"""Admin registrations; every change goes through the services.

A form checks its change by running the service inside a transaction that is
rolled back, so a broken rule is shown next to its field as on the app's
pages; saving then runs the same service for real.
"""

from django import forms
from django.contrib import admin
from django.db import transaction

from common.exceptions import RuleError
from common.pages import apply_rule_error
from internships import services
from internships.forms import POSITION_OPTIONAL, CategoryListField, OmittedMeansDefault
from internships.models import (
    Attendance,
    Evaluation,
    FilingBatch,
    InsurancePolicy,
    PayRecord,
    Placement,
    PlacementLog,
    Position,
    RuleOverride,
    Student,
)


class _DryRun(Exception):
    pass


class ServiceForm(forms.ModelForm):
    def save_through_service(self):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                with transaction.atomic():
                    self.save_through_service()
                    raise _DryRun
            except _DryRun:
                pass
            except RuleError as error:
                apply_rule_error(self, error)
        return cleaned

    def _changed(self, names):
        return {k: self.cleaned_data[k] for k in names if k in self.cleaned_data}


class ServiceAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        saved = form.save_through_service()
        obj.pk = saved.pk
        obj.__dict__.update({k: v for k, v in saved.__dict__.items() if not k.startswith("_")})

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change)


class StudentForm(ServiceForm):
    class Meta:
        model = Student
        fields = services.STUDENT_FIELDS

    def validate_unique(self):
        pass  # the service decides, with its rule code

    def save_through_service(self):
        data = self._changed(services.STUDENT_FIELDS)
        if self.instance.pk:
            return services.student_update(student=self.instance, **data)
        return services.student_create(**data)


@admin.register(Student)
class StudentAdmin(ServiceAdmin):
    form = StudentForm
    list_display = ["student_number", "name", "major", "cohort", "date_of_birth"]
    list_filter = ["cohort", "major"]
    list_select_related = ["major"]
    search_fields = ["student_number", "name"]


class PositionForm(OmittedMeansDefault, ServiceForm):
    optional_fields = POSITION_OPTIONAL
    major_categories = CategoryListField()

    class Meta:
        model = Position
        fields = services.POSITION_FIELDS

    def save_through_service(self):
        data = self._changed(services.POSITION_FIELDS)
        if self.instance.pk:
            return services.position_update(
                position=Position.objects.get(pk=self.instance.pk), **data
            )
        return services.position_create(**data)


@admin.register(Position)
class PositionAdmin(ServiceAdmin):
    form = PositionForm
    list_display = ["title", "enterprise", "kind", "capacity", "starts_on", "ends_on", "is_open"]
    list_filter = ["kind", "is_open", "night_shift"]
    list_select_related = ["enterprise"]
    search_fields = ["title", "enterprise__name"]
    autocomplete_fields = ["enterprise"]
    actions = ["close_positions"]

    @admin.action(description="Close to new placements")
    def close_positions(self, request, queryset):
        for position in queryset:
            services.position_close(position=position)


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AttendanceInline(_ReadOnlyInline):
    model = Attendance
    fields = ["date", "status"]


class LogInline(_ReadOnlyInline):
    model = PlacementLog
    fields = ["kind", "date", "text"]


class EvaluationInline(_ReadOnlyInline):
    model = Evaluation
    fields = ["side", *Evaluation.CRITERIA, "comment"]


PLACEMENT_ADMIN_FIELDS = [f for f in services.PLACEMENT_FIELDS if f != "hired"]


class PlacementForm(OmittedMeansDefault, ServiceForm):
    optional_fields = ("destination",)

    class Meta:
        model = Placement
        fields = [*PLACEMENT_ADMIN_FIELDS, "hired"]

    def save_through_service(self):
        data = self._changed(self.Meta.fields)
        if self.instance.pk:
            return services.placement_update(
                placement=Placement.objects.get(pk=self.instance.pk), **data
            )
        return services.placement_create(**data)


@admin.register(Placement)
class PlacementAdmin(ServiceAdmin):
    form = PlacementForm
    list_display = ["student", "position", "enterprise", "status", "starts_on", "ends_on", "hired"]
    list_filter = ["status", "position__kind", "hired", "agreement_signed"]
    list_select_related = ["student", "position", "enterprise"]
    search_fields = ["student__name", "student__student_number", "position__title"]
    raw_id_fields = ["student", "position", "supervisor"]
    readonly_fields = ["enterprise", "status", "termination_reason", "warnings"]
    inlines = [AttendanceInline, LogInline, EvaluationInline]


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Recorded through the portal, the app's pages and the API."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Attendance)
class AttendanceAdmin(_ReadOnlyAdmin):
    list_display = ["placement", "date", "status"]
    list_filter = ["status"]
    date_hierarchy = "date"


@admin.register(PlacementLog)
class PlacementLogAdmin(_ReadOnlyAdmin):
    list_display = ["placement", "kind", "date", "author"]
    list_filter = ["kind"]
    search_fields = ["text"]


@admin.register(Evaluation)
class EvaluationAdmin(_ReadOnlyAdmin):
    list_display = ["placement", "side", *Evaluation.CRITERIA]
    list_filter = ["side"]


@admin.register(InsurancePolicy)
class InsurancePolicyAdmin(_ReadOnlyAdmin):
    list_display = ["placement", "insurer", "kind", "number", "payer", "covers_from", "covers_to"]
    list_filter = ["kind", "payer"]
    search_fields = ["insurer", "number"]


@admin.register(PayRecord)
class PayRecordAdmin(_ReadOnlyAdmin):
    list_display = ["placement", "month", "amount", "paid_on", "direct"]
    list_filter = ["direct"]


@admin.register(RuleOverride)
class RuleOverrideAdmin(_ReadOnlyAdmin):
    list_display = ["placement", "rule", "decided_by", "created_at"]
    list_filter = ["rule"]


@admin.register(FilingBatch)
class FilingBatchAdmin(_ReadOnlyAdmin):
    list_display = ["title", "major", "cohort", "kind", "starts_from", "starts_to", "created_at"]
