"""Articles, the claims extracted from them, and the verdicts reviewers give."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from history.softdelete import SoftDeleteModel
from history.tracking import TrackedManager, TrackedModel


class Article(SoftDeleteModel):
    history_links = {"article": "pk"}
    history_created_fields = ("title", "url", "outlet", "language")

    class ExtractionStatus(models.TextChoices):
        PENDING = "pending", "Pending"
        EXTRACTING = "extracting", "Extracting"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=500)
    body = models.TextField()
    language = models.CharField(max_length=16, blank=True, help_text="ISO 639-1 code; detected when blank.")
    url = models.URLField(max_length=2048, blank=True, verbose_name="original URL")
    outlet = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    extraction_status = models.CharField(
        max_length=16, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING, db_index=True
    )
    extraction_error = models.TextField(blank=True)
    extraction_requested_at = models.DateTimeField(null=True, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(extraction_status__in=["pending", "extracting", "ready", "failed"]),
                name="article_extraction_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Claim(SoftDeleteModel):
    history_links = {"claim": "pk", "article": "article_id"}
    history_created_fields = ("text", "start", "end", "status")

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        NEEDS_SECOND_REVIEW = "needs_second_review", "Needs second review"
        READY = "ready", "Ready to publish"
        PUBLISHED = "published", "Published"
        DISMISSED = "dismissed", "Dismissed"

    class Kind(models.TextChoices):
        QUANTITY = "quantity", "Quantity"
        EVENT = "event", "Event / date"
        ATTRIBUTION = "attribution", "Attribution / quote"
        PLAN = "plan", "Plan / future"
        COMPARISON = "comparison", "Comparison"
        OTHER = "other", "Other"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField()
    start = models.PositiveIntegerField(help_text="Offset of the claim's first character in the article body.")
    end = models.PositiveIntegerField(help_text="Offset just past the claim's last character.")
    order = models.PositiveIntegerField(default=0)
    score = models.FloatField(default=0.0, help_text="Check-worthiness, 0 to 1.")
    checkworthy = models.BooleanField(default=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    reasons = models.JSONField(default=list, blank=True)
    facts = models.JSONField(
        default=dict, blank=True, help_text="Entities, dates, numbers and attribution found in the claim."
    )
    needs_context = models.BooleanField(default=False)
    context = models.TextField(blank=True, help_text="The sentence or antecedent that resolves a reference.")
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_claims"
    )
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit; guards concurrent writes.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A reviewer's flag asks an editor to look (queue in the admin); the page watch flags too.
    flagged_at = models.DateTimeField(null=True, blank=True, db_index=True)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    flag_reason = models.TextField(blank=True, verbose_name=_("flag reason"))
    # A published fact-check is never deleted: it is withdrawn with a public note.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_note = models.TextField(blank=True, verbose_name=_("withdrawal note"))

    class Meta:
        ordering = ["article_id", "order", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="claim_score_0_1"),
            models.CheckConstraint(
                condition=Q(status__in=["new", "in_review", "needs_second_review", "ready", "published", "dismissed"]),
                name="claim_status_valid",
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span_per_article"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class RatingScale(TrackedModel):
    """A named rating scale; newsrooms may define their own beside the default."""

    objects = TrackedManager()

    name = models.CharField(max_length=100, unique=True)
    is_default = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_scale"),
        ]

    def __str__(self) -> str:
        return self.name


class Rating(TrackedModel):
    """One step of a scale. `value` orders it: higher is truer (schema.org ratingValue)."""

    objects = TrackedManager()

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    label = models.CharField(max_length=100)
    value = models.IntegerField(help_text="Numeric rating for ClaimReview; higher is truer.")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["scale_id", "-value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "label"], name="rating_label_unique_in_scale"),
            models.UniqueConstraint(fields=["scale", "value"], name="rating_value_unique_in_scale"),
        ]

    def __str__(self) -> str:
        return self.label


class Verdict(SoftDeleteModel):
    """A reviewer's rating of a claim. Rows are never overwritten: the newest is current."""

    history_links = {"claim": "claim_id", "article": "claim__article_id"}

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verdicts")
    summary = models.TextField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="verdicts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["claim_id", "-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.rating} — {self.claim}"
