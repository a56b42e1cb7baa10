from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created here with the secret shown once; the secret itself is never stored."""

    list_display = ["name", "prefix", "user", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__username"]
    fields = ["user", "name", "expires_at", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        return [*self.readonly_fields, "user", "name", "expires_at"] if obj else list(self.readonly_fields)

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return
        days = None
        if obj.expires_at is not None:
            from django.utils import timezone

            days = max(1, (obj.expires_at - timezone.now()).days)
        token, secret = services.token_create(user=obj.user, name=obj.name, expires_in_days=days)
        obj.pk = token.pk
        self.message_user(
            request, _("Token created. Copy it now, it will not be shown again: %(secret)s") % {"secret": secret}
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            services.token_revoke(token=token)
        self.message_user(request, _("Tokens revoked."), messages.SUCCESS)
