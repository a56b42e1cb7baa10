"""API shapes for articles, claims, verdicts and ratings. Serializers validate and shape; services write."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Article, Claim, Rating, Verdict
from claims.selectors import default_ratings


class ArticleSerializer(serializers.ModelSerializer):
    created_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="username", read_only=True)
    claim_count = serializers.IntegerField(read_only=True, required=False)

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
            "extracted_at",
            "claim_count",
        ]
        read_only_fields = fields


class ArticleCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    body = serializers.CharField(trim_whitespace=False)
    language = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    url = serializers.URLField(max_length=2048, required=False, allow_blank=True, default="")
    outlet = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    published_on = serializers.DateField(required=False, allow_null=True, default=None)


class RatingSerializer(serializers.ModelSerializer):
    scale = serializers.CharField(source="scale.name", read_only=True)

    class Meta:
        model = Rating
        fields = ["id", "label", "value", "description", "scale"]
        read_only_fields = fields


class VerdictSerializer(serializers.ModelSerializer):
    rating = RatingSerializer(read_only=True)
    reviewer: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Verdict
        fields = ["id", "claim", "rating", "summary", "reviewer", "created_at"]
        read_only_fields = fields


class VerdictCreateSerializer(serializers.Serializer):
    rating: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        queryset=Rating.objects.all(), help_text="Id of a rating of the default scale (see /api/v1/ratings/)."
    )
    summary = serializers.CharField()

    def validate_rating(self, rating: Rating) -> Rating:
        if not default_ratings().filter(pk=rating.pk).exists():
            raise serializers.ValidationError("Use a rating of the default scale.")
        return rating


class ClaimSerializer(serializers.ModelSerializer):
    article: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(read_only=True)
    assignee: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="username", read_only=True)
    evidence_count = serializers.SerializerMethodField()
    current_verdict = serializers.SerializerMethodField()
    spans = serializers.SerializerMethodField(
        help_text="The [start, end] ranges of the body the claim is built from; `text` is their text joined with "
        "' … ' where they are apart, `start`/`end` their hull."
    )
    sentence = serializers.SerializerMethodField(help_text="[start, end] of the claim's whole sentence in the body.")

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

    @extend_schema_field(serializers.IntegerField())
    def get_evidence_count(self, claim: Claim) -> int:
        annotated = getattr(claim, "evidence_count", None)
        return int(annotated) if annotated is not None else claim.evidence.count()

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_current_verdict(self, claim: Claim) -> dict | None:
        verdicts = list(claim.verdicts.all())
        return VerdictSerializer(verdicts[0]).data if verdicts else None


class ClaimStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text='The version you read; or send it as `If-Match: "<version>"`. A stale version gets 412.',
    )
