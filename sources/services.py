"""Writes for sources, snapshots and evidence. Views, the API, tasks and admin call these."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.models import Claim
from factcheck.lib.errors import InvalidTransition, RefusedURL
from factcheck.lib.queue import enqueue, enqueue_on_commit
from sources import domains, fetcher, problems, selectors, snapshots
from sources.archiving import capture
from sources.archiving.canonical import canonicalize, domain_of
from sources.models import Evidence, Snapshot, Source

logger = logging.getLogger(__name__)

ARCHIVE_SNAPSHOT_TASK = "sources.archive_snapshot"


def refusal_text(exc: Exception) -> str:
    """A refused URL in the reader's language (the fetcher's English detail for a refusal it has no code for)."""
    if isinstance(exc, fetcher.FetchError):
        decision = fetcher.decide(error=exc, attempt=1)  # the same code and parameters a capture would store
        return problems.snapshot_error(decision.code, decision.params, str(exc))
    return str(exc)


def source_for_url(*, url: str, created_by: User | None = None) -> tuple[Source, bool]:
    """Validate a submitted URL and return its Source (deduplicated on the canonical URL)."""
    url = url.strip()
    try:
        parsed = fetcher.validate_url(url, fetcher.FetchPolicy.from_settings())
        canonical = canonicalize(url)
    except (RefusedURL, ValueError) as exc:
        raise ValidationError({"url": refusal_text(exc)}) from exc
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
        enqueue_on_commit(ARCHIVE_SNAPSHOT_TASK, snapshot.pk)
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
        raise ValidationError(
            {"stance": _("Choose one of: %(choices)s.") % {"choices": ", ".join(Evidence.Stance.values)}}
        )
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
        ).update(
            status=Snapshot.Status.PENDING,
            next_attempt_at=None,
            error_message="",
            error_code="",
            error_params={},
            attempts=0,
        )
        if updated:
            enqueue_on_commit(ARCHIVE_SNAPSHOT_TASK, snapshot.pk)
    snapshot.refresh_from_db()
    if not updated:
        raise InvalidTransition(
            _("This capture is %(status)s; only failed ones retry.")
            % {"status": str(snapshot.get_status_display()).lower()}
        )
    return snapshot


def snapshot_archive(*, snapshot_id: int, anchor_published: bool = True) -> Snapshot | None:
    """Fetch, archive (WARC), extract and anchor one snapshot. None when another worker has it or it is done."""
    snapshot = snapshots.claim(snapshot_id)
    if snapshot is None:
        return None
    local = snapshots.temp_warc_path(snapshot)
    try:
        captured = capture.capture(
            snapshot.source.url,
            # Editors' domain blocks, checked by the fetcher before the first request and on every redirect hop.
            policy=replace(fetcher.FetchPolicy.from_settings(), host_blocked=domains.block_reason),
            warc_path=local,
            fetched_at=timezone.now(),
            attempt=snapshot.attempts,
            respect_robots=settings.FETCH_RESPECT_ROBOTS,
            extraction_time_limit=settings.EXTRACTION_TIME_LIMIT,
            metadata={"snapshot_id": snapshot.pk},
        )
        warc_file = snapshots.store_warc(snapshot, local)
    except SoftTimeLimitExceeded:
        snapshots.record_timeout(snapshot)
    except capture.RobotsDisallowed as exc:
        snapshots.record_failure(snapshot, str(exc), code="robots_disallowed")
    except capture.HttpFailure as exc:
        _record_decision(snapshot, exc.decision, http_status=exc.result.status, chain=exc.result.redirect_chain)
    except Exception as exc:  # FetchError, or a bug / hostile page: bounded retries, the error visible
        if not isinstance(exc, fetcher.FetchError):
            logger.exception("archiving snapshot %s crashed", snapshot_id)
        decision = fetcher.decide(error=exc, attempt=snapshot.attempts)
        _record_decision(snapshot, decision, chain=getattr(exc, "chain", None))
    else:
        snapshots.record_archived(snapshot, captured, warc_file, anchor_published=anchor_published)
    finally:
        local.unlink(missing_ok=True)
    # The caller (the task) only needs the outcome: leave the bulky text to a lazy load if someone reads it.
    return Snapshot.objects.defer("extracted_text", "response_headers").get(pk=snapshot_id)


def _record_decision(
    snapshot: Snapshot, decision: fetcher.Decision, *, http_status: int | None = None, chain: Any = None
) -> None:
    code, params = decision.code, decision.params
    if decision.kind == "permanent":
        snapshots.record_failure(
            snapshot, decision.reason, code=code, params=params, http_status=http_status, chain=chain
        )
    else:
        snapshots.record_transient(
            snapshot, decision.reason, delay=decision.delay or 0.0, code=code, params=params, http_status=http_status
        )


def snapshots_reenqueue_stuck(*, pending_older_than: timedelta = timedelta(minutes=1)) -> int:
    """Periodic safety net: re-enqueue snapshots whose message was lost or whose worker died."""
    now = timezone.now()
    snapshots.fail_exhausted(now)
    snapshots.clean_temp_files()
    ids = snapshots.stuck_ids(now, pending_older_than=pending_older_than)
    snapshots.mark_abandoned(ids, now)
    for snapshot_id in ids:
        enqueue(ARCHIVE_SNAPSHOT_TASK, snapshot_id)
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
        snapshots.anchor_evidence(evidence, snapshot)
    evidence.refresh_from_db()
    return evidence


EVIDENCE_MODERATORS = ("editor", "admin")


def may_change_evidence(*, evidence: Evidence, user: Any) -> bool:
    """The reviewer who attached a source, or an editor, may edit or remove it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or evidence.added_by_id == user.pk:
        return True
    return bool(user.groups.filter(name__in=EVIDENCE_MODERATORS).exists())


@transaction.atomic
def evidence_update(
    *, evidence: Evidence, user: Any, stance: str | None = None, quote: str | None = None, note: str | None = None
) -> Evidence:
    """Change a source's stance, quoted passage or note (None keeps it); a new quote is located again."""
    if not may_change_evidence(evidence=evidence, user=user):
        raise PermissionDenied(_("Only the person who attached this source, or an editor, can change it."))
    locked = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if stance is not None:
        if stance not in Evidence.Stance.values:
            raise ValidationError(
                {"stance": _("Choose one of: %(choices)s.") % {"choices": ", ".join(Evidence.Stance.values)}}
            )
        locked.stance = stance
    if note is not None:
        locked.note = note.strip()
    quote_changed = quote is not None and quote.strip() != locked.quote
    if quote is not None:
        locked.quote = quote.strip()
    locked.save(update_fields=["stance", "note", "quote", "updated_at"])
    return evidence_reanchor(evidence=locked) if quote_changed else locked


@transaction.atomic
def evidence_remove(*, evidence: Evidence, user: Any) -> None:
    """Take a source off a claim (the source and its archives stay)."""
    if not may_change_evidence(evidence=evidence, user=user):
        raise PermissionDenied(_("Only the person who attached this source, or an editor, can remove it."))
    Evidence.objects.filter(pk=evidence.pk).delete()
