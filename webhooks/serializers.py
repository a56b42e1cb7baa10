"""API shapes for webhook subscriptions and deliveries."""

from __future__ import annotations

from rest_framework import serializers

from factcheck.lib.events import EVENTS
from webhooks.models import Delivery, Subscription


class SubscriptionSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True)
    events = serializers.ListField(child=serializers.ChoiceField(choices=EVENTS), read_only=True)

    class Meta:
        model = Subscription
        fields = ["id", "url", "events", "status", "paused_reason", "failing_since", "created_at"]
        read_only_fields = fields


class SubscriptionCreatedSerializer(SubscriptionSerializer):
    secret = serializers.CharField(read_only=True, help_text="HMAC key of the X-Webhook-Signature header.")

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class SubscriptionCreateSerializer(serializers.Serializer):
    url = serializers.CharField(
        max_length=2048, help_text="http(s) URL of your receiver; private addresses are refused."
    )
    events = serializers.ListField(child=serializers.ChoiceField(choices=EVENTS), min_length=1, max_length=len(EVENTS))


class SubscriptionUpdateSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=2048, required=False)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENTS), min_length=1, max_length=len(EVENTS), required=False
    )
    status = serializers.ChoiceField(choices=Subscription.Status.choices, required=False)


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delivery
        fields = [
            "id",
            "event_id",
            "event",
            "payload",
            "status",
            "attempts",
            "next_attempt_at",
            "response_status",
            "response_ms",
            "error",
            "created_at",
            "delivered_at",
        ]
        read_only_fields = fields
