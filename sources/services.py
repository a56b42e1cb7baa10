"""Writes for sources, snapshots and evidence. Views, the API, tasks and admin call these."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Claim
from factcheck.lib.errors import InvalidTransition, RefusedURL
from sources import domains, fetcher, selectors
from sources.archiving import pipeline
from sources.archiving.canonical import canonicalize, domain_of
from sources.models import Evidence, Snapshot, Source

logger = logging.getLogger(__name__)


def _enqueue_snapshot(snapshot_id: int) -> None:
    from sources.tasks import archive_snapshot

    try:
        archive_snapshot.delay(snapshot_id)
    except Exception:  # broker down: the snapshot stays pending and the sweep enqueues it later
        logger.warning("could not enqueue snapshot %s; the sweep will retry", snapshot_id, exc_info=True)


def source_for_url(*, url: str, created_by: User | None = None) -> tuple[Source, bool]:
    """Validate a submitted URL and return its Source (deduplicated on the canonical URL)."""
    url = url.strip()
    try:
        parsed = fetcher.validate_url(url, fetcher.FetchPolicy.from_settings())
        canonical = canonicalize(url)
    except (RefusedURL, ValueError) as exc:
        raise ValidationError({"url": str(exc)}) from exc
    blocked = domains.block_reason(parsed.host)
    if blocked:
        raise ValidationError({"url": blocked})
    user = created_by if created_by is not None and created_by.is_authenticated else None
    source, created = Source.objects.get_or_create(
        canonical_url=canonical,
        defaults={"url": url, "domain": domain_of(canonical), "created_by": user},
    )
    return source, created


@transaction.atomic
def snapshot_request(*, source: Source, enqueue: bool = True) -> Snapshot:
    """Queue a new capture of the source; the worker picks it up after commit (enqueue=False: the caller runs it)."""
    try:
        host = fetcher.validate_url(source.url, fetcher.FetchPolicy.from_settings()).host
    except RefusedURL:
        host = ""  # the capture records the refusal on the snapshot, where the reviewer sees it
    blocked = domains.block_reason(host)
    if blocked:  # refused before anything is queued; the capture step checks again (a block added meanwhile)
        raise ValidationError({"url": blocked})
    snapshot = Snapshot.objects.create(source=source, status=Snapshot.Status.PENDING)
    if enqueue:
        transaction.on_commit(lambda: _enqueue_snapshot(snapshot.pk))
    return snapshot


@transaction.atomic
def evidence_attach(
    *,
    claim: Claim,
    url: str,
    stance: str,
    added_by: User | None,
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


def snapshot_archive(*, snapshot_id: int, anchor_published: bool = True) -> Snapshot | None:
    """Fetch, archive (WARC), extract and anchor one snapshot. None when another worker has it or it is done."""
    snapshot = pipeline.claim(snapshot_id)
    if snapshot is None:
        return None
    try:
        captured = pipeline.capture(snapshot)
    except SoftTimeLimitExceeded:
        pipeline.record_timeout(snapshot)
    except fetcher.FetchError as exc:
        chain = getattr(exc, "chain", None)
        if exc.permanent:
            pipeline.record_failure(snapshot, str(exc), chain=chain)
        else:
            pipeline.record_transient(snapshot, str(exc), delay=exc.retry_after)
    except pipeline.HttpFailure as exc:
        status, reason = exc.result.status, exc.decision.reason
        if exc.decision.kind == "permanent":
            pipeline.record_failure(snapshot, reason, http_status=status, chain=exc.result.redirect_chain)
        else:
            pipeline.record_transient(snapshot, reason, delay=exc.decision.delay, http_status=status)
    except pipeline.RobotsDisallowed as exc:
        pipeline.record_failure(snapshot, str(exc))
    except Exception as exc:  # a bug or a hostile page: bounded retries, then failed with the error visible
        logger.exception("archiving snapshot %s crashed", snapshot_id)
        pipeline.record_transient(snapshot, f"Unexpected error ({type(exc).__name__}: {exc})", delay=None)
    else:
        pipeline.record_archived(snapshot, captured, anchor_published=anchor_published)
    # The caller (the task) only needs the outcome: leave the bulky text to a lazy load if someone reads it.
    return Snapshot.objects.defer("extracted_text", "response_headers").get(pk=snapshot_id)


def snapshots_reenqueue_stuck(*, pending_older_than: timedelta = timedelta(minutes=1)) -> int:
    """Periodic safety net: re-enqueue snapshots whose message was lost or whose worker died."""
    now = timezone.now()
    pipeline.fail_exhausted(now)
    pipeline.clean_temp_files()
    ids = pipeline.stuck_ids(now, pending_older_than=pending_older_than)
    Snapshot.objects.filter(pk__in=ids, status=Snapshot.Status.FETCHING).update(
        status=Snapshot.Status.RETRYING,
        next_attempt_at=now,
        error_message="The worker stopped (killed or over its time limit) while archiving; trying again.",
    )
    for snapshot_id in ids:
        _enqueue_snapshot(snapshot_id)
    return len(ids)


def source_rearchive(*, source: Source) -> Snapshot:
    """Capture the source again; text_changed tells whether its text moved since the last archive."""
    return snapshot_request(source=source)


@transaction.atomic
def evidence_reanchor(*, evidence: Evidence) -> Evidence:
    """Anchor the (edited) quote afresh against the latest archived snapshot of the source."""
    evidence.anchor_status = Evidence.AnchorStatus.PENDING if evidence.quote else Evidence.AnchorStatus.NO_QUOTE
    evidence.anchor_snapshot = None
    evidence.selectors = []
    evidence.save(update_fields=["anchor_status", "anchor_snapshot", "selectors", "updated_at"])
    snapshot = selectors.source_latest_archived(source=evidence.source)
    if snapshot is not None:
        pipeline.anchor_evidence(evidence, snapshot)
    evidence.refresh_from_db()
    return evidence
