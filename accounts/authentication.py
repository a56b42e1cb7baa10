"""`Authorization: Token <secret>` (or `Bearer <secret>`) for the API."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from accounts.models import ApiToken
from accounts.services import hash_secret, token_touch
from history.context import VIA_API, set_actor

KEYWORDS = {b"token", b"bearer"}


class ApiTokenAuthentication(BaseAuthentication):
    """Looks the token up by the SHA-256 of the secret; revoked, expired or inactive → 401."""

    keyword = "Token"

    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header: send `Token <secret>`."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from exc
        token = ApiToken.objects.select_related("user").filter(secret_hash=hash_secret(secret)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token was revoked."))
        if token.expires_at is not None and token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This account is deactivated."))
        token_touch(token=token)
        # The history log records API writes as this user, through the API, with the token's name.
        set_actor(token.user, VIA_API, token.name)
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword
