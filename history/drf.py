"""DRF hook: once a request is authenticated, the history actor becomes the user, ``via="api"`` and the token."""

from __future__ import annotations

from typing import Any

from history.context import VIA_API, set_actor


def token_name_of(auth: Any) -> str:
    """A readable name for the credential (hashed tokens carry a ``name``; DRF's authtoken has none)."""
    if auth is None:
        return ""
    name = getattr(auth, "name", "")
    if name:
        return str(name)
    return "authtoken" if hasattr(auth, "key") else ""


class HistoryActorAPIMixin:
    """Mix into API views before APIView; the middleware resets the context after the response."""

    def perform_authentication(self, request: Any) -> None:
        super().perform_authentication(request)  # type: ignore[misc]
        set_actor(request.user, VIA_API, token_name_of(request.auth))
