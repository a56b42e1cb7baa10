from django.contrib import admin

from webhooks.models import Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["url", "owner", "status", "failing_since", "created_at"]
    list_filter = ["status"]
    search_fields = ["url", "owner__username"]
    readonly_fields = ["secret", "failing_since", "created_at"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "subscription", "status", "attempts", "response_status", "response_ms", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["subscription__url", "error"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
