"""API conventions shared by every endpoint: pagination, ordering, error shapes."""

from __future__ import annotations

import re
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, OperationalError, models
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, filters, pagination, serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from common.exceptions import RuleError
from common.files import StoredFileMissing


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_number(self, request, paginator):
        number = request.query_params.get(self.page_query_param, 1)
        if number in self.last_page_strings:
            return number
        try:
            if int(number) < 1:
                raise ValueError
        except (TypeError, ValueError):
            raise exceptions.ValidationError(
                {"page": [_("A page number is a whole number from 1.")]}
            )
        return number

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None:
            try:
                if int(raw) < 1:
                    raise ValueError
            except ValueError:
                raise exceptions.ValidationError(
                    {"page_size": [_("A page size is a whole number from 1 to 200.")]}
                )
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            # Both are whole numbers from 1 (a larger page_size is cut to 200).
            parameter["schema"]["minimum"] = 1
        return parameters


class SafeOrderingFilter(filters.OrderingFilter):
    """Ordering limited to the fields a view names; unknown fields are a 400."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params is not None:
            fields = params.split(",")
            valid = self.get_valid_fields(queryset, view, {"request": request})
            names = {name for name, _label in valid}
            # Exactly as the schema's pattern: names, each with an optional "-".
            unknown = [f for f in fields if f.removeprefix("-") not in names]
            if unknown:
                raise exceptions.ValidationError(
                    {
                        "ordering": [
                            _("Cannot order by %(fields)s.") % {"fields": ", ".join(unknown)}
                        ]
                    }
                )
            # A stable tiebreaker keeps pages from overlapping.
            return [*fields, "pk"] if "pk" not in fields and "id" not in fields else fields
        return self.get_default_ordering(view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        try:
            valid = self.get_valid_fields(None, view, {"request": getattr(view, "request", None)})
        except Exception:  # fields read from a queryset: no pattern to give
            return parameters
        names = "|".join(re.escape(name) for name, _label in valid)
        for parameter in parameters:
            parameter["schema"]["pattern"] = f"^-?(?:{names})(?:,-?(?:{names}))*$"
        return parameters


class ValuesListMixin:
    """A list read from ``values_list()`` rows: the serializer's JSON without model instances.

    ``list_values`` pairs each output field (in the serializer's order) with the
    column it reads, or None for a field ``list_extra(rows)`` fills for the whole
    page at once (e.g. many-to-many ids). Decimals become strings as DRF's
    DecimalField writes them; dates are written by the renderer as DRF writes
    them. The serializer stays the schema and the write path; tests compare the
    two outputs byte for byte.
    """

    list_values: tuple[tuple[str, str | None], ...] = ()

    def get_list_values(self) -> tuple[tuple[str, str | None], ...]:
        return self.list_values

    def list_queryset(self, queryset):
        """The queryset the rows are read from (e.g. with annotations a column names)."""
        return queryset

    def list_extra(self, rows: list[dict]) -> None:
        pass

    def list(self, request, *args, **kwargs):
        list_values = self.get_list_values()
        queryset = self.filter_queryset(self.get_queryset())
        names = [name for name, column in list_values if column]
        columns = [column for _name, column in list_values if column]
        queryset = self.list_queryset(queryset.select_related(None).prefetch_related(None))
        fields = {f.attname: f for f in queryset.model._meta.concrete_fields}
        decimals = [
            name
            for name, column in zip(names, columns, strict=True)
            if isinstance(fields.get(column), models.DecimalField)  # annotations: not fields
        ]
        page = self.paginate_queryset(queryset.values_list(*columns))
        # Every row starts as a copy of the template, so keys keep the
        # serializer's order; list_extra fills the None columns.
        template = dict.fromkeys(name for name, _column in list_values)
        rows = []
        for values in page:
            row = template.copy()
            row.update(zip(names, values, strict=True))
            rows.append(row)
        for row in rows if decimals else ():
            for name in decimals:
                if row[name] is not None:
                    row[name] = format(row[name], "f")  # as DRF's DecimalField writes it
        self.list_extra(rows)
        return self.get_paginated_response(rows)


class ReasonInputSerializer(serializers.Serializer):
    """An action's input ``{"reason"}``: required, not blank (e.g. cancel, terminate).

    A missing or blank reason is the rule ``reason_required``, as the services
    refuse it, so the 400 carries that code whichever layer notices first.
    """

    reason = serializers.CharField(max_length=2000)
    reason_message = gettext_lazy("Give the reason.")  # per action, in the subclass

    def is_valid(self, *, raise_exception=False):
        valid = super().is_valid()
        if not valid and raise_exception:
            codes = {getattr(error, "code", None) for error in self.errors.get("reason", [])}
            if codes & {"required", "blank", "null"}:
                raise RuleError("reason_required", self.reason_message, field="reason")
            raise exceptions.ValidationError(self.errors)
        return valid


def rule_error_response(exc: RuleError) -> Response:
    return Response(exc.as_dict(), status=exc.status)


def exception_handler(exc, context):
    """DRF's handler plus our domain errors; the body keeps DRF's error shape."""
    if isinstance(exc, RuleError):
        return rule_error_response(exc)
    if isinstance(exc, StoredFileMissing):
        return Response({"detail": exc.message, "code": exc.code}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {
                (k if k != "__all__" else "non_field_errors"): [
                    str(m) for e in v for m in e.messages
                ]
                for k, v in exc.error_dict.items()
            }
        else:
            detail = {"non_field_errors": [str(m) for m in exc.messages]}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, ProtectedError | RestrictedError):
        return Response(
            {
                "non_field_errors": [
                    _("Other records still refer to this one; it cannot be deleted.")
                ],
                "code": "in_use",
            },
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, IntegrityError):
        # A constraint the serializer could not foresee (e.g. a race between two
        # creates): the database refused it, nothing was written.
        return Response(
            {
                "non_field_errors": [_("This conflicts with an existing record.")],
                "code": "conflict",
            },
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, DataError):
        return Response(
            {"non_field_errors": [_("A value is out of the range the database can store.")]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    elif isinstance(exc, OperationalError):
        response = Response(
            {"detail": _("The database is unavailable right now; please try again shortly.")},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
        response["Retry-After"] = "5"
        return response
    elif isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, list):
        # A bare list of messages (DRF's search filter, a serializer's own
        # validate() raising a string): the same object shape as every other 400.
        exc = exceptions.ValidationError({"non_field_errors": exc.detail})
    return drf_exception_handler(exc, context)


class FormatIsAField(DefaultContentNegotiation):
    """Content negotiation for a resource that has a field called ``format``.

    DRF reads ``?format=`` as the renderer to use, so ``?format=csv`` on such
    a list (the reports, filtered by file format) was a 404. Here the answer
    is always chosen from the Accept header and the parameter is the filter's.
    """

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


class WholeIdField(serializers.PrimaryKeyRelatedField):
    """A related row named by its id, which is a whole number.

    DRF hands the value to the lookup as it comes, and the lookup reads 1.5
    (or true) as id 1: a request the schema calls invalid could name a row.
    Digits in a string stay accepted, as form and multipart bodies send them,
    and so does 3.0, which JSON Schema counts as the integer 3.
    """

    def to_internal_value(self, data):
        whole = (
            (isinstance(data, int) and not isinstance(data, bool))
            or (isinstance(data, float) and data.is_integer())
            or (isinstance(data, str) and data.isdigit())
        )
        if not whole:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class ModelSerializer(serializers.ModelSerializer):
    """DRF's ModelSerializer whose related fields take whole-number ids only."""

    serializer_related_field = WholeIdField
