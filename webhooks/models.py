"""Webhook subscriptions of outside tools and the log of every delivery attempt."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from factcheck.lib.events import EVENTS

EVENT_CHOICES = [(name, name) for name in EVENTS]


class Subscription(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_subscriptions")
    url = models.URLField(max_length=2048)
    events = models.JSONField(default=list, help_text="Event names delivered to this URL.")
    # Kept readable: the HMAC needs it, and the owner may show it again to configure their receiver.
    secret = models.CharField(max_length=64)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    paused_reason = models.TextField(blank=True)
    failing_since = models.DateTimeField(null=True, blank=True, help_text="First failure since the last success.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["active", "paused"]), name="subscription_status_valid")
        ]

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RETRYING = "retrying", _("Retrying")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    event = models.CharField(max_length=64, choices=EVENT_CHOICES)
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_ms = models.PositiveIntegerField(null=True, blank=True, help_text="Time to the receiver's answer.")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "retrying", "succeeded", "failed"]), name="delivery_status_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription}"
