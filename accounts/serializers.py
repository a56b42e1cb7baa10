"""API shapes for tokens and the current user."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from accounts.models import ApiToken


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
        read_only_fields = fields


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True, help_text="The secret. Shown only in this response; store it now.")

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]
        read_only_fields = fields


class ApiTokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, allow_blank=False, trim_whitespace=True)
    expires_in_days = serializers.IntegerField(min_value=1, max_value=3650, required=False, allow_null=True)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True, allow_blank=True)
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)
    token = ApiTokenSerializer(read_only=True, allow_null=True, help_text="The token of this request, if any.")


def me_data(user: Any, token: Any) -> dict[str, Any]:
    roles = sorted(g.name for g in user.groups.all())
    if user.is_superuser and "admin" not in roles:
        roles.append("admin")
    return {
        "id": user.pk,
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "email": user.email,
        "roles": roles,
        "token": token if isinstance(token, ApiToken) else None,
    }
