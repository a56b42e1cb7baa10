"""Celery tasks for webhooks: thin wrappers that take ids and call one service."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.utils import timezone

from webhooks import services
from webhooks.models import Delivery


@shared_task(name="webhooks.emit")
def emit(name: str, payload: dict[str, Any]) -> list[int]:
    return services.event_fanout(name=name, payload=payload)


@shared_task(name="webhooks.deliver", acks_late=True)
def deliver(delivery_id: int) -> None:
    delivery = services.delivery_attempt(delivery_id=delivery_id)
    if deliver.request.is_eager or delivery is None:
        return  # in-process (tests): no timers; the sweep picks retries up
    if delivery.status == Delivery.Status.RETRYING and delivery.next_attempt_at is not None:
        countdown = max(0.0, (delivery.next_attempt_at - timezone.now()).total_seconds())
        deliver.apply_async((delivery_id,), countdown=countdown)


@shared_task(name="webhooks.sweep_deliveries")
def sweep_deliveries() -> int:
    return services.deliveries_reenqueue_due()
