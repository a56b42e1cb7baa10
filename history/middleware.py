"""Sets the history actor for each web request: the signed-in user, and ``admin`` or ``ui`` by path."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from history.context import VIA_ADMIN, VIA_API, VIA_UI, reset, set_actor


def via_for_path(path: str) -> str:
    if path.startswith("/admin/"):
        return VIA_ADMIN
    if path.startswith("/api/"):
        return VIA_API
    return VIA_UI


class HistoryActorMiddleware:
    """Must come after AuthenticationMiddleware. The API refines it once DRF has authenticated the token."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_actor(getattr(request, "user", None), via_for_path(request.path))
        try:
            return self.get_response(request)
        finally:
            reset(token)
