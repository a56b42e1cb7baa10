"""Read-only moderation views: publications and corrections are made only through the workflow."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claims import policy
from claims.admin import ClaimAdmin
from factcheck.lib.errors import ConflictError, InvalidTransition
from history.admin import json_as_html
from publishing import services
from publishing.models import Correction, Publication, WorkflowEvent


@admin.action(description=_("Approve the verdicts of the selected claims (second review)"))
def approve_selected(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: Any) -> None:
    """The editors' "awaiting approval" queue: each claim goes through the review policy (never one's own verdict)."""
    approved = 0
    for claim in queryset:
        try:
            services.verdict_approve(claim=claim, user=request.user)
        except (PermissionDenied, InvalidTransition) as exc:  # shown with the policy's reason; the others go on
            modeladmin.message_user(request, f"{claim}: {exc}", messages.WARNING)
        else:
            approved += 1
    modeladmin.message_user(request, _("%(count)d verdicts approved.") % {"count": approved})


# The claims admin lives in the claims app, which cannot import the workflow: the action is added from here.
ClaimAdmin.actions = [*ClaimAdmin.actions, approve_selected]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class WithdrawForm(ActionForm):
    note = forms.CharField(
        label=_("Public note (to withdraw)"),
        required=False,  # the other actions need none; the withdraw action refuses an empty one
        max_length=4000,
        widget=forms.TextInput(attrs={"size": 60}),
    )


class WithdrawnFilter(admin.SimpleListFilter):
    title = _("withdrawn")
    parameter_name = "withdrawn"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("yes", _("Withdrawn")), ("no", _("Public"))]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() in {"yes", "no"}:
            return queryset.filter(claim__withdrawn_at__isnull=self.value() == "no")
        return queryset


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("claim_text", "rating_label", "published_by", "published_at", "modified_at", "withdrawn")
    list_filter = (WithdrawnFilter, "rating_label", "published_at", ("published_by", admin.RelatedOnlyFieldListFilter))
    search_fields = ("claim_text", "article_title", "outlet", "summary", "claim__withdrawal_note")
    list_select_related = ("claim", "published_by")
    exclude = ("scale_explanation", "sources")
    readonly_fields = ("withdrawal_note", "formatted_sources")
    action_form = WithdrawForm
    actions = ["withdraw"]

    @admin.display(description=_("withdrawn"), ordering="claim__withdrawn_at")
    def withdrawn(self, obj: Publication) -> Any:
        return obj.claim.withdrawn_at  # a datetime: the admin shows it in local time like the other dates

    @admin.display(description=_("withdrawal note"))
    def withdrawal_note(self, obj: Publication) -> str:
        return obj.claim.withdrawal_note or "—"

    @admin.display(description=_("cited sources"))
    def formatted_sources(self, obj: Publication) -> str:
        return json_as_html(obj.sources)

    def has_withdraw_permission(self, request: HttpRequest) -> bool:
        return policy.is_editor(request.user)

    @admin.action(
        description=_("Withdraw the selected fact-checks with the public note above"), permissions=["withdraw"]
    )
    def withdraw(self, request: HttpRequest, queryset: Any) -> None:
        """Every claim goes through the review policy and the same service as the claim page."""
        note = (request.POST.get("note") or "").strip()
        if not note:
            self.message_user(
                request, _("Write the public note first: readers see why it was withdrawn."), messages.ERROR
            )
            return
        done = 0
        for publication in queryset:
            try:
                services.claim_withdraw(claim=publication.claim, user=request.user, note=note)
            except (PermissionDenied, InvalidTransition, ConflictError, ValidationError) as exc:
                self.message_user(
                    request, f"{publication}: {' '.join(getattr(exc, 'messages', [str(exc)]))}", messages.WARNING
                )
            else:
                done += 1
        self.message_user(request, _("%(count)d fact-checks withdrawn.") % {"count": done})


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("publication", "reason", "corrected_by", "created_at")
    list_filter = ("created_at", "corrected_by")
    search_fields = ("reason", "publication__claim_text")
    exclude = ("changes",)
    readonly_fields = ("formatted_changes",)

    @admin.display(description=_("what changed"))
    def formatted_changes(self, obj: Correction) -> str:
        return json_as_html(obj.changes)


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(ReadOnlyAdmin):
    list_display = ("claim", "action", "actor", "comment", "created_at")
    list_filter = ("action", "created_at", "actor")
    search_fields = ("claim__text", "comment", "actor__username")
    list_select_related = ("claim", "actor")
    exclude = ("failed_checks",)
    readonly_fields = ("formatted_failed_checks",)

    @admin.display(description=_("checks overridden"))
    def formatted_failed_checks(self, obj: WorkflowEvent) -> str:
        return json_as_html(obj.failed_checks)
