"""Soft delete for reviewer-facing records: a deleted row keeps its data and history but leaves every default
query (lists, API, search, public pages). ``all_objects`` sees everything, for moderators and restores.

``objects`` (the first manager, hence the default one) hides deleted rows, so reverse relations
(``article.claims``), forms and the admin's default queryset skip them too; forward foreign keys use the
base manager and still reach a deleted parent.
"""

from __future__ import annotations

from typing import TypeVar

from django.conf import settings
from django.db import models

from history.tracking import TrackedManager, TrackedModel, TrackedQuerySet

_M = TypeVar("_M", bound=models.Model)


class LiveManager(TrackedManager[_M]):
    def get_queryset(self) -> TrackedQuerySet[_M]:
        return TrackedQuerySet(self.model, using=self._db).filter(deleted_at__isnull=True)


class SoftDeleteModel(TrackedModel):
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = LiveManager()
    all_objects = TrackedManager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
