"""Every write to a snapshot row, for ``sources.services``: claiming (the lease), storing the WARC, recording the
outcome, anchoring the evidence quotes, and the sweep's queries.

The row is the source of truth: a worker owns a snapshot while its ``started_at`` (the lease token, see
``factcheck.lib.lease``) is the one it wrote, and every write after the claim checks that token, so a worker that lost
its lease (killed, hard time limit) can never overwrite the work of the one that took over. The capture itself
(robots, fetch, WARC, extraction) is plain Python in ``sources.archiving.capture``.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from factcheck.lib.events import emit_event
from factcheck.lib.lease import lease_cutoff
from factcheck.lib.lease import lease_remaining as remaining_of
from sources.archiving.capture import CaptureResult
from sources.models import Evidence, Snapshot, Source

logger = logging.getLogger(__name__)

MAX_RETRY_DELAY = 3600.0
TEMP_MAX_AGE = timedelta(hours=1)


# --------------------------------------------------------------------------- the lease


def _lease_expired(now: datetime) -> Q:
    return Q(status=Snapshot.Status.FETCHING, started_at__lt=lease_cutoff(now, settings.CELERY_TASK_TIME_LIMIT))


def claimable(now: datetime) -> Q:
    """Snapshots a worker may take now: new, due for a retry, or abandoned by a dead worker."""
    return (
        Q(status=Snapshot.Status.PENDING)
        | Q(status=Snapshot.Status.RETRYING, next_attempt_at__isnull=True)
        | Q(status=Snapshot.Status.RETRYING, next_attempt_at__lte=now + timedelta(seconds=1))
        | (_lease_expired(now) & Q(attempts__lt=settings.FETCH_MAX_ATTEMPTS))
    )


def claim(snapshot_id: int) -> Snapshot | None:
    """Atomically take the snapshot; None when someone else has it or there is nothing to do."""
    now = timezone.now()
    taken = Snapshot.objects.filter(claimable(now), pk=snapshot_id).update(
        status=Snapshot.Status.FETCHING, started_at=now, attempts=F("attempts") + 1, next_attempt_at=None
    )
    if not taken:
        return None
    return Snapshot.objects.select_related("source").get(pk=snapshot_id)


def lease_remaining(snapshot_id: int) -> float | None:
    """Seconds until another worker may take over a snapshot that is being fetched (None if not fetching)."""
    row = Snapshot.objects.filter(pk=snapshot_id, status=Snapshot.Status.FETCHING).values("started_at").first()
    if row is None or row["started_at"] is None:
        return None
    return remaining_of(row["started_at"], timezone.now(), settings.CELERY_TASK_TIME_LIMIT)


def _owned(snapshot: Snapshot) -> QuerySet[Snapshot]:
    return Snapshot.objects.filter(pk=snapshot.pk, status=Snapshot.Status.FETCHING, started_at=snapshot.started_at)


# --------------------------------------------------------------------------- the WARC file


def temp_dir() -> Path:
    path = Path(settings.VAR_DIR) / "tmp" / "warc"
    path.mkdir(parents=True, exist_ok=True)
    return path


def temp_warc_path(snapshot: Snapshot) -> Path:
    """Where the capture writes its WARC before it is stored (unique per attempt and process)."""
    return temp_dir() / f"snapshot-{snapshot.pk}-{os.getpid()}-{time.monotonic_ns()}.warc.gz"


def warc_name(snapshot: Snapshot) -> str:
    """One deterministic name per snapshot, so a repeated attempt replaces its file instead of adding one."""
    return f"warc/{snapshot.requested_at:%Y/%m}/snapshot-{snapshot.pk}.warc.gz"


class _LocalTempFile(File):
    """Lets FileSystemStorage move (rename) the finished file into place instead of copying it."""

    def temporary_file_path(self) -> str:
        return str(self.name)


def store_warc(snapshot: Snapshot, local: Path) -> str:
    """Hand the finished temp WARC to the default storage under the snapshot's name; the temp file is gone after."""
    name = warc_name(snapshot)
    try:
        if default_storage.exists(name):
            default_storage.delete(name)  # left by an attempt that died before recording it
        with local.open("rb") as handle:
            return default_storage.save(name, _LocalTempFile(handle, name=str(local)))
    finally:
        local.unlink(missing_ok=True)


# --------------------------------------------------------------------------- recording the outcome


def _text_changed(snapshot: Snapshot, text: str, sha256: str) -> bool | None:
    previous = (
        Snapshot.objects.filter(source_id=snapshot.source_id, status=Snapshot.Status.ARCHIVED)
        .exclude(pk=snapshot.pk)
        .order_by("-fetched_at", "-id")
        .values("extracted_text", "sha256")
        .first()
    )
    if previous is None:
        return None
    if text or previous["extracted_text"]:
        return " ".join(text.split()) != " ".join(previous["extracted_text"].split())
    return sha256 != previous["sha256"]


def _archived_fields(snapshot: Snapshot, cap: CaptureResult, warc_file: str) -> dict[str, Any]:
    result, ex = cap.result, cap.extracted
    return {
        "status": Snapshot.Status.ARCHIVED,
        "fetched_at": timezone.now(),
        "http_status": result.status,
        "final_url": result.final_url,
        "redirect_chain": result.redirect_chain,
        "response_headers": [[str(k), str(v)] for k, v in result.response_headers],
        "content_type": (result.content_type or "")[:255],
        "sha256": cap.payload_sha256,
        "warc_sha256": cap.warc_sha256,
        "warc_file": warc_file,
        "size": len(result.body),
        "title": ex.title,
        "author": ex.author,
        "published": ex.published,
        "language": ex.language,
        "extracted_text": ex.text,
        "extraction_error": ex.error,
        "extraction_error_code": ex.error_code,
        "extraction_error_params": ex.error_params,
        "text_changed": _text_changed(snapshot, ex.text, cap.payload_sha256),
        "robots_decision": cap.robots[:64],
        "timings": cap.timings,
        "error_message": "",
        "error_code": "",
        "error_params": {},
        "next_attempt_at": None,
    }


def _update_source(snapshot: Snapshot, cap: CaptureResult) -> None:
    source, ex = snapshot.source, cap.extracted
    changed: dict[str, str] = {}
    if ex.title and not source.title:
        changed["title"] = ex.title
    if ex.page_canonical_url and ex.page_canonical_url != source.page_canonical_url:
        changed["page_canonical_url"] = ex.page_canonical_url
    if changed:
        # A queryset update of plain values is logged without re-reading the row (history.tracking): one query
        # fewer per archived page than ``save(update_fields=...)``.
        Source.objects.filter(pk=source.pk).update(**changed)
        for name, value in changed.items():
            setattr(source, name, value)


def record_archived(snapshot: Snapshot, cap: CaptureResult, warc_file: str, *, anchor_published: bool = True) -> bool:
    """Store the capture and anchor the evidence in one transaction; False if the lease was lost.

    ``anchor_published=False`` (the page watch) leaves the evidence of published fact-checks pointing at the
    snapshot they cite: an editor decides what the watch found.
    """
    with transaction.atomic():
        fields = _archived_fields(snapshot, cap, warc_file)
        if not _owned(snapshot).update(**fields):
            return False
        emit_event(
            "snapshot.archived",
            {"snapshot_id": snapshot.pk, "source_id": snapshot.source_id, "sha256": fields.get("sha256", "")},
        )
        _update_source(snapshot, cap)
        cited = Evidence.objects.filter(source_id=snapshot.source_id).select_related("claim")
        if not anchor_published:
            cited = cited.exclude(claim__status="published")
        evidences = list(cited)
        if not evidences:
            return True
        archived = Snapshot.objects.get(pk=snapshot.pk)
        for evidence in evidences:
            try:
                with transaction.atomic():
                    anchor_evidence(evidence, archived)
            except Exception:  # the capture stands; the quote can be re-anchored later
                logger.exception("anchoring evidence %s in snapshot %s failed", evidence.pk, snapshot.pk)
    return True


def record_failure(
    snapshot: Snapshot,
    reason: str,
    *,
    code: str = "",
    params: dict[str, Any] | None = None,
    http_status: int | None = None,
    chain: Any = None,
) -> None:
    """``reason`` is the English detail; ``code`` and ``params`` are put into words on the page (sources.problems)."""
    _owned(snapshot).update(
        status=Snapshot.Status.FAILED,
        error_message=reason[:2000],
        error_code=code,
        error_params=params or {},
        http_status=http_status,
        redirect_chain=chain or [],
        next_attempt_at=None,
    )


def record_transient(
    snapshot: Snapshot,
    reason: str,
    *,
    delay: float,
    code: str = "",
    params: dict[str, Any] | None = None,
    http_status: int | None = None,
) -> None:
    """Schedule another attempt in ``delay`` seconds (capped), or give up after FETCH_MAX_ATTEMPTS."""
    if snapshot.attempts >= settings.FETCH_MAX_ATTEMPTS:
        record_failure(
            snapshot,
            f"Gave up after {snapshot.attempts} attempts. Last error: {reason}",
            code=code,
            params={**(params or {}), "gave_up_after": snapshot.attempts},
            http_status=http_status,
        )
        return
    _owned(snapshot).update(
        status=Snapshot.Status.RETRYING,
        next_attempt_at=timezone.now() + timedelta(seconds=min(max(0.0, float(delay)), MAX_RETRY_DELAY)),
        error_message=f"Attempt {snapshot.attempts} failed: {reason}"[:2000],
        error_code=code,
        error_params={**(params or {}), "attempt": snapshot.attempts},
        http_status=http_status,
    )


def record_timeout(snapshot: Snapshot) -> None:
    _owned(snapshot).update(
        status=Snapshot.Status.TIMED_OUT,
        error_message=(
            f"Archiving took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} seconds and was stopped. "
            "Retry it, or archive the page by hand."
        ),
        error_code="archive_timed_out",
        error_params={"seconds": settings.CELERY_TASK_SOFT_TIME_LIMIT},
        next_attempt_at=None,
    )


# --------------------------------------------------------------------------- anchoring the evidence


def _anchor_status(evidence: Evidence, snapshot: Snapshot, anchor: Any) -> str:
    """The quote's new status; a quote found before (in another snapshot) and not exactly now has *changed*."""
    status = getattr(anchor, "status", "not_found")
    elsewhere_before = evidence.anchor_snapshot_id not in (None, snapshot.pk)
    if status == "fuzzy" and elsewhere_before and evidence.anchor_status == Evidence.AnchorStatus.FOUND:
        return Evidence.AnchorStatus.CHANGED  # found word for word before, only approximately now: the page was edited
    if anchor is not None and status in ("found", "fuzzy"):
        return status
    was_found = evidence.anchor_status in (
        Evidence.AnchorStatus.FOUND,
        Evidence.AnchorStatus.FUZZY,
        Evidence.AnchorStatus.CHANGED,
    )
    return Evidence.AnchorStatus.CHANGED if was_found and elsewhere_before else Evidence.AnchorStatus.NOT_FOUND


def anchor_evidence(evidence: Evidence, snapshot: Snapshot) -> None:
    """Locate the quote and rank passages against the claim in an archived snapshot."""
    from sources.archiving.anchoring import anchor_quote

    text = snapshot.extracted_text
    fields = ["suggestions"]
    evidence.suggestions = suggestions(evidence.claim.text, text, snapshot)
    if evidence.quote:
        anchor = anchor_quote(evidence.quote, text) if text else None
        status = _anchor_status(evidence, snapshot, anchor)
        if status in (Evidence.AnchorStatus.FOUND, Evidence.AnchorStatus.FUZZY):
            evidence.selectors = anchor.selectors()  # type: ignore[union-attr]
            evidence.anchor_snapshot = snapshot
        elif status == Evidence.AnchorStatus.NOT_FOUND:
            evidence.selectors = []
            evidence.anchor_snapshot = snapshot
        # CHANGED keeps pointing at the snapshot that had the quote.
        evidence.anchor_status = status
        fields += ["anchor_status", "selectors", "anchor_snapshot"]
    evidence.save(update_fields=[*fields, "updated_at"])


def suggestions(claim_text: str, text: str, snapshot: Snapshot) -> list[dict[str, Any]]:
    if not text or not claim_text:
        return []
    from sources.archiving.passages import suggest_passages

    try:
        found = suggest_passages(claim_text, text, language=snapshot.language or "", k=3)
    except Exception:
        logger.warning("passage suggestion failed for snapshot %s", snapshot.pk, exc_info=True)
        return []
    return [
        {"start": p.start, "end": p.end, "text": p.text, "score": round(float(p.score), 4), "snapshot": snapshot.pk}
        for p in found
    ]


# --------------------------------------------------------------------------- the sweep


def stuck_ids(now: datetime, *, pending_older_than: timedelta) -> list[int]:
    return list(
        Snapshot.objects.filter(
            Q(status=Snapshot.Status.PENDING, requested_at__lt=now - pending_older_than)
            | Q(status=Snapshot.Status.RETRYING, next_attempt_at__lte=now)
            | Q(status=Snapshot.Status.RETRYING, next_attempt_at__isnull=True)
            | _lease_expired(now)
        )
        .order_by("requested_at")
        .values_list("pk", flat=True)[:500]
    )


def fail_exhausted(now: datetime) -> int:
    """Rows whose worker died on every attempt (lease expired, attempts used up) are failed, not retried forever."""
    return Snapshot.objects.filter(_lease_expired(now), attempts__gte=settings.FETCH_MAX_ATTEMPTS).update(
        status=Snapshot.Status.FAILED,
        error_message="The worker stopped while archiving this page on every attempt (crash or time limit).",
        error_code="worker_died",
        error_params={},
    )


def mark_abandoned(ids: list[int], now: datetime) -> None:
    """Rows the sweep found under an expired lease go back to *retrying* with the reason visible."""
    Snapshot.objects.filter(pk__in=ids, status=Snapshot.Status.FETCHING).update(
        status=Snapshot.Status.RETRYING,
        next_attempt_at=now,
        error_message="The worker stopped (killed or over its time limit) while archiving; trying again.",
        error_code="worker_stopped",
        error_params={},
    )


def clean_temp_files(now: float | None = None) -> int:
    """Delete temp WARCs left by a worker killed while writing (older than an hour, so never one in progress)."""
    cutoff = (now or time.time()) - TEMP_MAX_AGE.total_seconds()
    removed = 0
    for path in temp_dir().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
