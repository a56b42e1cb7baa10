"""Writes for webhooks: subscriptions, fan-out of events, and signed delivery attempts.

Deliveries go out through the SSRF-safe fetcher (sources.fetcher) as signed POSTs:
  X-Webhook-Id: <event uuid>          X-Webhook-Event: <name>
  X-Webhook-Timestamp: <unix seconds> X-Webhook-Signature: v1=<hex HMAC-SHA256(secret, f"{timestamp}.{body}")>
A failure is retried with exponential backoff; a subscription failing for WEBHOOK_PAUSE_AFTER
seconds (a day) is paused and its owner told by e-mail and on their profile page.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import secrets
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.lib.errors import RefusedURL
from factcheck.lib.events import EVENTS
from factcheck.lib.queue import enqueue, enqueue_on_commit
from sources import fetcher
from webhooks.models import Delivery, Subscription

logger = logging.getLogger(__name__)

SIGNATURE_VERSION = "v1"


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    """`v1=` + hex HMAC-SHA256 of `timestamp.body` with the subscription's secret."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"{SIGNATURE_VERSION}={mac.hexdigest()}"


def _check(url: str, events: list[str]) -> None:
    try:
        fetcher.validate_url(url, fetcher.FetchPolicy.from_settings())
    except (RefusedURL, ValueError) as exc:
        raise ValidationError({"url": str(exc)}) from exc
    unknown = sorted(set(events) - set(EVENTS))
    if not events or unknown:
        raise ValidationError({"events": _("Choose among: %(names)s.") % {"names": ", ".join(EVENTS)}})


@transaction.atomic
def subscription_create(*, owner: Any, url: str, events: list[str]) -> Subscription:
    """Subscribe `url` to `events`; the URL is checked like any URL the fetcher would reach."""
    url = url.strip()
    _check(url, events)
    return Subscription.objects.create(owner=owner, url=url, events=sorted(set(events)), secret=secrets.token_hex(32))


@transaction.atomic
def subscription_update(
    *, subscription: Subscription, url: str | None = None, events: list[str] | None = None, status: str | None = None
) -> Subscription:
    """Change URL, events or status; resuming clears the failure clock."""
    locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
    _check(url.strip() if url is not None else locked.url, events if events is not None else locked.events)
    if url is not None:
        locked.url = url.strip()
    if events is not None:
        locked.events = sorted(set(events))
    if status == Subscription.Status.ACTIVE and locked.status != status:
        locked.failing_since, locked.paused_reason = None, ""
    if status is not None:
        locked.status = status
    locked.save()
    return locked


@transaction.atomic
def subscription_delete(*, subscription: Subscription) -> None:
    Subscription.objects.filter(pk=subscription.pk).delete()


def _enqueue(delivery_id: int) -> None:
    enqueue("webhooks.deliver", delivery_id)  # broker down: the sweep re-enqueues due deliveries


@transaction.atomic
def event_fanout(*, name: str, payload: dict[str, Any]) -> list[int]:
    """One delivery per active subscription to `name`, each enqueued after commit."""
    # Filtered in Python: JSON `contains` is not available on SQLite, and subscriptions are few.
    subscriptions = [s for s in Subscription.objects.filter(status=Subscription.Status.ACTIVE) if name in s.events]
    deliveries = [Delivery.objects.create(subscription=s, event=name, payload=payload) for s in subscriptions]
    for delivery in deliveries:
        enqueue_on_commit("webhooks.deliver", delivery.pk)
    return [d.pk for d in deliveries]


def retry_delay(attempt: int) -> float:
    """Exponential backoff with up to 25 % jitter: each delay is longer than the one before."""
    base, cap = settings.WEBHOOK_RETRY_BASE, settings.WEBHOOK_RETRY_CAP
    return min(cap, base * 2 ** (attempt - 1) * (1 + random.uniform(0, 0.25)))


def _body(delivery: Delivery) -> bytes:
    envelope = {
        "id": str(delivery.event_id),
        "event": delivery.event,
        "created_at": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, separators=(",", ":"), sort_keys=True).encode()


def _post(subscription: Subscription, delivery: Delivery) -> tuple[int | None, int, str]:
    """(HTTP status or None, response time in ms, error text)."""
    body = _body(delivery)
    timestamp = int(time.time())
    headers = [
        ("Content-Type", "application/json"),
        ("X-Webhook-Id", str(delivery.event_id)),
        ("X-Webhook-Event", delivery.event),
        ("X-Webhook-Timestamp", str(timestamp)),
        ("X-Webhook-Signature", sign(secret=subscription.secret, timestamp=timestamp, body=body)),
    ]
    started = time.monotonic()
    try:
        result = fetcher.fetch(subscription.url, method="POST", body=body, headers=headers)
    except fetcher.FetchError as exc:
        return None, int((time.monotonic() - started) * 1000), str(exc)[:2000]
    elapsed = int((time.monotonic() - started) * 1000)
    error = "" if 200 <= result.status < 300 else f"HTTP {result.status} {result.reason}"[:2000]
    return result.status, elapsed, error


def delivery_attempt(*, delivery_id: int) -> Delivery | None:
    """Send one delivery; record the outcome, schedule a retry or give up. None when not due or taken."""
    delivery = Delivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status not in {Delivery.Status.PENDING, Delivery.Status.RETRYING}:
        return None
    # Claim the attempt: a second worker holding the same message updates 0 rows and stops.
    claimed = Delivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts, status=delivery.status).update(
        attempts=delivery.attempts + 1
    )
    if not claimed:
        return None
    delivery.attempts += 1
    subscription = delivery.subscription
    if subscription.status != Subscription.Status.ACTIVE:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, error=_("Subscription paused."))
        return Delivery.objects.get(pk=delivery.pk)
    status, elapsed, error = _post(subscription, delivery)
    _record(delivery, subscription, status=status, elapsed=elapsed, error=error)
    return Delivery.objects.get(pk=delivery.pk)


@transaction.atomic
def _record(delivery: Delivery, subscription: Subscription, *, status: int | None, elapsed: int, error: str) -> None:
    now = timezone.now()
    fields: dict[str, Any] = {"response_status": status, "response_ms": elapsed, "error": error}
    if not error:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SUCCEEDED, delivered_at=now, **fields)
        Subscription.objects.filter(pk=subscription.pk).update(failing_since=None)
        return
    failing_since = subscription.failing_since or now
    if subscription.failing_since is None:
        Subscription.objects.filter(pk=subscription.pk).update(failing_since=now)
    if now - failing_since >= timedelta(seconds=settings.WEBHOOK_PAUSE_AFTER):
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, next_attempt_at=None, **fields)
        subscription_pause_failing(subscription=subscription, reason=error)
    elif delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, next_attempt_at=None, **fields)
    else:
        due = now + timedelta(seconds=retry_delay(delivery.attempts))
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.RETRYING, next_attempt_at=due, **fields)


@transaction.atomic
def subscription_pause_failing(*, subscription: Subscription, reason: str) -> None:
    """Pause a subscription that kept failing and tell its owner (e-mail + profile notice)."""
    hours = settings.WEBHOOK_PAUSE_AFTER // 3600
    message = _("Deliveries failed for %(hours)d hours (last error: %(error)s). Fix the receiver, then resume it.") % {
        "hours": hours,
        "error": reason,
    }
    paused = Subscription.objects.filter(pk=subscription.pk, status=Subscription.Status.ACTIVE).update(
        status=Subscription.Status.PAUSED, paused_reason=message
    )
    owner = subscription.owner
    if paused and owner.email:
        subject = _("Webhook paused: %(url)s") % {"url": subscription.url}
        transaction.on_commit(lambda: send_mail(subject, message, None, [owner.email], fail_silently=True))


def deliveries_reenqueue_due() -> int:
    """Periodic safety net: re-enqueue deliveries whose retry is due (a lost message, a restart)."""
    now = timezone.now()
    stale_pending = now - timedelta(minutes=2)
    ids = list(
        Delivery.objects.filter(status=Delivery.Status.RETRYING, next_attempt_at__lte=now).values_list("pk", flat=True)[
            :500
        ]
    ) + list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, created_at__lt=stale_pending).values_list(
            "pk", flat=True
        )[:500]
    )
    for delivery_id in ids:
        _enqueue(delivery_id)
    return len(ids)
