"""Periodic housekeeping for accounts."""

from __future__ import annotations

from celery import shared_task

from accounts import services


@shared_task(name="accounts.purge_idempotency_keys")
def purge_idempotency_keys() -> int:
    return services.idempotency_keys_purge()
