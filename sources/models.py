"""Sources cited as evidence, their archived snapshots, and claim–source evidence links."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from history.softdelete import SoftDeleteModel
from history.tracking import TrackedManager, TrackedModel
from sources import problems


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

    url = models.TextField(_("URL"), help_text=_("The URL as the reviewer submitted it."))
    canonical_url = models.CharField(_("canonical URL"), max_length=2048, unique=True)
    domain = models.CharField(_("domain"), max_length=253, db_index=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    page_canonical_url = models.TextField(
        _("page's canonical URL"), blank=True, help_text=_("The page's own rel=canonical, if any.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sources",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    watch_interval_hours = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Hours between two watch captures; empty uses PAGE_WATCH_DEFAULT_HOURS.")
    )
    last_watched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title or self.canonical_url


class Snapshot(TrackedModel):
    """One archived capture of a source. A source can be captured many times."""

    history_fields = ("status", "error_message", "sha256")
    objects = TrackedManager()

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        FETCHING = "fetching", _("Fetching")
        ARCHIVED = "archived", _("Archived")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")
        TIMED_OUT = "timed_out", _("Timed out")

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="snapshots")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True, help_text=_("When a worker claimed it."))
    fetched_at = models.DateTimeField(_("fetched at"), null=True, blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    final_url = models.TextField(_("final URL"), blank=True)
    redirect_chain = models.JSONField(_("redirect chain"), default=list, blank=True)
    response_headers = models.JSONField(_("response headers"), default=list, blank=True)
    content_type = models.CharField(_("content type"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, help_text=_("SHA-256 of the response payload."))
    warc_sha256 = models.CharField(
        _("WARC SHA-256"), max_length=64, blank=True, help_text=_("SHA-256 of the WARC file.")
    )
    warc_file = models.FileField(_("WARC file"), upload_to="warc/%Y/%m/", max_length=500, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    author = models.CharField(_("author"), max_length=500, blank=True)
    published = models.DateField(_("published"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True)
    text_changed = models.BooleanField(
        _("text changed"), null=True, help_text=_("Did the text change since the previous snapshot?")
    )
    robots_decision = models.CharField(_("robots.txt decision"), max_length=64, blank=True)
    timings = models.JSONField(_("timings"), default=dict, blank=True)
    error_message = models.TextField(_("error message"), blank=True, help_text=_("English detail, for the admin."))
    error_code = models.CharField(_("error code"), max_length=64, blank=True)
    error_params = models.JSONField(_("error parameters"), default=dict, blank=True)
    extraction_error = models.TextField(
        _("extraction error"), blank=True, help_text=_("English detail of the text extraction error, for the admin.")
    )
    extraction_error_code = models.CharField(_("extraction error code"), max_length=64, blank=True)
    extraction_error_params = models.JSONField(_("extraction error parameters"), default=dict, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        get_latest_by = "requested_at"
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
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

    @property
    def error_display(self) -> str:
        """The error in the reader's language; text stored before codes existed is shown as it is."""
        return problems.snapshot_error(self.error_code, self.error_params, self.error_message)

    @property
    def extraction_error_display(self) -> str:
        """Why no text was extracted, in the reader's language; text stored before codes existed as it is."""
        return problems.extraction_error(
            self.extraction_error_code, self.extraction_error_params, self.extraction_error
        )


class Evidence(SoftDeleteModel):
    """A source attached to a claim, with its stance and the quoted passage."""

    history_links = {"claim": "claim_id", "article": "claim__article_id"}
    history_exclude = ("selectors", "suggestions")

    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports")
        CONTRADICTS = "contradicts", _("Contradicts")
        CONTEXT = "context", _("Context")

    class AnchorStatus(models.TextChoices):
        NO_QUOTE = "no_quote", _("No quote given")
        PENDING = "pending", _("Waiting for the archive")
        FOUND = "found", _("Quote found")
        FUZZY = "fuzzy", _("Quote found (approximate)")
        NOT_FOUND = "not_found", _("Quote not found")
        CHANGED = "changed", _("Quote changed in a later snapshot")

    claim = models.ForeignKey(
        "claims.Claim", verbose_name=_("claim"), on_delete=models.CASCADE, related_name="evidence"
    )
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="evidence")
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices)
    quote = models.TextField(_("quote"), blank=True, help_text=_("The passage of the source that bears on the claim."))
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    anchor_status = models.CharField(
        _("anchor status"), max_length=16, choices=AnchorStatus.choices, default=AnchorStatus.NO_QUOTE
    )
    anchor_snapshot = models.ForeignKey(
        Snapshot,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="anchored_evidence",
        verbose_name=_("anchor snapshot"),
    )
    selectors = models.JSONField(
        _("selectors"),
        default=list,
        blank=True,
        help_text=_("W3C Web Annotation selectors locating the quote in the snapshot text."),
    )
    suggestions = models.JSONField(
        _("suggestions"),
        default=list,
        blank=True,
        help_text=_("Top passages of the snapshot ranked against the claim."),
    )

    class Meta:
        ordering = ["claim_id", "-added_at", "-id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=Q(stance__in=["supports", "contradicts", "context"]), name="evidence_stance_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.source}"


class ArticleImport(models.Model):
    """An article given by its link: a worker fetches and archives the page, then its text is extracted."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a worker")
        FETCHING = "fetching", _("Fetching the page")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Import failed")

    article = models.OneToOneField(
        "claims.Article", on_delete=models.CASCADE, related_name="import_job", verbose_name=_("article")
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="imports", verbose_name=_("source"))
    snapshot = models.ForeignKey(
        Snapshot, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports", verbose_name=_("snapshot")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    error_message = models.TextField(_("error message"), blank=True)
    error_code = models.CharField(_("error code"), max_length=64, blank=True)
    error_params = models.JSONField(_("error parameters"), default=dict, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("article import")
        verbose_name_plural = _("article imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "fetching", "done", "failed"]), name="article_import_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.article_id} ({self.status})"

    @property
    def error_display(self) -> str:
        return problems.import_error(self.error_code, self.error_params, self.error_message)


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
