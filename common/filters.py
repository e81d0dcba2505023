"""The base of every list's filter set, read by the API and the browser pages."""

from __future__ import annotations

import copy
import operator
from functools import reduce

import django_filters
from django import forms
from django.db import models
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.filters import QuerySetRequestMixin
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from rest_framework.filters import search_smart_split
from rest_framework.request import Request

_MAX_FORM_CLASSES = 256  # per filter set; combinations beyond it are built per request
ID_MAX = 2**63 - 1  # the largest primary key a bigint column holds


class IdFilter(django_filters.NumberFilter):
    """A whole-number id (or other positive count); anything else is a 400.

    A plain number, not a model choice: an id the caller cannot see simply
    matches nothing, so a filter never tells another enterprise's row from a
    missing one, and no query checks it. The OpenAPI schema declares the
    bounds (``common.schema``), so 0 and negative ids are outside it.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


class WholeNumberFilter(django_filters.NumberFilter):
    """A filter on a whole-number column (a year, a count): ``0.5`` is a 400.

    django-filter reads every number column through a decimal field, so
    ``?year=0.5`` was accepted (and matched nothing). The bounds are those of
    a bigint column, so a huge number is a 400 as well, not a database error.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -ID_MAX)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


# A parameter sent empty (``?status=``) is refused unless the filter takes free
# text: an empty string is not one of a choice filter's values, nor a number, a
# date or a yes/no, and quietly ignoring it would hide a client's mistake.
BLANK_MESSAGE = _("Give a value, or leave this filter out.")
YES_NO = ("true", "false", "True", "False")  # what the schema's booleans are sent as
YES_NO_MESSAGE = _("Give true or false.")


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet that only builds what a request uses.

    django-filter copies every filter, and builds a form class with a new
    field for every filter, on each request, then validates them all: most
    of its cost on a list call, where a client sends one or two of a dozen
    filters. Here a request copies only the filters whose parameters it
    sends (as each field's widget reads its data) and validates them with a
    form class built once per combination. An absent parameter filters
    nothing either way, so the result and the 400 messages are the same.

    The fields of our filters do not depend on the request (a model-choice
    filter with a callable, request-scoped queryset is refused), so form
    classes can be shared; Django forms copy their fields per instance.
    ``form`` (what the browsable API draws) still has every filter.

    Foreign keys named in ``Meta.fields`` become ``IdFilter``s.
    """

    # The fields the list may be ordered by: the API's ?ordering= and the
    # page's ?sort= (common.pages.sort_by) read this one declaration.
    ordering_fields: tuple[str, ...] = ()

    FILTER_DEFAULTS = {
        **FILTER_FOR_DBFIELD_DEFAULTS,
        **{
            column: {"filter_class": WholeNumberFilter}
            for column in (
                models.IntegerField,
                models.SmallIntegerField,
                models.BigIntegerField,
                models.PositiveIntegerField,
                models.PositiveSmallIntegerField,
                models.PositiveBigIntegerField,
            )
        },
        models.ForeignKey: {"filter_class": IdFilter},
        models.OneToOneField: {"filter_class": IdFilter},
        models.ManyToManyField: {"filter_class": IdFilter, "extra": lambda f: {"distinct": True}},
    }

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name in self._sent_names():
            filter_ = copy.deepcopy(self.base_filters[name])
            filter_.model = queryset.model
            filter_.parent = self
            self.filters[name] = filter_

    def _sent_names(self) -> tuple[str, ...]:
        fields = self._form_class_for(None).base_fields
        if not self.is_bound:
            return tuple(fields)
        prefix = f"{self.form_prefix}-" if self.form_prefix else ""
        return tuple(
            name
            for name, field in fields.items()
            if not field.widget.value_omitted_from_data(self.data, {}, prefix + name)
        )

    @classmethod
    def _form_class_for(cls, names: tuple[str, ...] | None):
        """The form class over ``names`` (None: every filter), built once per language.

        Field labels come from the model's verbose names in the active
        language, so each language has its own classes.
        """
        classes = cls.__dict__.get("_form_classes")
        if classes is None:
            classes = cls._form_classes = {}
        key = (names, get_language())
        form_class = classes.get(key)
        if form_class is None:
            fields = {}
            for name, base in cls.base_filters.items():
                if names is not None and name not in names:
                    continue
                if isinstance(base, QuerySetRequestMixin) and callable(base.queryset):
                    raise TypeError(
                        f"{cls.__name__}.{name}: a filter whose choices depend on the "
                        "request cannot share one form class"
                    )
                filter_ = copy.deepcopy(base)
                filter_.model = cls._meta.model  # labels from the model, as django-filter
                filter_.__dict__.pop("_field", None)  # a field built before the model was set
                fields[name] = filter_.field
            form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            if len(classes) < _MAX_FORM_CLASSES:
                classes[key] = form_class
        return form_class

    def get_form_class(self):
        return self._form_class_for(None)

    @property
    def _checked_form(self):
        """The form over the parameters sent: what validation and filtering read."""
        if not hasattr(self, "_checked"):
            form_class = self._form_class_for(tuple(self.filters))
            if self.is_bound:
                self._checked = form_class(self.data, prefix=self.form_prefix)
                if isinstance(self.request, Request):
                    # API only: a page's filter bar sends an empty select for "all".
                    self._refuse_unreadable(self._checked)
            else:
                self._checked = form_class(prefix=self.form_prefix)
        return self._checked

    def _refuse_unreadable(self, form) -> None:
        """Empty values outside free text, and yes/no values that are neither, are a 400.

        Django's fields would read both as "no filter" and answer the whole list.
        """
        prefix = f"{self.form_prefix}-" if self.form_prefix else ""
        form.is_valid()  # the fields' own checks first
        for name, field in form.fields.items():
            if isinstance(field, forms.CharField) or name in form.errors:
                continue  # free text may be empty
            values = self.data.getlist(prefix + name) if hasattr(self.data, "getlist") else []
            if any(value == "" for value in values):
                form.add_error(name, BLANK_MESSAGE)
            elif isinstance(field, forms.NullBooleanField) and any(
                value not in YES_NO for value in values
            ):
                form.add_error(name, YES_NO_MESSAGE)

    def is_valid(self):
        return self.is_bound and self._checked_form.is_valid()

    @property
    def errors(self):
        return self._checked_form.errors

    def filter_queryset(self, queryset):
        for name, value in self._checked_form.cleaned_data.items():
            queryset = self.filters[name].filter(queryset, value)
            assert isinstance(queryset, QuerySet), f"{type(self).__name__}.{name}"
        return queryset


class SearchFilter(django_filters.CharFilter):
    """``?search=``: every word found in one of ``fields`` (case-insensitive).

    The one search of a list, for the API and the browser page alike. Words
    split as DRF's search does (quoted phrases stay whole, commas separate),
    so the API's answers are unchanged.
    """

    def __init__(self, *, fields: tuple[str, ...], **kwargs):
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)
        self.search_fields = tuple(fields)

    def filter(self, qs, value):
        terms = search_smart_split(value) if value else []
        if not terms:
            return qs
        return qs.filter(
            reduce(
                operator.and_,
                (
                    reduce(operator.or_, (Q(**{f"{f}__icontains": t}) for f in self.search_fields))
                    for t in terms
                ),
            )
        )
