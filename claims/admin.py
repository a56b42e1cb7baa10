from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from claims.models import Article, Claim, Rating, RatingScale, Verdict


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ("order", "text", "start", "end", "checkworthy", "score", "kind", "status", "assignee")
    # The status moves only through the review policy (claim page, API), never by editing the row.
    readonly_fields = ("text", "start", "end", "score", "kind", "status")
    extra = 0
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet", "language", "extraction_status", "created_by", "created_at")
    list_filter = ("extraction_status", "language", "outlet")
    search_fields = ("title", "body", "outlet")
    readonly_fields = ("extraction_status", "extraction_error", "extracted_at", "created_at", "updated_at")
    inlines = [ClaimInline]


class VerdictInline(admin.TabularInline):
    """Verdicts are written on the claim page (with cited evidence and a version check), never here."""

    model = Verdict
    fields = ("rating", "summary", "reviewer", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("text", "article", "status", "checkworthy", "score", "kind", "assignee")
    list_filter = ("status", "checkworthy", "kind", "needs_context")
    search_fields = ("text", "article__title")
    raw_id_fields = ("article", "assignee")
    # Status is read-only: every change goes through claims.policy (claim page, API, commands).
    readonly_fields = ("status", "start", "end", "version", "created_at", "updated_at")
    inlines = [VerdictInline]


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ("name", "is_default")
    inlines = [RatingInline]


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    """Read-only: a verdict edited here would skip its citations, the version check and the freeze."""

    list_display = ("claim", "rating", "reviewer", "created_at")
    list_filter = ("rating",)
    readonly_fields = ("claim", "rating", "summary", "reviewer", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
