"""Read-only moderation views: publications and corrections are made only through the workflow."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from publishing.models import Correction, Publication, WorkflowEvent


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
