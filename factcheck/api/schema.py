"""OpenAPI pieces shared by every app's views: the problem-details response."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, inline_serializer
from rest_framework import serializers

PROBLEM = inline_serializer(
    name="Problem",
    fields={
        "type": serializers.CharField(help_text="URI reference naming the problem type, e.g. /api/problems/not_found."),
        "title": serializers.CharField(),
        "status": serializers.IntegerField(),
        "detail": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.JSONField(), help_text="Per field: a list of messages (empty when none)."
        ),
        "code": serializers.CharField(help_text="Stable machine-readable name of the problem."),
    },
)

_DESCRIPTIONS = {
    400: "Invalid input or malformed JSON (problem details; `errors` per field).",
    401: "No credentials, or a revoked, expired or unknown token.",
    403: "Your role does not allow this.",
    404: "No such object.",
    406: "No representation matches the `Accept` header (the API answers JSON).",
    409: "The claim's current status does not allow this transition.",
    412: "Stale `If-Match`: someone changed the record since you read it.",
    413: "Request body too large.",
    415: "The body is not JSON (`Content-Type: application/json`).",
    422: "`Idempotency-Key` reused with a different request.",
    428: "`If-Match` is required.",
    429: "Too many requests; see `Retry-After`.",
}


def problem_responses(*statuses: int) -> dict[Any, Any]:
    """`{(status, problem+json): problem}` for extend_schema(responses=...). 429 is added to every operation."""
    out: dict[Any, Any] = {}
    # 400 everywhere: malformed JSON, a bad cursor or filter value can reach any operation.
    for status in sorted({*statuses, 400, 429}):
        out[(status, "application/problem+json")] = OpenApiResponse(
            response=PROBLEM,
            description=_DESCRIPTIONS.get(status, "Problem details."),
            examples=[
                OpenApiExample(
                    f"problem {status}",
                    value={
                        "type": "/api/problems/…",
                        "title": "…",
                        "status": status,
                        "detail": "…",
                        "errors": {},
                        "code": "…",
                    },
                    status_codes=[str(status)],
                    response_only=True,
                )
            ],
        )
    return out


# What any operation can answer whatever the view: the handler and middleware make these for every route.
_EVERY_OPERATION = (400, 401, 403, 404, 406, 429)
_WRITES = (409, 412, 413, 415, 422, 428)
_AUTH = {401, 403}  # never from a public operation (no authentication, anyone may read)


def document_problems(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: add the problem responses an operation does not document yet."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    if "Problem" not in schemas:
        schemas["Problem"] = {
            "type": "object",
            "properties": {name: {"type": "string"} for name in ("type", "title", "detail", "code")}
            | {"status": {"type": "integer"}, "errors": {"type": "object", "additionalProperties": {}}},
            "required": ["type", "title", "status", "detail", "errors", "code"],
        }
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            statuses = _EVERY_OPERATION + (_WRITES if method != "get" else ())
            anyone = operation.get("security") == [{}]
            responses = operation.setdefault("responses", {})
            for status in statuses:
                if anyone and status in _AUTH:
                    continue
                responses.setdefault(
                    str(status), {"description": _DESCRIPTIONS.get(status, "Problem details."), "content": content}
                )
    return result
