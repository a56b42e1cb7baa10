"""Per-token and per-user request rates (429 problem with Retry-After, from DRF's Throttled)."""

from __future__ import annotations

from typing import Any

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    """Counts requests per API token (request.auth is the token row); session requests skip it."""

    scope = "token"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        token_id = getattr(request.auth, "pk", None)
        if token_id is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": token_id}


class UserRateThrottle(SimpleRateThrottle):
    """Counts requests per user, whichever token or session they come through."""

    scope = "user"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


__all__ = ["AnonRateThrottle", "TokenRateThrottle", "UserRateThrottle"]
