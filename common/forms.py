from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime


class StyledFormMixin:
    """Gives every widget its Bootstrap class, so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxSelectMultiple):
                css = ""
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"


_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"
# The input widgets whose template only includes input.html.
_INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox color date datetime email file hidden number password search tel text time url"
    ).split()
}


def _value(value) -> str:
    """A variable as ``{{ value }}`` writes it: local time, localized, escaped."""
    return conditional_escape(str(localize(template_localtime(value))))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html, in Python."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(" " + _value(name))
        if value is not True:
            text = value if isinstance(value, SafeData) else str(value)  # |stringformat:'s'
            out.append('="' + conditional_escape(text) + '"')
    return "".join(out)


def _select(widget: dict) -> str | None:
    """django/forms/widgets/select.html and its options, in Python; None if customised."""
    parts = ['<select name="', _value(widget["name"]), '"', _attrs(widget["attrs"]), ">"]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts += ['\n  <optgroup label="', _value(group_name), '">']
        for option in group_choices:
            if option["template_name"] != _OPTION:
                return None
            value = option["value"]
            value = value if isinstance(value, SafeData) else str(value)
            parts += [
                '\n  <option value="',
                conditional_escape(value),
                '"',
                _attrs(option["attrs"]),
                ">",
                _value(option["label"]),
                "</option>\n",
            ]
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html, in Python."""
    parts = ['<input type="', _value(widget["type"]), '" name="', _value(widget["name"]), '"']
    if widget["value"] is not None:
        value = widget["value"]
        value = value if isinstance(value, SafeData) else str(value)
        parts += [' value="', conditional_escape(value), '"']
    parts += [_attrs(widget["attrs"]), ">"]
    return "".join(parts)


class FormRenderer(DjangoTemplates):
    """Django's form renderer with ``<select>`` and ``<input>`` drawn in Python.

    The templates draw each option and each attribute list through an
    include, which made the filter bars (a select of every major, status,
    mode...) the slowest part of the list pages. The markup is the same byte
    for byte (tests compare it with the templates'); other widgets, and a
    select with its own option template, still go through the templates.
    """

    def render(self, template_name, context, request=None):
        if template_name == _SELECT:
            html = _select(context["widget"])
            if html is not None:
                return html
        elif template_name in _INPUTS:
            return _input(context["widget"])
        return super().render(template_name, context, request)
