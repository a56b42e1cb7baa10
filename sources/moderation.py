"""Moderation services for evidence and captures: soft delete and restore, bulk re-archive, page-change review."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.models import Claim
from claims.moderation import is_public
from factcheck.lib.errors import InvalidTransition
from factcheck.lib.permissions import require_perm
from sources import services
from sources.models import Evidence, PageChange, Snapshot, Source


@transaction.atomic
def evidence_delete(*, evidence: Evidence, by: Any) -> Evidence:
    require_perm(by, "sources.delete_evidence")
    locked = Evidence.all_objects.select_for_update().get(pk=evidence.pk)
    if locked.deleted_at is not None:
        raise InvalidTransition(_("This evidence is deleted already."))
    if is_public(Claim.all_objects.get(pk=locked.claim_id)):
        raise InvalidTransition(_("Evidence of a published fact-check cannot be deleted; correct the fact-check."))
    Evidence.all_objects.filter(pk=locked.pk).update(deleted_at=timezone.now(), deleted_by=by)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def evidence_restore(*, evidence: Evidence, by: Any) -> Evidence:
    require_perm(by, "sources.delete_evidence")
    if not Evidence.all_objects.filter(pk=evidence.pk, deleted_at__isnull=False).update(
        deleted_at=None, deleted_by=None
    ):
        raise InvalidTransition(_("This evidence is not deleted."))
    return Evidence.objects.get(pk=evidence.pk)


def sources_rearchive(*, sources: Iterable[Source], by: Any) -> tuple[int, list[str]]:
    """Queue a new capture of each source; blocked ones are skipped with their reason."""
    require_perm(by, "sources.add_snapshot")
    queued, refused = 0, []
    for source in sources:
        try:
            services.source_rearchive(source=source)
        except ValidationError as exc:
            refused.append(f"{source.canonical_url}: {' '.join(exc.messages)}")
        else:
            queued += 1
    return queued, refused


def snapshots_retry(*, snapshots: Iterable[Snapshot], by: Any) -> int:
    require_perm(by, "sources.add_snapshot")
    done = 0
    for snapshot in snapshots:
        try:
            services.snapshot_retry(snapshot=snapshot)
        except InvalidTransition:
            continue
        done += 1
    return done


@transaction.atomic
def page_changes_mark_reviewed(*, changes: Iterable[PageChange], by: Any) -> int:
    """An editor looked at what the watch found and decided nothing public changes (or corrected it)."""
    require_perm(by, "sources.change_pagechange")
    ids = [c.pk for c in changes]
    return PageChange.objects.filter(pk__in=ids, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now(), reviewed_by=by
    )
