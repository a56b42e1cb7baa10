"""What the review workflow needs beyond claims and sources: the evidence a verdict cites,
the workflow's events (submitted, approved, sent back with a comment, published, corrected),
the frozen publication and its public corrections."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class VerdictCitation(models.Model):
    """A verdict rests on this evidence item (a source attached to the same claim)."""

    verdict = models.ForeignKey("claims.Verdict", on_delete=models.CASCADE, related_name="citations")
    evidence = models.ForeignKey("sources.Evidence", on_delete=models.PROTECT, related_name="citations")

    class Meta:
        ordering = ["verdict_id", "id"]
        constraints = [models.UniqueConstraint(fields=["verdict", "evidence"], name="citation_once_per_verdict")]

    def __str__(self) -> str:
        return f"{self.verdict_id} cites {self.evidence_id}"


class WorkflowEvent(models.Model):
    """One step of the review workflow, with who, when and the comment or override reason."""

    class Action(models.TextChoices):
        VERDICT = "verdict", _("Verdict recorded")
        SUBMITTED = "submitted", _("Submitted for second review")
        APPROVED = "approved", _("Approved")
        SENT_BACK = "sent_back", _("Sent back")
        PUBLISHED = "published", _("Published")
        CORRECTED = "corrected", _("Corrected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="workflow_events")
    verdict = models.ForeignKey(
        "claims.Verdict", null=True, blank=True, on_delete=models.SET_NULL, related_name="workflow_events"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="workflow_events"
    )
    comment = models.TextField(
        blank=True, help_text=_("Send-back comment, override reason, correction reason or withdrawal note.")
    )
    failed_checks = models.JSONField(default=list, blank=True, help_text=_("Checks overridden when publishing."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — claim {self.claim_id}"


class Publication(models.Model):
    """The public fact-check of one claim, frozen at publication; a correction re-freezes it.

    Public pages, feeds and ClaimReview read only these fields, never the live claim, its
    article or its evidence: what was published is what readers see."""

    claim = models.OneToOneField("claims.Claim", on_delete=models.PROTECT, primary_key=True, related_name="publication")
    verdict = models.ForeignKey("claims.Verdict", on_delete=models.PROTECT, related_name="publications")
    slug = models.SlugField(max_length=80, blank=True)
    claim_text = models.TextField()
    speaker = models.CharField(max_length=300, blank=True)
    article_title = models.CharField(max_length=500)
    article_url = models.URLField(max_length=2048, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    article_date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    rating_label = models.CharField(max_length=100)
    rating_value = models.IntegerField()
    rating_description = models.TextField(blank=True)
    best_rating = models.IntegerField(null=True, blank=True)
    worst_rating = models.IntegerField(null=True, blank=True)
    scale_name = models.CharField(max_length=100)
    scale_explanation = models.JSONField(default=list, help_text=_("The scale's ratings and what each one means."))
    summary = models.TextField()
    sources = models.JSONField(default=list, help_text=_("Cited evidence: stance, quote, snapshot, SHA-256."))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="publications"
    )
    published_at = models.DateTimeField()
    modified_at = models.DateTimeField(null=True, blank=True, help_text=_("Set by the latest correction."))
    override_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_at", "-claim_id"]
        # The feed and the public pages read newest first: without this index a page sorts every publication.
        indexes = [models.Index(fields=["-published_at", "-claim_id"], name="publication_newest_first")]
        constraints = [models.CheckConstraint(condition=~Q(summary=""), name="publication_has_summary")]

    def __str__(self) -> str:
        return f"{self.rating_label}: {self.claim_text[:60]}"


class Correction(models.Model):
    """A public correction: why, who, when, and what changed from the previous publication."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="corrections")
    verdict = models.ForeignKey("claims.Verdict", on_delete=models.PROTECT, related_name="corrections")
    reason = models.TextField()
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(default=list, help_text=_("[{field, before, after}] for the rating, summary, sources."))

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="correction_has_reason")]

    def __str__(self) -> str:
        return f"Correction of {self.publication_id} on {self.created_at:%Y-%m-%d}"
