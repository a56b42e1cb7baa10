"""Writes for sources, snapshots and evidence. Views, the API, tasks and admin call these."""

from __future__ import annotations

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Claim
from factcheck.lib.errors import InvalidTransition, RefusedURL
from sources import fetcher
from sources.archiving.canonical import canonicalize, domain_of
from sources.models import Evidence, Snapshot, Source

logger = logging.getLogger(__name__)


def _enqueue_snapshot(snapshot_id: int) -> None:
    from sources.tasks import archive_snapshot

    try:
        archive_snapshot.delay(snapshot_id)
    except Exception:  # broker down: the snapshot stays pending and the sweep enqueues it later
        logger.warning("could not enqueue snapshot %s; the sweep will retry", snapshot_id, exc_info=True)


def source_for_url(*, url: str, created_by: AbstractBaseUser | None = None) -> tuple[Source, bool]:
    """Validate a submitted URL and return its Source (deduplicated on the canonical URL)."""
    url = url.strip()
    try:
        fetcher.validate_url(url, fetcher.FetchPolicy.from_settings())
        canonical = canonicalize(url)
    except (RefusedURL, ValueError) as exc:
        raise ValidationError({"url": str(exc)}) from exc
    user = created_by if created_by is not None and created_by.is_authenticated else None
    source, created = Source.objects.get_or_create(
        canonical_url=canonical,
        defaults={"url": url, "domain": domain_of(canonical), "created_by": user},
    )
    return source, created


@transaction.atomic
def snapshot_request(*, source: Source) -> Snapshot:
    """Queue a new capture of the source; the worker picks it up after commit."""
    snapshot = Snapshot.objects.create(source=source, status=Snapshot.Status.PENDING)
    transaction.on_commit(lambda: _enqueue_snapshot(snapshot.pk))
    return snapshot


@transaction.atomic
def evidence_attach(
    *,
    claim: Claim,
    url: str,
    stance: str,
    added_by: AbstractBaseUser | None,
    quote: str = "",
    note: str = "",
) -> Evidence:
    """Attach a source to a claim. A source seen for the first time is queued for archiving."""
    if stance not in Evidence.Stance.values:
        raise ValidationError({"stance": f"Choose one of: {', '.join(Evidence.Stance.values)}."})
    source, created = source_for_url(url=url, created_by=added_by)
    if created or not source.snapshots.exists():
        snapshot_request(source=source)
    quote = quote.strip()
    user = added_by if added_by is not None and added_by.is_authenticated else None
    return Evidence.objects.create(
        claim=claim,
        source=source,
        stance=stance,
        quote=quote,
        note=note.strip(),
        added_by=user,
        anchor_status=Evidence.AnchorStatus.PENDING if quote else Evidence.AnchorStatus.NO_QUOTE,
    )


def snapshot_retry(*, snapshot: Snapshot) -> Snapshot:
    """Reviewer-initiated retry of a failed or timed-out capture."""
    with transaction.atomic():
        updated = Snapshot.objects.filter(
            pk=snapshot.pk, status__in=[Snapshot.Status.FAILED, Snapshot.Status.TIMED_OUT, Snapshot.Status.RETRYING]
        ).update(status=Snapshot.Status.PENDING, next_attempt_at=None, error_message="", attempts=0)
        if updated:
            transaction.on_commit(lambda: _enqueue_snapshot(snapshot.pk))
    snapshot.refresh_from_db()
    if not updated:
        raise InvalidTransition(f"This capture is {snapshot.get_status_display().lower()}; only failed ones retry.")
    return snapshot
