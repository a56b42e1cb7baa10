from __future__ import annotations

from rest_framework import serializers

from history.models import HistoryEntry


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class HistoryEntrySerializer(serializers.ModelSerializer):
    object_type = serializers.CharField(source="content_type.model", read_only=True)
    actor = serializers.CharField(source="actor_label", read_only=True)
    changes = ChangeSerializer(many=True, read_only=True)

    class Meta:
        model = HistoryEntry
        fields = ["id", "object_type", "object_id", "action", "changes", "actor", "via", "token_name", "created_at"]
        read_only_fields = fields
