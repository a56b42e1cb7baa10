"""Articles, the claims extracted from them, and the verdicts reviewers give."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from claims import labels
from history.softdelete import SoftDeleteModel
from history.tracking import TrackedManager, TrackedModel


class Article(SoftDeleteModel):
    history_links = {"article": "pk"}
    history_created_fields = ("title", "url", "outlet", "language")

    class ExtractionStatus(models.TextChoices):
        PENDING = "pending", _("Pending")
        EXTRACTING = "extracting", _("Extracting")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"))
    language = models.CharField(
        _("language"), max_length=16, blank=True, help_text=_("ISO 639-1 code; detected when blank.")
    )
    url = models.URLField(_("original URL"), max_length=2048, blank=True)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    extraction_status = models.CharField(
        _("extraction status"),
        max_length=16,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
        db_index=True,
    )
    extraction_error = models.TextField(_("extraction error"), blank=True)
    extraction_error_code = models.CharField(_("extraction error code"), max_length=64, blank=True)
    extraction_error_params = models.JSONField(_("extraction error parameters"), default=dict, blank=True)
    extraction_requested_at = models.DateTimeField(_("extraction requested at"), null=True, blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.CheckConstraint(
                condition=Q(extraction_status__in=["pending", "extracting", "ready", "failed"]),
                name="article_extraction_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def extraction_error_display(self) -> str:
        """The extraction error in the reader's language (text stored before codes existed as it is)."""
        return labels.extraction_error_text(
            self.extraction_error_code, self.extraction_error_params, self.extraction_error
        )


class Claim(SoftDeleteModel):
    history_links = {"claim": "pk", "article": "article_id"}
    history_created_fields = ("text", "start", "end", "status")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        NEEDS_SECOND_REVIEW = "needs_second_review", _("Needs second review")
        READY = "ready", _("Ready to publish")
        PUBLISHED = "published", _("Published")
        DISMISSED = "dismissed", _("Dismissed")

    class Kind(models.TextChoices):
        QUANTITY = "quantity", _("Quantity")
        EVENT = "event", _("Event / date")
        ATTRIBUTION = "attribution", _("Attribution / quote")
        PLAN = "plan", _("Plan / future")
        COMPARISON = "comparison", _("Comparison")
        OTHER = "other", _("Other")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims", verbose_name=_("article"))
    text = models.TextField(_("text"))
    start = models.PositiveIntegerField(
        _("start"), help_text=_("Offset of the claim's first character in the article body.")
    )
    end = models.PositiveIntegerField(_("end"), help_text=_("Offset just past the claim's last character."))
    spans = models.JSONField(
        _("spans"),
        default=list,
        blank=True,
        help_text=_(
            "The [start, end] character ranges the claim is built from (subject and predicate when apart); "
            "start/end is their hull."
        ),
    )
    sentence_start = models.PositiveIntegerField(
        _("sentence start"), null=True, blank=True, help_text=_("Offset of the claim's sentence.")
    )
    sentence_end = models.PositiveIntegerField(
        _("sentence end"), null=True, blank=True, help_text=_("Offset just past its sentence.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    score = models.FloatField(_("check-worthiness score"), default=0.0, help_text=_("Check-worthiness, 0 to 1."))
    checkworthy = models.BooleanField(_("check-worthy"), default=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    facts = models.JSONField(
        _("facts"),
        default=dict,
        blank=True,
        help_text=_("Entities, dates, numbers and attribution found in the claim."),
    )
    needs_context = models.BooleanField(_("needs context"), default=False)
    context = models.TextField(
        _("context"), blank=True, help_text=_("The sentence or antecedent that resolves a reference.")
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        verbose_name=_("assignee"),
    )
    # A reviewer's hand: claims added from a selection, or whose text was edited, are never
    # overwritten or dropped when the article is extracted again.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="added_claims",
        verbose_name=_("added by"),
        help_text=_("Empty for claims found by the extractor."),
    )
    edited_at = models.DateTimeField(_("text edited at"), null=True, blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Bumped on every edit; guards concurrent writes.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
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
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(sentence_start__isnull=True)
                | (Q(sentence_start__lte=F("start")) & Q(sentence_end__gte=F("end"))),
                name="claim_inside_its_sentence",
            ),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="claim_score_0_1"),
            models.CheckConstraint(
                condition=Q(status__in=["new", "in_review", "needs_second_review", "ready", "published", "dismissed"]),
                name="claim_status_valid",
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span_per_article"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def reason_labels(self) -> list[str]:
        """Why the extractor scored the claim so, in the reader's language."""
        return [labels.reason_text(item) for item in self.reasons or []]

    def span_list(self) -> list[list[int]]:
        """The claim's spans; rows stored before spans existed have the one span [start, end]."""
        spans = [[int(s), int(e)] for s, e in self.spans or [] if int(e) > int(s)]
        return spans or [[self.start, self.end]]

    def sentence_span(self) -> list[int]:
        if self.sentence_start is None or self.sentence_end is None:
            return [self.start, self.end]
        return [self.sentence_start, self.sentence_end]


class RatingScale(TrackedModel):
    """A named rating scale; newsrooms may define their own beside the default."""

    objects = TrackedManager()

    name = models.CharField(_("name"), max_length=100, unique=True)
    is_default = models.BooleanField(_("default scale"), default=False)

    class Meta:
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_scale"),
        ]

    def __str__(self) -> str:
        return self.name


class Rating(TrackedModel):
    """One step of a scale. `value` orders it: higher is truer (schema.org ratingValue)."""

    objects = TrackedManager()

    scale = models.ForeignKey(
        RatingScale, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("rating scale")
    )
    label = models.CharField(_("label"), max_length=100)
    value = models.IntegerField(_("value"), help_text=_("Numeric rating for ClaimReview; higher is truer."))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["scale_id", "-value"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["scale", "label"], name="rating_label_unique_in_scale"),
            models.UniqueConstraint(fields=["scale", "value"], name="rating_value_unique_in_scale"),
        ]

    def __str__(self) -> str:
        return self.label


class Verdict(SoftDeleteModel):
    """A reviewer's rating of a claim. Rows are never overwritten: the newest is current."""

    history_links = {"claim": "claim_id", "article": "claim__article_id"}

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts", verbose_name=_("claim"))
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verdicts", verbose_name=_("rating"))
    summary = models.TextField(_("summary"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="verdicts",
        verbose_name=_("reviewer"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["claim_id", "-created_at", "-id"]
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.rating} — {self.claim}"
