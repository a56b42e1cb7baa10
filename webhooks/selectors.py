"""Reads for webhooks."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from webhooks.models import Subscription


def paused_notices(user: Any) -> list[str]:
    """Profile-page notices: the user's subscriptions paused after failing."""
    paused = Subscription.objects.filter(owner_id=user.pk, status=Subscription.Status.PAUSED)
    return [_("Webhook to %(url)s is paused: %(reason)s") % {"url": s.url, "reason": s.paused_reason} for s in paused]


def event_has_subscribers(name: str) -> bool:
    """Does an active subscription ask for the event `name`? (JSON lists are filtered in Python: see event_fanout.)"""
    lists = Subscription.objects.filter(status=Subscription.Status.ACTIVE).values_list("events", flat=True)
    return any(name in events for events in lists)
