from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import StyledFormMixin
from groups.models import (
    EducationGroup,
    GroupMember,
    GroupTarget,
    ResearchProject,
    SharedResource,
)
from partnerships.models import Enterprise


class ServiceFormMixin:
    """A model form whose rules are the service's to check.

    The model's field validators (e.g. the upper bounds of counts) still apply,
    but neither its constraints nor uniqueness: the service checks those with
    the right rows locked and gives the same messages as the API.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            model_field = self._meta.model._meta.get_field(name)
            if not model_field.is_relation:
                field.validators = [*field.validators, *model_field.validators]


class EducationGroupForm(ServiceFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = EducationGroup
        fields = [
            "name",
            "founded_on",
            "level",
            "lead_institutions",
            "internship_target",
            "employment_target",
            "resource_target",
            "patent_target",
            "notes",
        ]
        widgets = {
            "founded_on": forms.DateInput(),
            "lead_institutions": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class GroupMemberForm(ServiceFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["kind", "enterprise", "name", "role", "joined_on", "left_on"]
        widgets = {"joined_on": forms.DateInput(), "left_on": forms.DateInput()}
        help_texts = {
            "enterprise": _("Required for an enterprise member, empty for any other kind."),
            "name": _("For an enterprise member, left empty to use the enterprise's name."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.order_by("name")
        self.fields["name"].required = False


class GroupMemberLeaveForm(StyledFormMixin, forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=forms.DateInput())


class GroupTargetForm(ServiceFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = GroupTarget
        fields = ["year", "internships", "employment", "resources", "patents"]


class _GroupMembersMixin:
    members_field = ""

    def __init__(self, *args, group: EducationGroup, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields[self.members_field]
        field.queryset = GroupMember.objects.filter(group=group).order_by("kind", "name")
        field.widget.attrs["size"] = 8


class SharedResourceForm(_GroupMembersMixin, ServiceFormMixin, StyledFormMixin, forms.ModelForm):
    members_field = "contributors"

    class Meta:
        model = SharedResource
        fields = ["kind", "title", "year", "contributors"]


class ResearchProjectForm(_GroupMembersMixin, ServiceFormMixin, StyledFormMixin, forms.ModelForm):
    members_field = "members"

    class Meta:
        model = ResearchProject
        fields = [
            "title",
            "started_on",
            "status",
            "members",
            "patents",
            "technical_improvements",
            "achievements",
        ]
        widgets = {"started_on": forms.DateInput()}


class GroupFilterForm(StyledFormMixin, forms.Form):
    """A filter bar; ``EducationGroupFilter`` does the filtering."""

    search = forms.CharField(label=_("Search"), required=False)
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("Any level")), *EducationGroup.Level.choices],
    )


class SharedResourceFilterForm(StyledFormMixin, forms.Form):
    """A filter bar; ``SharedResourceFilter`` does the filtering."""

    search = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *SharedResource.Kind.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)


class ResearchProjectFilterForm(StyledFormMixin, forms.Form):
    """A filter bar; ``ResearchProjectFilter`` does the filtering."""

    search = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ResearchProject.Status.choices],
    )
    year = forms.IntegerField(label=_("Started in"), required=False, min_value=1990, max_value=2100)
