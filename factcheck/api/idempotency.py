"""`Idempotency-Key` on every API POST: a retry gets the first response and creates nothing.

A middleware, so it covers every app's POST views without their cooperation. The key row is
inserted first, inside a transaction that spans the view: a concurrent retry's INSERT waits
on the unique index until the first request commits, then finds the stored response and
replays it (PostgreSQL; SQLite serialises writers anyway). A 5xx, a 401/403 or a 429 rolls
the row back, so the retry runs for real. Keys are kept 24 h (accounts.purge_idempotency_keys).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import AuthenticationFailed

from accounts.authentication import ApiTokenAuthentication
from accounts.models import IdempotencyKey
from accounts.services import IDEMPOTENCY_TTL
from factcheck.api.problems import is_api_path, problem_response

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
_KEPT_HEADERS = ("ETag", "Location", "Retry-After")
_NOT_STORED = {401, 403, 429}


def _caller(request: HttpRequest) -> Any | None:
    try:
        found = ApiTokenAuthentication().authenticate(request)
    except AuthenticationFailed:
        return None  # the view answers 401
    if found is not None:
        return found[0]
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _fingerprint(request: HttpRequest, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (request.method or "", request.get_full_path(), ""):
        digest.update(part.encode() + b"\0")
    digest.update(body)
    return digest.hexdigest()


def _replay(row: IdempotencyKey) -> HttpResponse:
    headers = dict(row.response_headers)
    content_type = headers.pop("Content-Type", "application/json")
    response = HttpResponse(row.response_body, status=row.response_status, content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if request.method != "POST" or key is None or not is_api_path(request):
            return self.get_response(request)
        if not 1 <= len(key) <= 255 or not key.isascii() or not key.isprintable():
            detail = _("Idempotency-Key must be 1 to 255 printable ASCII characters.")
            return problem_response(status=400, code="bad_request", detail=detail)
        user = _caller(request)
        if user is None:
            return self.get_response(request)
        try:
            body = request.body
        except RequestDataTooBig as exc:
            return problem_response(status=413, code="payload_too_large", detail=str(exc))
        return self._once(request, user=user, key=key, fingerprint=_fingerprint(request, body))

    def _once(self, request: HttpRequest, *, user: Any, key: str, fingerprint: str) -> HttpResponse:
        with transaction.atomic():
            row = _claim(user=user, key=key, fingerprint=fingerprint)
            if row.fingerprint != fingerprint:
                detail = _("This Idempotency-Key was used for a different request; use a new key.")
                return problem_response(status=422, code="idempotency_key_reused", detail=detail)
            if row.response_status is not None:
                return _replay(row)
            response = self.get_response(request)
            if response.status_code >= 500 or response.status_code in _NOT_STORED or response.streaming:
                transaction.set_rollback(True)
                return response
            headers = {name: response[name] for name in ("Content-Type", *_KEPT_HEADERS) if name in response}
            row.response_status = response.status_code
            row.response_body = response.content.decode("utf-8", errors="replace")
            row.response_headers = headers
            row.save(update_fields=["response_status", "response_body", "response_headers"])
            return response


def _claim(*, user: Any, key: str, fingerprint: str) -> IdempotencyKey:
    """Insert the key (ours) or return the committed row of an earlier request with it."""
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(user=user, key=key, fingerprint=fingerprint)
    except IntegrityError:
        pass
    row = IdempotencyKey.objects.select_for_update().get(user=user, key=key)
    if row.created_at < timezone.now() - IDEMPOTENCY_TTL:
        row.delete()  # past its 24 h and not yet purged: the key is free again
        return IdempotencyKey.objects.create(user=user, key=key, fingerprint=fingerprint)
    return row
