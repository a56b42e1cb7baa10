"""Sources cited as evidence, their archived snapshots, and claim–source evidence links."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from history.softdelete import SoftDeleteModel
from history.tracking import TrackedManager, TrackedModel


class Domain(TrackedModel):
    """An editor's judgement of a site: its reliability, and whether it may be cited at all.

    Rules match the domain itself and every subdomain (``example.org`` covers ``www.example.org``); the most
    specific rule wins.
    """

    class Rating(models.TextChoices):
        OFFICIAL = "official", _("Official")
        RELIABLE = "reliable", _("Reliable")
        MIXED = "mixed", _("Mixed")
        UNRELIABLE = "unreliable", _("Unreliable")
        SATIRE = "satire", _("Satire")
        UNRATED = "", _("Not rated")

    domain = models.CharField(max_length=253, unique=True, help_text=_("e.g. example.org (covers its subdomains)"))
    rating = models.CharField(max_length=16, choices=Rating.choices, blank=True, default="")
    note = models.TextField(blank=True)
    blocked = models.BooleanField(default=False, help_text=_("Blocked domains are never fetched or cited."))
    blocked_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrackedManager()

    class Meta:
        ordering = ["domain"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__in=["official", "reliable", "mixed", "unreliable", "satire", ""]),
                name="domain_rating_valid",
            ),
            models.CheckConstraint(condition=~Q(blocked=True, blocked_reason=""), name="domain_block_has_reason"),
        ]

    def __str__(self) -> str:
        return self.domain


class Source(TrackedModel):
    objects = TrackedManager()

    url = models.TextField(help_text="The URL as the reviewer submitted it.")
    canonical_url = models.CharField(max_length=2048, unique=True)
    domain = models.CharField(max_length=253, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    page_canonical_url = models.TextField(blank=True, help_text="The page's own rel=canonical, if any.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    watch_interval_hours = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Hours between two watch captures; empty uses PAGE_WATCH_DEFAULT_HOURS.")
    )
    last_watched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.canonical_url


class Snapshot(TrackedModel):
    """One archived capture of a source. A source can be captured many times."""

    history_fields = ("status", "error_message", "sha256")
    objects = TrackedManager()

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


class Evidence(SoftDeleteModel):
    """A source attached to a claim, with its stance and the quoted passage."""

    history_links = {"claim": "claim_id", "article": "claim__article_id"}
    history_exclude = ("selectors", "suggestions")

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


class PageChange(TrackedModel):
    """What the page watch found for one cited quote: it moved, changed or vanished, or the page is gone.

    Nothing changes publicly until an editor decides (mark reviewed, or correct the fact-check).
    """

    class Kind(models.TextChoices):
        MOVED = "moved", _("Quote moved")
        CHANGED = "changed", _("Quote changed")
        DISAPPEARED = "disappeared", _("Quote disappeared")
        PAGE_GONE = "page_gone", _("Page gone")

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="page_changes")
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="page_changes")
    snapshot = models.ForeignKey(Snapshot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    old_passage = models.TextField(blank=True)
    new_passage = models.TextField(blank=True)
    diff = models.TextField(blank=True, help_text=_("A unified diff of the passage, old to new."))
    detail = models.TextField(blank=True)
    detected_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reviewed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history_links = {"claim": "claim_id", "article": "claim__article_id"}
    objects = TrackedManager()

    class Meta:
        ordering = ["-detected_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["moved", "changed", "disappeared", "page_gone"]), name="pagechange_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.evidence.source}"
