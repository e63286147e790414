"""API errors in one shape: `{"detail": ..., "field": ..., "errors": ...}`.

ApplicationError (a broken rule, raised by a service) becomes 400 with its Indonesian message; input
that does not parse becomes 400 naming the field; Django's 404 stays 404 (out of scope looks like
absent, never like forbidden).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from pembina.core.exceptions import ApplicationError

NON_FIELD = "non_field_errors"


def _first_message(value: Any) -> str:
    """The first human message inside DRF's nested error structure."""
    if isinstance(value, dict):
        for item in value.values():
            msg = _first_message(item)
            if msg:
                return msg
        return ""
    if isinstance(value, (list, tuple)):
        for item in value:
            msg = _first_message(item)
            if msg:
                return msg
        return ""
    return str(value)


def error_body(errors: Any, *, labels: dict[str, str] | None = None) -> dict[str, Any]:
    """Flatten DRF's `{field: [messages]}` into our shape; `detail` names the field by its label."""
    if isinstance(errors, dict) and "detail" in errors and not isinstance(errors["detail"], (list, dict)):
        return dict(errors)  # already in our shape
    if isinstance(errors, dict) and errors:
        field, messages = next(iter(errors.items()))
        message = _first_message(messages)
        if field in (NON_FIELD, "detail"):
            return {"detail": message, "errors": errors}
        label = (labels or {}).get(field) or field
        return {"detail": f"{label}: {message}", "field": field, "errors": errors}
    return {"detail": _first_message(errors), "errors": errors}


def validated(serializer: serializers.Serializer) -> dict[str, Any]:
    """Run the parser; on bad input raise a 400 whose message names the field by its Indonesian label."""
    if serializer.is_valid():
        return serializer.validated_data
    labels = {name: str(f.label) for name, f in serializer.fields.items() if f.label}
    raise ValidationError(error_body(serializer.errors, labels=labels))


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        body = {"detail": exc.message}
        if exc.field:
            body["field"] = exc.field
        if exc.extra.get("errors"):
            body["errors"] = exc.extra["errors"]
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}
        return Response(error_body(errors), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        # Django's message names the model ("No Employee matches…"): say only "not found".
        exc = NotFound()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, ValidationError):
        response.data = error_body(response.data)
    return response
