from django.contrib import admin

from claims.models import Article, Claim, Rating, RatingScale, Verdict


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ("order", "text", "start", "end", "checkworthy", "score", "kind", "status", "assignee")
    readonly_fields = ("text", "start", "end", "score", "kind")
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
    model = Verdict
    fields = ("rating", "summary", "reviewer", "created_at")
    readonly_fields = ("created_at",)
    extra = 0


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("text", "article", "status", "checkworthy", "score", "kind", "assignee")
    list_filter = ("status", "checkworthy", "kind", "needs_context")
    search_fields = ("text", "article__title")
    raw_id_fields = ("article", "assignee")
    readonly_fields = ("start", "end", "version", "created_at", "updated_at")
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
    list_display = ("claim", "rating", "reviewer", "created_at")
    list_filter = ("rating",)
    raw_id_fields = ("claim", "reviewer")
