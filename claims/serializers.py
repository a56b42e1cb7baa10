"""API shapes for articles, claims, verdicts and ratings. Serializers validate and shape; services write."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import labels
from claims.models import Article, Claim, Rating, RatingScale, Verdict


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable code (see claims/extraction/reasons.py); empty for old text.")
    params = serializers.DictField(help_text="The code's parameters (figures, dates, names, speaker, score…).")
    message = serializers.CharField(help_text="The reason in the request's language.")


class ArticleSerializer(serializers.ModelSerializer):
    created_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    claim_count = serializers.IntegerField(read_only=True, required=False)
    # A plain string: blank when the article was pasted (`format: uri` would reject "").
    url = serializers.CharField(read_only=True, help_text="Original URL, or empty.")
    extraction_error_text = serializers.CharField(
        source="extraction_error_display",
        read_only=True,
        help_text="The extraction error in the request's language; `extraction_error_code` is stable, "
        "`extraction_error` the English detail.",
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "body",
            "language",
            "url",
            "outlet",
            "published_on",
            "created_by",
            "created_at",
            "extraction_status",
            "extraction_error",
            "extraction_error_code",
            "extraction_error_text",
            "extracted_at",
            "claim_count",
        ]
        read_only_fields = fields


class ArticleSummarySerializer(ArticleSerializer):
    """A list row: everything but the body (a 50-article page stays small)."""

    class Meta(ArticleSerializer.Meta):
        fields = [
            f
            for f in ArticleSerializer.Meta.fields
            if f not in {"body", "extraction_error", "extraction_error_code", "extraction_error_text"}
        ]
        read_only_fields = fields


class ArticleCreateSerializer(serializers.Serializer):
    """Either `body` (pasted text; `title` required) or `url` alone (imported in the background)."""

    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    body = serializers.CharField(trim_whitespace=False, required=False, allow_blank=True, default="")
    language = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    url = serializers.URLField(max_length=2048, required=False, allow_blank=True, default="")
    outlet = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    published_on = serializers.DateField(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["body"].strip():
            if not attrs["url"]:
                raise serializers.ValidationError({"body": "Paste the article text, or give its url to import it."})
        elif not attrs["title"].strip():
            raise serializers.ValidationError({"title": "Give the article a title."})
        return attrs


class RatingSerializer(serializers.ModelSerializer):
    scale = serializers.CharField(source="scale.name", read_only=True)

    class Meta:
        model = Rating
        fields = ["id", "label", "value", "description", "scale"]
        read_only_fields = fields


class VerdictSerializer(serializers.ModelSerializer):
    rating = RatingSerializer(read_only=True)
    reviewer: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Verdict
        fields = ["id", "claim", "rating", "summary", "reviewer", "created_at"]
        read_only_fields = fields


def verdict_data(verdict: Verdict) -> dict[str, Any]:
    """VerdictSerializer's output built directly: a nested serializer per row costs ~1 ms, 50 ms a page."""
    rating = verdict.rating
    return {
        "id": verdict.pk,
        "claim": verdict.claim_id,
        "rating": {
            "id": rating.pk,
            "label": rating.label,
            "value": rating.value,
            "description": rating.description,
            "scale": rating.scale.name,
        },
        "summary": verdict.summary,
        "reviewer": verdict.reviewer.username if verdict.reviewer else None,
        "created_at": serializers.DateTimeField().to_representation(verdict.created_at),
    }


class ClaimSerializer(serializers.ModelSerializer):
    article: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(read_only=True)
    assignee: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    evidence_count = serializers.SerializerMethodField()
    current_verdict = serializers.SerializerMethodField()
    spans = serializers.SerializerMethodField(
        help_text="The [start, end] ranges of the body the claim is built from; `text` is their text joined with "
        "' … ' where they are apart, `start`/`end` their hull."
    )
    sentence = serializers.SerializerMethodField(help_text="[start, end] of the claim's whole sentence in the body.")
    reasons = serializers.SerializerMethodField(
        help_text="Why the extractor scored the claim so: a stable `code` with its `params`, and the `message` in "
        "the request's language. Reasons stored before codes existed have an empty code and their text as message."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "text",
            "start",
            "end",
            "spans",
            "sentence",
            "order",
            "score",
            "checkworthy",
            "kind",
            "reasons",
            "facts",
            "needs_context",
            "context",
            "status",
            "assignee",
            "version",
            "evidence_count",
            "current_verdict",
            "withdrawn_at",
            "withdrawal_note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ListField(child=serializers.IntegerField())))
    def get_spans(self, claim: Claim) -> list[list[int]]:
        return claim.span_list()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2))
    def get_sentence(self, claim: Claim) -> list[int]:
        return claim.sentence_span()

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, claim: Claim) -> list[dict[str, Any]]:
        return labels.reasons_as_api(claim.reasons or [])

    @extend_schema_field(serializers.IntegerField())
    def get_evidence_count(self, claim: Claim) -> int:
        annotated = getattr(claim, "evidence_count", None)
        return int(annotated) if annotated is not None else claim.evidence.count()

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_current_verdict(self, claim: Claim) -> dict | None:
        verdicts = list(claim.verdicts.all())
        return verdict_data(verdicts[0]) if verdicts else None


class ClaimStatusSerializer(serializers.Serializer):
    """PATCH body: any of status, text, assignee; the version goes in `If-Match` (or here)."""

    status = serializers.ChoiceField(choices=Claim.Status.choices, required=False)
    text = serializers.CharField(required=False, max_length=10000)
    assignee = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="Username of the reviewer to assign, or null to unassign.",
    )
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text='The version you read; or send it as `If-Match: "<version>"`. A stale version gets 412.',
    )


class RatingScaleSerializer(serializers.ModelSerializer):
    ratings = RatingSerializer(many=True, read_only=True)

    class Meta:
        model = RatingScale
        fields = ["id", "name", "is_default", "ratings"]
        read_only_fields = fields
