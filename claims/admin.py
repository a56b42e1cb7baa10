"""Admin for articles, claims, verdicts and rating scales: the editors' moderation screens.

Queues are list filters (claims awaiting a second review, flagged claims); bulk actions call the moderation
services. Statuses are read-only here: the review workflow only moves through its services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from claims import moderation, users
from claims.models import Article, Claim, Rating, RatingScale, Verdict
from claims.presentation import fact_rows
from history.admin import DeletedFilter, HistoryAdminMixin, SoftDeleteAdminMixin, json_as_html


class ClaimQueueFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [
            ("second_review", _("Verdict awaiting approval")),
            ("flagged", _("Flagged by a reviewer or the page watch")),
            ("unassigned", _("Check-worthy, unassigned")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        if self.value() == "second_review":
            return queryset.filter(status=Claim.Status.NEEDS_SECOND_REVIEW)
        if self.value() == "flagged":
            return queryset.filter(flagged_at__isnull=False)
        if self.value() == "unassigned":
            return queryset.filter(checkworthy=True, assignee__isnull=True)
        return queryset


class AssignForm(ActionForm):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model()._default_manager.filter(is_active=True, groups__name__in=users.ROLES).distinct(),
        required=False,
        label=_("Assign to"),
        empty_label=_("nobody (unassign)"),
    )


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ("order", "text", "status", "checkworthy", "score", "kind", "assignee")
    readonly_fields = fields
    extra = 0
    max_num = 0
    show_change_link = True
    can_delete = False


@admin.register(Article)
class ArticleAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ("title", "outlet", "language", "extraction_status", "claim_count", "created_by", "created_at")
    list_filter = (DeletedFilter, "extraction_status", "language", "outlet", "created_at")
    search_fields = ("title", "outlet", "url")
    readonly_fields = (
        "body", "extraction_status", "extraction_error", "extracted_at", "created_by", "created_at", "updated_at",
        "deleted_at", "deleted_by",
    )  # fmt: skip
    actions = ["soft_delete_selected", "restore_selected"]
    inlines = [ClaimInline]
    delete_service = staticmethod(lambda obj, by: moderation.article_delete(article=obj, by=by))
    restore_service = staticmethod(lambda obj, by: moderation.article_restore(article=obj, by=by))

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("created_by").annotate(n_claims=Count("claims"))

    @admin.display(description=_("claims"), ordering="n_claims")
    def claim_count(self, obj: Any) -> int:
        return int(getattr(obj, "n_claims", 0))


class VerdictInline(admin.TabularInline):
    """Verdicts are written on the claim page (with cited evidence and a version check), never here."""

    model = Verdict
    fields = ("rating", "summary", "reviewer", "created_at")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False


@admin.register(Claim)
class ClaimAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ("short_text", "article", "status", "verdict_column", "score_percent", "kind", "assignee", "flag")
    list_filter = (
        ClaimQueueFilter, DeletedFilter, "status", "checkworthy", "kind", "needs_context",
        ("assignee", admin.RelatedOnlyFieldListFilter),
    )  # fmt: skip
    search_fields = ("text", "article__title", "flag_reason")
    list_select_related = ("article", "assignee")
    raw_id_fields = ("assignee",)
    fields = (
        "article", "text", "status", "assignee", "checkworthy", "score", "kind", "formatted_reasons",
        "formatted_facts", "needs_context", "context", "flagged_at", "flagged_by", "flag_reason",
        "withdrawn_at", "withdrawal_note", "start", "end", "version", "created_at", "updated_at",
        "deleted_at", "deleted_by",
    )  # fmt: skip
    readonly_fields = tuple(f for f in fields if f not in {"assignee", "checkworthy", "needs_context", "context"})
    actions = ["assign", "dismiss_flags", "soft_delete_selected", "restore_selected"]
    action_form = AssignForm
    inlines = [VerdictInline]
    delete_service = staticmethod(lambda obj, by: moderation.claim_delete(claim=obj, by=by))
    restore_service = staticmethod(lambda obj, by: moderation.claim_restore(claim=obj, by=by))

    @admin.display(description=_("claim"), ordering="text")
    def short_text(self, obj: Claim) -> str:
        return obj.text[:100] + ("…" if len(obj.text) > 100 else "")

    def get_queryset(self, request: HttpRequest) -> Any:
        newest_first = Verdict.objects.select_related("rating", "reviewer").order_by("-created_at", "-id")
        return super().get_queryset(request).prefetch_related(Prefetch("verdicts", queryset=newest_first))

    @admin.display(description=_("current verdict"))
    def verdict_column(self, obj: Claim) -> str:
        """The approval queue shows what is approved and who wrote it (one's own verdict is never approved)."""
        verdicts = list(obj.verdicts.all())
        if not verdicts:
            return "—"
        who = verdicts[0].reviewer.get_username() if verdicts[0].reviewer else "—"
        return _("%(rating)s, by %(who)s") % {"rating": verdicts[0].rating.label, "who": who}

    @admin.display(description=_("score"), ordering="score")
    def score_percent(self, obj: Claim) -> str:
        return f"{obj.score:.0%}"

    @admin.display(description=_("flag"), ordering="flagged_at")
    def flag(self, obj: Claim) -> str:
        if obj.flagged_at is None:
            return "—"
        return obj.flag_reason[:120] + ("…" if len(obj.flag_reason) > 120 else "")

    @admin.display(description=_("why it was picked"))
    def formatted_reasons(self, obj: Claim) -> str:
        return json_as_html(obj.reasons)

    @admin.display(description=_("facts found"))
    def formatted_facts(self, obj: Claim) -> str:
        return json_as_html(dict(fact_rows(obj.facts)))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # claims come from extraction

    @admin.action(description=_("Assign selected to the person chosen above"), permissions=["change"])
    def assign(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        try:  # the action form's own "action" choices are set by the changelist; only the assignee matters here
            assignee = AssignForm.base_fields["assignee"].clean(request.POST.get("assignee") or None)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        count = moderation.claims_assign(claims=queryset, assignee=assignee, by=request.user)
        who = assignee.get_username() if assignee else _("nobody")
        self.message_user(request, _("%(count)d claims assigned to %(who)s.") % {"count": count, "who": who})

    @admin.action(description=_("Dismiss the flags of selected claims"), permissions=["change"])
    def dismiss_flags(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        count = moderation.claims_dismiss_flags(claims=queryset, by=request.user)
        self.message_user(request, _("%(count)d flags dismissed.") % {"count": count}, messages.SUCCESS)


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    can_delete = False


@admin.register(RatingScale)
class RatingScaleAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "is_default", "rating_count")
    list_filter = ("is_default",)
    search_fields = ("name", "ratings__label")
    inlines = [RatingInline]

    @admin.display(description=_("ratings"))
    def rating_count(self, obj: RatingScale) -> int:
        return obj.ratings.count()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # verdicts point at its ratings


@admin.register(Rating)
class RatingAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("label", "scale", "value")
    list_filter = ("scale",)
    search_fields = ("label", "description")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AwaitingApprovalFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("awaiting", _("Awaiting approval (claim needs a second review)"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Verdict]) -> QuerySet[Verdict]:
        if self.value() == "awaiting":
            return queryset.filter(claim__status=Claim.Status.NEEDS_SECOND_REVIEW)
        return queryset


@admin.register(Verdict)
class VerdictAdmin(SoftDeleteAdminMixin, admin.ModelAdmin):
    list_display = ("short_claim", "rating", "reviewer", "claim_status", "created_at")
    list_filter = (
        AwaitingApprovalFilter,
        DeletedFilter,
        "rating",
        ("reviewer", admin.RelatedOnlyFieldListFilter),
        "created_at",
    )
    search_fields = ("summary", "claim__text")
    list_select_related = ("claim", "rating", "reviewer")
    fields = ("claim", "rating", "summary", "reviewer", "created_at", "updated_at", "deleted_at", "deleted_by")
    readonly_fields = fields
    actions = ["soft_delete_selected", "restore_selected"]
    delete_service = staticmethod(lambda obj, by: moderation.verdict_delete(verdict=obj, by=by))
    restore_service = staticmethod(lambda obj, by: moderation.verdict_restore(verdict=obj, by=by))

    @admin.display(description=_("claim"), ordering="claim__text")
    def short_claim(self, obj: Verdict) -> str:
        return obj.claim.text[:90]

    @admin.display(description=_("claim status"), ordering="claim__status")
    def claim_status(self, obj: Verdict) -> str:
        return format_html('<span class="badge">{}</span>', obj.claim.get_status_display())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # verdicts are recorded on the claim page or through the API

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # read-only: an edit here would skip its citations, the version check and the freeze


admin.site.site_header = _("Fact-check workbench · moderation")
admin.site.site_title = _("Fact-check workbench moderation")
admin.site.index_title = _("Queues and records")

# Users: the stock admin, plus a deactivation that ends sessions and revokes tokens (claims.users).
User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class WorkbenchUserAdmin(HistoryAdminMixin, UserAdmin):
    actions = ["deactivate"]

    @admin.action(description=_("Deactivate selected (ends their sessions, revokes their API tokens)"))
    def deactivate(self, request: HttpRequest, queryset: Any) -> None:
        count = 0
        for user in queryset:
            try:
                users.user_deactivate(user=user, by=request.user)
            except (PermissionDenied, ValidationError) as exc:  # shown; the others go on
                self.message_user(request, f"{user}: {exc}", messages.WARNING)
            else:
                count += 1
        self.message_user(request, _("%(count)d accounts deactivated.") % {"count": count})
