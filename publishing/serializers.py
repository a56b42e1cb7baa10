"""API shapes for the review workflow. Serializers validate and shape; services write."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Rating, Verdict
from claims.serializers import RatingSerializer
from publishing.models import Correction

VERSION_HELP = 'The claim\'s version you read (or send `If-Match: "<version>"`); a stale one gets 412.'


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)


class CitedVerdictCreateSerializer(VersionSerializer):
    rating = serializers.IntegerField(
        min_value=1, help_text="Id of a rating of the default scale (see /api/v1/ratings/)."
    )
    summary = serializers.CharField()
    evidence = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=False,
        max_length=100,
        help_text="Ids of this claim's evidence items the verdict rests on (at least one).",
    )

    def validate_rating(self, rating_id: int) -> Rating:
        rating = Rating.objects.filter(pk=rating_id).first()
        if rating is None:
            raise serializers.ValidationError(_("No rating has this id; see /api/v1/ratings/."))
        return rating


class SendBackSerializer(VersionSerializer):
    comment = serializers.CharField(max_length=5000)


class WithdrawSerializer(VersionSerializer):
    note = serializers.CharField(max_length=4000, help_text="Why the fact-check is withdrawn; shown to readers.")


class PublishSerializer(VersionSerializer):
    override_reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class CorrectionCreateSerializer(CitedVerdictCreateSerializer):
    reason = serializers.CharField(max_length=5000)


class CitedVerdictSerializer(serializers.ModelSerializer):
    rating = RatingSerializer(read_only=True)
    reviewer: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="username", read_only=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Verdict
        fields = ["id", "claim", "rating", "summary", "reviewer", "evidence", "created_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_evidence(self, verdict: Verdict) -> list[int]:
        return [c.evidence_id for c in verdict.citations.all()]


class CorrectionSerializer(serializers.ModelSerializer):
    corrected_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    claim = serializers.IntegerField(source="publication_id", read_only=True)

    class Meta:
        model = Correction
        fields = ["id", "claim", "verdict", "reason", "corrected_by", "created_at", "changes"]
        read_only_fields = fields


class CheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    passed = serializers.BooleanField()
    details = serializers.ListField(child=serializers.CharField())
