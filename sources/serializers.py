"""API shapes for evidence, sources and snapshots."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sources import selectors
from sources.models import Domain, Evidence, Snapshot, Source


class SnapshotSerializer(serializers.ModelSerializer):
    source = serializers.PrimaryKeyRelatedField(read_only=True)  # type: ignore[assignment,var-annotated]
    error_text = serializers.CharField(
        source="error_display",
        read_only=True,
        help_text="The error put into words in the request's language (Accept-Language); `error_code` and "
        "`error_params` are stable, `error_message` is the English detail. Empty when nothing went wrong.",
    )
    extraction_error_text = serializers.CharField(
        source="extraction_error_display",
        read_only=True,
        help_text="Why no text was extracted from the archived page, in the request's language; "
        "`extraction_error_code` and `extraction_error_params` are stable, `extraction_error` is the English detail. "
        "Empty when the text was extracted.",
    )

    class Meta:
        model = Snapshot
        fields = [
            "id",
            "source",
            "status",
            "attempts",
            "next_attempt_at",
            "requested_at",
            "started_at",
            "fetched_at",
            "http_status",
            "final_url",
            "content_type",
            "sha256",
            "warc_sha256",
            "size",
            "title",
            "author",
            "published",
            "language",
            "text_changed",
            "error_code",
            "error_params",
            "error_text",
            "error_message",
            "extraction_error_code",
            "extraction_error_params",
            "extraction_error_text",
            "extraction_error",
        ]
        read_only_fields = fields


class SnapshotStatusSerializer(serializers.ModelSerializer):
    """The few fields a claim page needs to show where archiving stands."""

    error_text = serializers.CharField(
        source="error_display", read_only=True, help_text="The error in the request's language."
    )

    class Meta:
        model = Snapshot
        fields = [
            "id",
            "status",
            "attempts",
            "next_attempt_at",
            "fetched_at",
            "error_code",
            "error_text",
            "error_message",
        ]
        read_only_fields = fields


class SourceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, help_text="The URL as submitted.")
    canonical_url = serializers.CharField(read_only=True)
    reliability = serializers.SerializerMethodField(help_text="The editors' rating of the source's domain.")

    class Meta:
        model = Source
        fields = ["id", "url", "canonical_url", "domain", "title", "reliability"]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Domain.Rating.choices))
    def get_reliability(self, source: Source) -> str:
        from sources.domains import rating_in

        # The editors' domain list is short: read it once per response, not once per row.
        context = self.context if isinstance(self.context, dict) else {}
        rules = context.get("_domain_rules")
        if rules is None:
            rules = context["_domain_rules"] = {d.domain: d for d in Domain.objects.all()}
        return rating_in(rules, source.domain)


class EvidenceSerializer(serializers.ModelSerializer):
    source = SourceSerializer(read_only=True)  # type: ignore[assignment]
    snapshot = serializers.SerializerMethodField(help_text="The source's latest capture.")
    added_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "claim",
            "source",
            "stance",
            "quote",
            "note",
            "added_by",
            "added_at",
            "anchor_status",
            "selectors",
            "suggestions",
            "snapshot",
        ]
        read_only_fields = fields

    @extend_schema_field(SnapshotStatusSerializer(allow_null=True))
    def get_snapshot(self, evidence: Evidence) -> dict | None:
        """Evidence comes from ``selectors.evidence_with_newest_snapshot`` (one query for every row's snapshot)."""
        latest = selectors.newest_snapshot(evidence)
        return SnapshotStatusSerializer(latest).data if latest else None


class EvidenceCreateSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=2048, help_text="http(s) URL of the source; private addresses are refused.")
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices)
    quote = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceUpdateSerializer(serializers.Serializer):
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices, required=False)
    quote = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    note = serializers.CharField(required=False, allow_blank=True)


class SourceDetailSerializer(SourceSerializer):
    snapshots = SnapshotStatusSerializer(many=True, read_only=True, source="recent_snapshots")

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "created_at", "snapshots"]
        read_only_fields = fields
