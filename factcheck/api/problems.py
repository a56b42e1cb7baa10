"""RFC 9457 problem details (`application/problem+json`) for every error under /api/.

One place builds the body (`problem_body`); the DRF exception handler, the middleware that
catches what escapes a view (oversized bodies, 500s) and the catch-all 404 route use it.
Every body has `type`, `title`, `status`, `detail`, `errors` (per field; `{}` when none)
and `code`, a stable machine-readable name that is also the last part of `type`.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from factcheck.lib.errors import ConflictError, InvalidTransition

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "/api/problems/"

# code → title. Titles are short, stable and the same for every occurrence of the code.
TITLES: dict[str, Any] = {
    "invalid": _("Invalid input."),
    "parse_error": _("Malformed request body."),
    "not_authenticated": _("Authentication required."),
    "authentication_failed": _("Authentication failed."),
    "permission_denied": _("Permission denied."),
    "not_found": _("Not found."),
    "method_not_allowed": _("Method not allowed."),
    "not_acceptable": _("Not acceptable."),
    "unsupported_media_type": _("Unsupported media type."),
    "throttled": _("Too many requests."),
    "conflict": _("Edit conflict: the record changed since you read it."),
    "precondition_failed": _("Precondition failed."),
    "precondition_required": _("Precondition required."),
    "invalid_transition": _("Transition not allowed."),
    "idempotency_key_reused": _("Idempotency key reused with another request."),
    "idempotency_key_in_use": _("A request with this idempotency key is still running."),
    "payload_too_large": _("Request body too large."),
    "bad_request": _("Bad request."),
    "server_error": _("Internal server error."),
}


def problem_body(*, status: int, code: str, detail: str = "", errors: dict[str, Any] | None = None) -> dict[str, Any]:
    title = TITLES.get(code, TITLES["bad_request"] if status < 500 else TITLES["server_error"])
    return {
        "type": f"{TYPE_BASE}{code}",
        "title": str(title),
        "status": status,
        "detail": detail or str(title),
        "errors": errors or {},
        "code": code,
    }


def problem_response(*, status: int, code: str, detail: str = "", errors: dict[str, Any] | None = None) -> HttpResponse:
    """A plain Django response (for middleware and URL handlers, outside DRF's renderers)."""
    body = problem_body(status=status, code=code, detail=detail, errors=errors)
    return HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_CONTENT_TYPE)


def is_api_path(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _flatten(detail: Any) -> Any:
    """DRF ErrorDetail trees → plain strings (keeps the dict/list shape)."""
    if isinstance(detail, dict):
        return {str(k): _flatten(v) for k, v in detail.items()}
    if isinstance(detail, list):
        return [_flatten(v) for v in detail]
    return str(detail)


def _normalise(exc: Exception) -> Exception:
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        # Keep the review policy's reason: the caller needs to know why (and what to do instead).
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER: every APIException and domain error as a problem."""
    if isinstance(exc, RequestDataTooBig):
        return _problem(413, "payload_too_large", str(exc))
    if isinstance(exc, ConflictError):
        return _problem(412, "conflict", str(exc))
    if isinstance(exc, InvalidTransition):
        return _problem(409, "invalid_transition", str(exc))
    extensions = getattr(exc, "problem_extensions", None) or {}  # e.g. the failed pre-publication checks
    exc = _normalise(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a bug: the middleware answers 500 as a problem
    errors: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError):
        data = _flatten(response.data)
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        code, detail = "invalid", str(TITLES["invalid"])
    else:
        data = response.data
        detail = str(data.get("detail", "")) if isinstance(data, dict) else str(data)
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
        code = codes if isinstance(codes, str) else str(getattr(exc, "default_code", "error"))
    response.data = {**problem_body(status=response.status_code, code=code, detail=detail, errors=errors), **extensions}
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def _problem(status: int, code: str, detail: str) -> Response:
    return Response(
        problem_body(status=status, code=code, detail=detail), status=status, content_type=PROBLEM_CONTENT_TYPE
    )


class ApiProblemMiddleware:
    """Whatever escapes a view under /api/ (oversized body, a bug) becomes a problem, DEBUG or not."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not is_api_path(request):
            return None
        if isinstance(exc, RequestDataTooBig):
            return problem_response(status=413, code="payload_too_large", detail=str(exc))
        if isinstance(exc, SuspiciousOperation):
            return problem_response(status=400, code="bad_request", detail=str(exc))
        if isinstance(exc, Http404):
            return problem_response(status=404, code="not_found")
        if isinstance(exc, DjangoPermissionDenied):
            return problem_response(status=403, code="permission_denied")
        logger.exception("unhandled error on %s %s", request.method, request.path)
        return problem_response(status=500, code="server_error")


@csrf_exempt  # an unknown route answers 404 whatever the method; CSRF guards nothing here
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """The catch-all route under /api/: an unknown URL is a 404 problem, never an HTML page."""
    return problem_response(status=404, code="not_found", detail=str(_("No API endpoint at this address.")))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a problem under /api/ (session-authenticated writes), Django's page elsewhere."""
    if is_api_path(request):
        return problem_response(status=403, code="permission_denied", detail=f"CSRF Failed: {reason}")
    from django.views.csrf import csrf_failure as django_csrf_failure

    return django_csrf_failure(request, reason)


@csrf_exempt
def problem_type(request: HttpRequest, code: str) -> HttpResponse:
    """`type` URIs resolve: a short JSON description of the problem type."""
    if code not in TITLES:
        return api_not_found(request)
    body = {"type": f"{TYPE_BASE}{code}", "title": str(TITLES[code]), "code": code}
    return HttpResponse(json.dumps(body), content_type="application/json")
