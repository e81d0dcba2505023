"""The OpenAPI schema's additions: error responses and bounded id filters.

drf-spectacular documents the success of each operation. The schema also
says how each one fails, with the bodies ``common.api.exception_handler``
writes, so a client (and the Schemathesis run in CI) can rely on every status
the API answers with:

- 400 where input is read (a body, query parameters) or a write can break a
  rule: DRF's validation shape, ``{"field": ["message"]}``, plus ``"code"``
  (and ``"article"``) when a business rule refused it;
- 401 without credentials and 403 without the right (also a session request
  without its CSRF token), wherever sign-in is needed;
- 404 for an object outside the caller's scope, and for a page past the end
  of a list;
- 409 on writes: a protected delete (``in_use``), a constraint the database
  refused (``conflict``), a full position (``capacity_full``);
- 415 for a body in a media type the operation does not read, 422 where an
  ``Idempotency-Key`` is taken and was used for another request, 429 where
  the operation is throttled.
"""

from __future__ import annotations

from django import forms
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import AllowAny

_MESSAGES = {"type": "array", "items": {"type": "string"}}

ERROR_SCHEMAS = {
    "ErrorDetail": {
        "type": "object",
        "description": "What went wrong, in the caller's language.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationError": {
        "type": "object",
        "description": (
            "DRF's validation errors: each input field (or non_field_errors) with its "
            "messages, nested for nested input. A refused business rule adds its stable "
            "rule code, and the article of the regulation where one applies. A body that "
            "cannot be parsed is described in detail."
        ),
        "properties": {
            "non_field_errors": _MESSAGES,
            # "code" is the rule code, or the messages of an input field named code.
            "code": {"anyOf": [{"type": "string"}, _MESSAGES]},
            "article": {"type": "string"},
            "detail": {"type": "string"},
        },
        "additionalProperties": {"anyOf": [{"type": "array"}, {"type": "object"}]},
    },
    "ConflictError": {
        "type": "object",
        "description": (
            "The change conflicts with the stored data: in_use (other records refer to "
            "this one), conflict (a unique record exists), a rule such as capacity_full, "
            "or idempotency_key_reused (422)."
        ),
        "properties": {"non_field_errors": _MESSAGES, "code": {"type": "string"}},
        "required": ["code"],
        "additionalProperties": _MESSAGES,
    },
}

_DESCRIPTIONS = {
    "400": ("ValidationError", "The input is malformed or a rule refused it."),
    "401": ("ErrorDetail", "No valid credentials were sent."),
    "403": ("ErrorDetail", "The caller's role may not do this."),
    "404": ("ErrorDetail", "No such object in the caller's scope, or no such page."),
    "409": ("ConflictError", "The change conflicts with the stored data."),
    "415": ("ErrorDetail", "The body's media type is not one this operation reads."),
    "422": ("ConflictError", "The Idempotency-Key was used for a different request."),
    "429": ("ErrorDetail", "Too many requests; try again later."),
}

_WRITES = {"POST", "PUT", "PATCH", "DELETE"}
NO_NUL = "^[^\\u0000]*$"  # text without a NUL character


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's AutoSchema plus the error responses an operation can give."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] == "search":
                # The FilterSet's search is Django text: no NUL character (a 400).
                parameter["schema"].setdefault("pattern", NO_NUL)
        responses = operation["responses"]
        for code in sorted(self._error_codes(operation)):
            if code in responses:
                continue
            name, description = _DESCRIPTIONS[code]
            responses[code] = {
                "content": {"application/json": {"schema": self._error_component(name)}},
                "description": description,
            }
        return operation

    def _error_codes(self, operation: dict) -> set[str]:
        codes = set()
        parameters = operation.get("parameters", [])
        signed_in = not all(isinstance(p, AllowAny) for p in self.view.get_permissions())
        if self.method in _WRITES or any(p["in"] == "query" for p in parameters):
            codes.add("400")
        if signed_in:
            codes.update({"401", "403"})
        if any(p["in"] == "path" for p in parameters):
            codes.add("404")
        if any(p["in"] == "query" and p["name"] == "page" for p in parameters):
            codes.add("404")  # a page past the end
        if signed_in and self.method in _WRITES:
            codes.add("409")
        if "requestBody" in operation:
            codes.add("415")
        if any(p["in"] == "header" and p["name"] == "Idempotency-Key" for p in parameters):
            codes.add("422")  # the key reused for another request
        if self.view.get_throttles():
            codes.add("429")
        return codes

    def _error_component(self, name: str) -> dict:
        component = ResolvedComponent(
            name=name,
            type=ResolvedComponent.SCHEMA,
            object=name,
            schema=ERROR_SCHEMAS[name],
        )
        self.registry.register_on_missing(component)
        return component.ref


class FilterExtension(DjangoFilterExtension):
    """Whole-number filters (ids, years) are integers with their bounds in the schema;
    free-text filters say they take no NUL character.

    django-filter's NumberFilter reads as a decimal "number" to drf-spectacular;
    ``common.filters.IdFilter`` and the year filters read whole numbers between
    ``min_value`` and ``max_value``, and the schema says so.
    """

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        if issubclass(filter_field.field_class, forms.CharField):
            for parameter in parameters:
                # Django's text fields refuse a NUL character (a 400).
                parameter["schema"].setdefault("pattern", NO_NUL)
        if issubclass(filter_field.field_class, forms.IntegerField):
            for parameter in parameters:
                schema = parameter["schema"]
                schema["type"] = "integer"
                schema.pop("format", None)
                if filter_field.extra.get("min_value") is not None:
                    schema["minimum"] = filter_field.extra["min_value"]
                if filter_field.extra.get("max_value") is not None:
                    schema["maximum"] = filter_field.extra["max_value"]
        return parameters
