"""One error format for the whole API: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from factcheck.lib.errors import ConflictError, InvalidTransition


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # DRF turns these into NotFound/PermissionDenied itself; do it first so the code is right.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        # Keep the review policy's reason: the caller needs to know why (and what to do instead).
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, ConflictError):
        return Response(
            {"error": {"code": "conflict", "message": str(exc), "fields": {}}},
            status=status.HTTP_412_PRECONDITION_FAILED,
        )
    if isinstance(exc, InvalidTransition):
        return Response(
            {"error": {"code": "invalid_transition", "message": str(exc), "fields": {}}},
            status=status.HTTP_409_CONFLICT,
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    fields: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError):
        message = "Invalid input."
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
    elif isinstance(detail, dict) and "detail" in detail:
        message = str(detail["detail"])
    else:
        message = str(detail)
    code = getattr(exc, "default_code", "error")
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    # Extra members an exception carries (e.g. the failed pre-publication checks).
    response.data["error"].update(getattr(exc, "problem_extensions", None) or {})
    return response
