"""The form renderer draws <select> and <input> exactly as Django's templates do."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from common.forms import FormRenderer
from partnerships.forms import AgreementFilterForm
from partnerships.models import Department, Major


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("a", "A & B"), ("<b>", '"quoted"'), (3, 3)])
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("", "— none —")],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y"), ("z", "Z")])
    maybe = forms.NullBooleanField()
    flagged = forms.ChoiceField(
        choices=[("1", mark_safe("<em>safe</em>"))],
        widget=forms.Select(attrs={"data-on": True, "data-off": False, "title": 'a"b'}),
    )
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": "<name>"}))
    number = forms.IntegerField(min_value=1)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    tick = forms.BooleanField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    mail = forms.EmailField()
    note = forms.CharField(widget=forms.Textarea)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "plain": "<b>",
            "grouped": "pear",
            "many": ["x", "z"],
            "maybe": "true",
            "text": 'Tom "&" Jerry',
            "number": "12",
            "day": "2026-12-01",
            "tick": "on",
            "hidden": "<x>",
            "secret": "p&ss",
            "mail": "a@b.cn",
            "note": "<p>",
        },
    ],
)
def test_selects_are_the_templates_markup_byte_for_byte(data):
    for name in Sample.base_fields:
        ours = Sample(data, renderer=FormRenderer())[name].as_widget()
        django = Sample(data, renderer=DjangoTemplates())[name].as_widget()
        assert ours == django, name


def test_a_model_choice_filter_bar_is_the_same_too(db):
    department = Department.objects.create(code="D1", name="Engineering")
    Major.objects.create(code="M1", name="Mechatronics & <Control>", department=department)
    data = {"status": "active", "major": str(Major.objects.get().pk)}
    ours = AgreementFilterForm(data, renderer=FormRenderer())
    django = AgreementFilterForm(data, renderer=DjangoTemplates())
    for name in ours.fields:
        assert ours[name].as_widget() == django[name].as_widget(), name
    assert "Mechatronics &amp; &lt;Control&gt;" in ours["major"].as_widget()


def test_the_project_uses_it(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "common.forms.FormRenderer"
    assert isinstance(get_default_renderer(), FormRenderer)
