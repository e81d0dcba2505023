from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import StyledFormMixin
from councils.models import ActionItem, CharterVersion, Committee, Meeting, Membership
from partnerships.models import Enterprise, EnterpriseContact, Major


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")

    def format_value(self, value):
        if hasattr(value, "tzinfo") and value.tzinfo is not None:
            value = timezone.localtime(value)
        return super().format_value(value)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        full = obj.get_full_name()
        return f"{full} ({obj.username})" if full else obj.username


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.enterprise.name}"


def _users():
    return User.objects.filter(is_active=True).order_by("username")


class CommitteeForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["kind", "name", "major", "established_on", "status", "description"]
        widgets = {
            "established_on": forms.DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["major"].queryset = Major.objects.order_by("code")
        if self.instance.pk is None:
            del self.fields["status"]

    def validate_unique(self):
        # One council and one committee per major are the service's to decide.
        pass

    def _post_clean(self):
        # The service checks the rules (and the database the constraints);
        # the model's own validation would run the same checks with other words.
        pass


class CommitteeFilterForm(StyledFormMixin, forms.Form):
    """The committee list's filter bar; ``CommitteeFilter`` does the filtering."""

    search = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Committee.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Committee.Status.choices],
    )
    major = forms.ModelChoiceField(
        label=_("Major"),
        required=False,
        queryset=Major.objects.order_by("code"),
        empty_label=_("Any major"),
    )
    overdue = forms.ChoiceField(
        label=_("Yearly meeting"),
        required=False,
        choices=[("", _("Any")), ("true", _("Overdue")), ("false", _("Up to date"))],
    )


class MembershipForm(StyledFormMixin, forms.ModelForm):
    enterprise = forms.ModelChoiceField(
        label=_("Enterprise"), required=False, queryset=Enterprise.objects.order_by("name")
    )
    contact = ContactChoiceField(
        label=_("Enterprise contact"),
        required=False,
        queryset=EnterpriseContact.objects.select_related("enterprise").order_by(
            "enterprise__name", "name"
        ),
    )
    user = UserChoiceField(
        label=_("User account"),
        required=False,
        queryset=User.objects.none(),
        help_text=Membership._meta.get_field("user").help_text,
    )

    class Meta:
        model = Membership
        fields = [
            "name",
            "title",
            "affiliation",
            "category",
            "role",
            "enterprise",
            "contact",
            "user",
            "term_start",
            "term_end",
        ]
        widgets = {"term_start": forms.DateInput(), "term_end": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _users()

    def validate_unique(self):
        pass

    def _post_clean(self):
        pass


class MembershipEndForm(StyledFormMixin, forms.Form):
    term_end = forms.DateField(label=_("Term ends"), widget=forms.DateInput())


class MeetingForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "scheduled_at", "duration_minutes", "location", "agenda"]
        widgets = {
            "scheduled_at": DateTimeLocalInput(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.status == Meeting.Status.HELD:
            # A held meeting keeps its date and kind; its record can change.
            for name in ("kind", "scheduled_at", "duration_minutes"):
                del self.fields[name]
            self.fields["minutes"] = forms.CharField(
                label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8})
            )
            self.fields["work_plan"] = forms.CharField(
                label=_("Next year's work plan"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
            self.initial.setdefault("minutes", self.instance.minutes)
            self.initial.setdefault("work_plan", self.instance.work_plan)
            # These fields came after the mixin styled the others.
            for name in ("minutes", "work_plan"):
                self.fields[name].widget.attrs["class"] = "form-control"

    def _post_clean(self):
        pass


class AttendeeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.get_role_display()} · {obj.get_affiliation_display()}"


class MeetingHoldForm(StyledFormMixin, forms.Form):
    attendees = AttendeeChoiceField(
        label=_("Attendees"),
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick the members who attended; only current members are listed."),
    )
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    work_plan = forms.CharField(
        label=_("Next year's work plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required for the council's annual meeting."),
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = (
            members if members is not None else Membership.objects.none()
        )


class MeetingCancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class CharterForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = CharterVersion
        fields = ["adopted_at_meeting", "adopted_on", "text"]
        widgets = {"adopted_on": forms.DateInput(), "text": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_at_meeting"].queryset = Meeting.objects.filter(
            committee=committee, status=Meeting.Status.HELD
        ).select_related("committee")
        self.fields["adopted_on"].required = False

    def _post_clean(self):
        pass


class ActionItemForm(StyledFormMixin, forms.ModelForm):
    owner = UserChoiceField(label=_("Owner"), required=False, queryset=User.objects.none())

    class Meta:
        model = ActionItem
        fields = ["description", "owner", "due_on", "status"]
        widgets = {"due_on": forms.DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _users()
        if self.instance.pk is None:
            del self.fields["status"]

    def _post_clean(self):
        pass
