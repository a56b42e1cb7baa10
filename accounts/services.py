"""Writes for API tokens and idempotency keys."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiToken, IdempotencyKey

TOKEN_PREFIX = "fcw_"  # noqa: S105  (a label, not a secret)
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
# last_used_at is written at most this often per token, so reads do not all become writes.
LAST_USED_RESOLUTION = timedelta(seconds=60)
IDEMPOTENCY_TTL = timedelta(hours=24)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: Any, name: str, expires_in_days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token; return it with its secret, which is shown once and never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    if expires_in_days is not None and not 1 <= expires_in_days <= 3650:
        raise ValidationError({"expires_in_days": _("Choose between 1 and 3650 days.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=secret[:PREFIX_LENGTH],
        secret_hash=hash_secret(secret),
        expires_at=timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token (idempotent: revoking twice keeps the first time)."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db()
    return token


@transaction.atomic
def tokens_revoke_all(*, user: Any) -> int:
    """Revoke every live token of a user (moderation calls it when it deactivates someone)."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def token_touch(*, token: ApiToken) -> None:
    """Record use, at most once a minute (one UPDATE, no read-modify-write)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def idempotency_keys_purge(*, older_than: timedelta = IDEMPOTENCY_TTL) -> int:
    """Forget idempotency keys past their 24 h (the periodic cleanup)."""
    deleted, _rows = IdempotencyKey.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
