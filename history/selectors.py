"""Reads of the audit log."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from history.models import HistoryEntry


def _entries() -> QuerySet[HistoryEntry]:
    return HistoryEntry.objects.select_related("content_type", "actor").order_by("-created_at", "-id")


def object_history(*, obj: models.Model) -> QuerySet[HistoryEntry]:
    content_type = ContentType.objects.get_for_model(type(obj), for_concrete_model=True)
    return _entries().filter(content_type=content_type, object_id=str(obj.pk))


def claim_timeline(*, claim_id: int) -> QuerySet[HistoryEntry]:
    """The claim's own changes and those of its verdicts and evidence."""
    return _entries().filter(claim_ref=claim_id)


def article_timeline(*, article_id: int) -> QuerySet[HistoryEntry]:
    """The article's own changes (its claims have their own timelines)."""
    return _entries().filter(article_ref=article_id, claim_ref__isnull=True)
