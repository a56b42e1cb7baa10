"""Read-only moderation views: publications and corrections are made only through the workflow."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claims.admin import ClaimAdmin
from factcheck.lib.errors import InvalidTransition
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


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("claim_text", "rating_label", "published_by", "published_at", "modified_at")


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("publication", "corrected_by", "created_at")


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(ReadOnlyAdmin):
    list_display = ("claim", "action", "actor", "created_at")
    list_filter = ("action",)
