"""Sources cited as evidence, their archived snapshots, and claim–source evidence links."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Source(models.Model):
    url = models.TextField(help_text="The URL as the reviewer submitted it.")
    canonical_url = models.CharField(max_length=2048, unique=True)
    domain = models.CharField(max_length=253, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    page_canonical_url = models.TextField(blank=True, help_text="The page's own rel=canonical, if any.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.canonical_url


class Snapshot(models.Model):
    """One archived capture of a source. A source can be captured many times."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        FETCHING = "fetching", "Fetching"
        ARCHIVED = "archived", "Archived"
        RETRYING = "retrying", "Retrying"
        FAILED = "failed", "Failed"
        TIMED_OUT = "timed_out", "Timed out"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True, help_text="When a worker claimed it.")
    fetched_at = models.DateTimeField(null=True, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.TextField(blank=True)
    redirect_chain = models.JSONField(default=list, blank=True)
    response_headers = models.JSONField(default=list, blank=True)
    content_type = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the response payload.")
    warc_sha256 = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the WARC file.")
    warc_file = models.FileField(upload_to="warc/%Y/%m/", max_length=500, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    extracted_text = models.TextField(blank=True)
    text_changed = models.BooleanField(null=True, help_text="Did the text change since the previous snapshot?")
    robots_decision = models.CharField(max_length=64, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    error_message = models.TextField(blank=True)
    extraction_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        get_latest_by = "requested_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "fetching", "archived", "retrying", "failed", "timed_out"]),
                name="snapshot_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="archived") | ~Q(sha256=""),
                name="snapshot_archived_has_sha256",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} @ {self.requested_at:%Y-%m-%d %H:%M} ({self.status})"


class Evidence(models.Model):
    """A source attached to a claim, with its stance and the quoted passage."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        CONTRADICTS = "contradicts", "Contradicts"
        CONTEXT = "context", "Context"

    class AnchorStatus(models.TextChoices):
        NO_QUOTE = "no_quote", "No quote given"
        PENDING = "pending", "Waiting for the archive"
        FOUND = "found", "Quote found"
        FUZZY = "fuzzy", "Quote found (approximate)"
        NOT_FOUND = "not_found", "Quote not found"
        CHANGED = "changed", "Quote changed in a later snapshot"

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    stance = models.CharField(max_length=16, choices=Stance.choices)
    quote = models.TextField(blank=True, help_text="The passage of the source that bears on the claim.")
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    anchor_status = models.CharField(max_length=16, choices=AnchorStatus.choices, default=AnchorStatus.NO_QUOTE)
    anchor_snapshot = models.ForeignKey(
        Snapshot, null=True, blank=True, on_delete=models.SET_NULL, related_name="anchored_evidence"
    )
    selectors = models.JSONField(
        default=list, blank=True, help_text="W3C Web Annotation selectors locating the quote in the snapshot text."
    )
    suggestions = models.JSONField(
        default=list, blank=True, help_text="Top passages of the snapshot ranked against the claim."
    )

    class Meta:
        ordering = ["claim_id", "-added_at", "-id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(stance__in=["supports", "contradicts", "context"]), name="evidence_stance_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.source}"
