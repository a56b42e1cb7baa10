"""Admin for domains, sources, snapshots, evidence and page-watch findings: the editors' moderation screens.

Snapshots are read-only with their hashes; archived HTML is never rendered here (the extracted text is shown
escaped, the raw page only downloads from the workbench). Queues: evidence whose quote was not found or
changed, failed captures, open page-watch findings.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from history.admin import DeletedFilter, HistoryAdminMixin, SoftDeleteAdminMixin, json_as_html
from sources import domains, moderation
from sources.models import Domain, Evidence, PageChange, Snapshot, Source


@admin.register(Domain)
class DomainAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("domain", "rating", "blocked", "blocked_reason", "updated_at")
    list_filter = ("rating", "blocked")
    search_fields = ("domain", "note", "blocked_reason")
    fields = ("domain", "rating", "note", "blocked", "blocked_reason")

    def save_model(self, request: HttpRequest, obj: Domain, form: Any, change: bool) -> None:
        saved = domains.domain_set(
            domain=obj.domain,
            rating=obj.rating,
            note=obj.note,
            blocked=obj.blocked,
            blocked_reason=obj.blocked_reason,
            by=request.user,
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # set the rating to "not rated" and unblock instead: the rule's history stays


class SnapshotInline(admin.TabularInline):
    model = Snapshot
    fields = ("status", "requested_at", "fetched_at", "http_status", "sha256", "error_message")
    readonly_fields = fields
    extra = 0
    max_num = 0
    show_change_link = True
    can_delete = False


@admin.register(Source)
class SourceAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("canonical_url", "domain", "reliability", "title", "last_watched_at", "created_at")
    search_fields = ("canonical_url", "url", "title", "domain")
    list_filter = ("domain", "created_at")
    fields = ("url", "canonical_url", "domain", "title", "page_canonical_url", "watch_interval_hours",
              "last_watched_at", "created_by", "created_at")  # fmt: skip
    readonly_fields = tuple(f for f in fields if f != "watch_interval_hours")
    inlines = [SnapshotInline]
    actions = ["rearchive"]

    @admin.display(description=_("reliability"))
    def reliability(self, obj: Source) -> str:
        rule = domains.rule_for(obj.domain)
        if rule is None:
            return "—"
        label = rule.get_rating_display()
        return f"{label} ({_('blocked')})" if rule.blocked else label

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # sources are attached on a claim

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Archive selected again"), permissions=["change"])
    def rearchive(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        queued, refused = moderation.sources_rearchive(sources=queryset, by=request.user)
        self.message_user(request, _("%(count)d captures queued.") % {"count": queued}, messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)


class FailedCaptureFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("failed", _("Failed or timed out")), ("changed", _("Text changed since the previous capture"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Snapshot]) -> QuerySet[Snapshot]:
        if self.value() == "failed":
            return queryset.filter(status__in=[Snapshot.Status.FAILED, Snapshot.Status.TIMED_OUT])
        if self.value() == "changed":
            return queryset.filter(text_changed=True)
        return queryset


@admin.register(Snapshot)
class SnapshotAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("source", "status", "http_status", "short_sha256", "requested_at", "fetched_at", "attempts")
    list_filter = (FailedCaptureFilter, "status", "http_status", "requested_at")
    search_fields = ("source__canonical_url", "final_url", "sha256", "warc_sha256", "error_message")
    list_select_related = ("source",)
    fields = (
        "source", "status", "attempts", "error_message", "requested_at", "started_at", "fetched_at", "http_status",
        "final_url", "formatted_chain", "content_type", "sha256", "warc_sha256", "warc_file", "size", "title",
        "author", "published", "language", "text_changed", "robots_decision", "formatted_headers",
        "formatted_timings", "formatted_extraction_error", "text_excerpt",
    )  # fmt: skip
    readonly_fields = fields
    actions = ["retry"]

    @admin.display(description=_("SHA-256"), ordering="sha256")
    def short_sha256(self, obj: Snapshot) -> str:
        return format_html('<code title="{}">{}…</code>', obj.sha256, obj.sha256[:12]) if obj.sha256 else "—"

    @admin.display(description=_("redirects"))
    def formatted_chain(self, obj: Snapshot) -> str:
        return json_as_html(obj.redirect_chain)

    @admin.display(description=_("response headers"))
    def formatted_headers(self, obj: Snapshot) -> str:
        return json_as_html({str(k): str(v) for k, v in obj.response_headers} if obj.response_headers else {})

    @admin.display(description=_("timings (s)"))
    def formatted_timings(self, obj: Snapshot) -> str:
        return json_as_html(obj.timings)

    @admin.display(description=_("extraction error"))
    def formatted_extraction_error(self, obj: Snapshot) -> str:
        if not (obj.extraction_error or obj.extraction_error_code):
            return "—"
        code = obj.extraction_error_code or "—"
        detail = format_html("<br><small><code>{}</code> {}</small>", code, obj.extraction_error)
        return format_html("{}{}", obj.extraction_error_display, detail)

    @admin.display(description=_("extracted text (start, as plain text)"))
    def text_excerpt(self, obj: Snapshot) -> str:
        text = obj.extracted_text
        return format_html('<div class="readonly-text">{}</div>', text[:3000] + ("…" if len(text) > 3000 else ""))

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("extracted_text", "response_headers")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("sources.add_snapshot")

    @admin.action(description=_("Retry selected failed captures"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Snapshot]) -> None:
        count = moderation.snapshots_retry(snapshots=queryset, by=request.user)
        self.message_user(request, _("%(count)d captures queued again.") % {"count": count}, messages.SUCCESS)


class QuoteProblemFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("quote", _("Quote not found or changed"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Evidence]) -> QuerySet[Evidence]:
        if self.value() == "quote":
            return queryset.filter(anchor_status__in=[Evidence.AnchorStatus.NOT_FOUND, Evidence.AnchorStatus.CHANGED])
        return queryset


@admin.register(Evidence)
class EvidenceAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ("short_claim", "source", "reliability", "stance", "anchor_status", "added_by")
    list_filter = (QuoteProblemFilter, DeletedFilter, "stance", "anchor_status", "added_at")
    search_fields = ("quote", "note", "claim__text", "source__canonical_url")
    list_select_related = ("claim", "source", "added_by")
    fields = ("claim", "source", "stance", "quote", "note", "anchor_status", "anchor_snapshot", "formatted_selectors",
              "formatted_suggestions", "added_by", "added_at", "updated_at", "deleted_at", "deleted_by")  # fmt: skip
    readonly_fields = tuple(f for f in fields if f not in {"stance", "note"})
    actions = ["rearchive", "soft_delete_selected", "restore_selected"]
    delete_service = staticmethod(lambda obj, by: moderation.evidence_delete(evidence=obj, by=by))
    restore_service = staticmethod(lambda obj, by: moderation.evidence_restore(evidence=obj, by=by))

    @admin.display(description=_("claim"), ordering="claim__text")
    def short_claim(self, obj: Evidence) -> str:
        return obj.claim.text[:80]

    @admin.display(description=_("reliability"))
    def reliability(self, obj: Evidence) -> str:
        rule = domains.rule_for(obj.source.domain)
        return rule.get_rating_display() if rule else "—"

    @admin.display(description=_("quote location"))
    def formatted_selectors(self, obj: Evidence) -> str:
        return json_as_html(obj.selectors)

    @admin.display(description=_("suggested passages"))
    def formatted_suggestions(self, obj: Evidence) -> str:
        return json_as_html([s.get("text", "") for s in obj.suggestions if isinstance(s, dict)])

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Archive the sources of selected evidence again"), permissions=["change"])
    def rearchive(self, request: HttpRequest, queryset: QuerySet[Evidence]) -> None:
        sources = Source.objects.filter(pk__in=queryset.values("source_id"))
        queued, refused = moderation.sources_rearchive(sources=sources, by=request.user)
        self.message_user(request, _("%(count)d captures queued.") % {"count": queued}, messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)


class OpenFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("open", _("Waiting for an editor")), ("reviewed", _("Reviewed"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[PageChange]) -> QuerySet[PageChange]:
        if self.value() == "open":
            return queryset.filter(reviewed_at__isnull=True)
        if self.value() == "reviewed":
            return queryset.filter(reviewed_at__isnull=False)
        return queryset


@admin.register(PageChange)
class PageChangeAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("kind", "source_url", "short_claim", "detected_at", "reviewed_at", "reviewed_by")
    list_filter = (OpenFilter, "kind", "detected_at")
    search_fields = ("claim__text", "evidence__source__canonical_url", "old_passage", "new_passage")
    list_select_related = ("claim", "evidence__source", "reviewed_by")
    fields = ("kind", "claim", "evidence", "snapshot", "old_passage", "new_passage", "formatted_diff", "detail",
              "detected_at", "reviewed_at", "reviewed_by")  # fmt: skip
    readonly_fields = fields
    actions = ["mark_reviewed"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a finding is evidence of what the page did: view it, mark it reviewed

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("sources.change_pagechange")

    @admin.display(description=_("source"))
    def source_url(self, obj: PageChange) -> str:
        return obj.evidence.source.canonical_url[:80]

    @admin.display(description=_("claim"))
    def short_claim(self, obj: PageChange) -> str:
        return obj.claim.text[:80]

    @admin.display(description=_("difference"))
    def formatted_diff(self, obj: PageChange) -> str:
        return format_html('<pre class="diff">{}</pre>', obj.diff) if obj.diff else "—"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Mark selected as reviewed (nothing to correct)"), permissions=["review"])
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet[PageChange]) -> None:
        count = moderation.page_changes_mark_reviewed(changes=queryset, by=request.user)
        self.message_user(request, _("%(count)d findings marked reviewed.") % {"count": count}, messages.SUCCESS)
