"""The steps of archiving one snapshot, called by ``sources.services.snapshot_archive``.

claim → fetch (``sources.fetcher`` is the only outgoing HTTP) → WARC into the default storage → extract → store →
anchor the evidence quotes. The row is the source of truth: a worker owns a snapshot while its ``started_at`` (the
lease token) is the one it wrote, and every write after the claim checks that token, so a worker that lost its lease
(killed, hard time limit) can never overwrite the work of the one that took over.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from sources import fetcher
from sources.models import Evidence, Snapshot

logger = logging.getLogger(__name__)

# How long a worker owns a snapshot it claimed: past the hard time limit the worker is certainly dead.
LEASE_MARGIN_SECONDS = 10
MAX_RETRY_DELAY = 3600.0
TEMP_MAX_AGE = timedelta(hours=1)


class RobotsDisallowed(Exception):
    pass


@dataclass
class Extracted:
    text: str = ""
    title: str = ""
    author: str = ""
    published: date | None = None
    language: str = ""
    page_canonical_url: str = ""
    error: str = ""


@dataclass
class Capture:
    result: fetcher.FetchResult
    robots: str
    warc_name: str
    warc_sha256: str
    payload_sha256: str
    extracted: Extracted
    timings: dict[str, float] = field(default_factory=dict)


# --------------------------------------------------------------------------- claiming


def lease_seconds() -> float:
    return float(settings.CELERY_TASK_TIME_LIMIT + LEASE_MARGIN_SECONDS)


def claimable(now: datetime) -> Q:
    """Snapshots a worker may take now: new, due for a retry, or abandoned by a dead worker."""
    lease_cutoff = now - timedelta(seconds=lease_seconds())
    return (
        Q(status=Snapshot.Status.PENDING)
        | Q(status=Snapshot.Status.RETRYING, next_attempt_at__isnull=True)
        | Q(status=Snapshot.Status.RETRYING, next_attempt_at__lte=now + timedelta(seconds=1))
        | Q(status=Snapshot.Status.FETCHING, started_at__lt=lease_cutoff, attempts__lt=settings.FETCH_MAX_ATTEMPTS)
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
    expires = row["started_at"] + timedelta(seconds=lease_seconds())
    return max(0.0, (expires - timezone.now()).total_seconds())


def _owned(snapshot: Snapshot) -> Any:
    return Snapshot.objects.filter(pk=snapshot.pk, status=Snapshot.Status.FETCHING, started_at=snapshot.started_at)


# --------------------------------------------------------------------------- fetching


def robots_decision(url: str, policy: fetcher.FetchPolicy) -> str:
    """ "not checked" unless FETCH_RESPECT_ROBOTS; raises RobotsDisallowed when robots.txt forbids the URL."""
    if not settings.FETCH_RESPECT_ROBOTS:
        return "not checked"
    parts = urlsplit(url)
    robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
    try:
        result = fetcher.fetch(robots_url, policy=policy)
    except fetcher.FetchError as exc:
        return f"allowed (robots.txt unavailable: {exc.code})"[:64]
    if result.status >= 400:
        return f"allowed (robots.txt {result.status})"
    parser = urllib.robotparser.RobotFileParser()
    text, _codec = fetcher.decode_text(result.body, result.response_headers)
    parser.parse(text.splitlines())
    if parser.can_fetch(policy.user_agent, url):
        return "allowed by robots.txt"
    raise RobotsDisallowed(f"The site's robots.txt does not allow archiving {url}.")


def extract(result: fetcher.FetchResult) -> Extracted:
    """Text and metadata of the page; errors are recorded, never raised (the raw bytes are archived anyway)."""
    from sources.archiving.extract import extract_page

    try:
        page = extract_page(
            result.body,
            content_type=result.content_type,
            headers=result.response_headers,
            url=result.final_url,
            time_limit=settings.EXTRACTION_TIME_LIMIT,
        )
    except Exception as exc:  # a hostile page must not fail the capture: the WARC is what matters
        logger.warning("extraction failed for %s", result.final_url, exc_info=True)
        return Extracted(error=f"Text extraction failed: {exc}"[:2000])
    error = page.error
    if page.kind in {"pdf", "image", "binary"}:
        real = getattr(result, "sniffed_type", "") or page.kind
        error = (
            f"No text extracted: the response is {real} (served as {result.content_type or 'no content type'}); "
            "its bytes are in the archive."
        )
    return Extracted(
        text=page.text or "",
        title=(page.title or "")[:500],
        author=(page.author or "")[:500],
        published=_as_date(page.published),
        language=(page.language or "")[:16],
        page_canonical_url=page.page_canonical_url or "",
        error=error,
    )


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def warc_name(snapshot: Snapshot, moment: datetime) -> str:
    """One deterministic name per snapshot, so a repeated attempt replaces its file instead of adding one."""
    return f"warc/{moment:%Y/%m}/snapshot-{snapshot.pk}.warc.gz"


class _LocalTempFile(File):
    """Lets FileSystemStorage move (rename) the finished file into place instead of copying it."""

    def temporary_file_path(self) -> str:
        return str(self.name)


def temp_dir() -> Path:
    path = Path(settings.VAR_DIR) / "tmp" / "warc"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_warc(snapshot: Snapshot, result: fetcher.FetchResult, robots: str, fetched_at: datetime) -> Any:
    """Write the WARC into a temp folder (atomic there), then hand it to the default storage under its final name."""
    from sources.archiving.warc import CaptureInput, write_warc

    name = warc_name(snapshot, snapshot.requested_at)
    local = temp_dir() / f"snapshot-{snapshot.pk}-{os.getpid()}-{time.monotonic_ns()}.warc.gz"
    capture = CaptureInput(
        target_url=result.final_url,
        status=result.status,
        body=result.body,
        fetched_at=fetched_at,
        request_headers=list(result.request_headers),
        response_headers=list(result.response_headers),
        http_version=str(result.http_version),
        reason=result.reason,
        content_encoding=result.content_encoding,
        peer_ip=result.peer_ip or None,
        redirect_chain=result.redirect_chain,
        timings=result.timings,
        robots=robots,
        extra_metadata={"requested_url": result.requested_url, "snapshot_id": snapshot.pk},
    )
    try:
        info = write_warc(local, capture=capture)
        if default_storage.exists(name):
            default_storage.delete(name)  # left by an attempt that died before recording it
        with local.open("rb") as handle:
            saved = default_storage.save(name, _LocalTempFile(handle, name=str(local)))
    finally:
        local.unlink(missing_ok=True)
    return saved, info


def capture(snapshot: Snapshot) -> Capture:
    """Fetch and archive; raises fetcher.FetchError / RobotsDisallowed / HttpFailure for the caller to record."""
    from dataclasses import replace

    from sources.domains import block_reason

    # Editors' domain blocks, checked by the fetcher before the first request and on every redirect hop.
    policy = replace(fetcher.FetchPolicy.from_settings(), host_blocked=block_reason)
    url = snapshot.source.url
    robots = robots_decision(url, policy)
    result = fetcher.fetch(url, policy=policy)
    decision = fetcher.classify_status(result.status, result.response_headers)
    if decision.kind != "ok":
        raise HttpFailure(result, decision)
    fetched_at = timezone.now()
    t0 = time.monotonic()
    saved, info = store_warc(snapshot, result, robots, fetched_at)
    t1 = time.monotonic()
    extracted = extract(result)
    timings = {**result.timings, "warc": t1 - t0, "extract": time.monotonic() - t1}
    return Capture(
        result=result,
        robots=robots,
        warc_name=saved,
        warc_sha256=info.sha256,
        payload_sha256=info.payload_sha256 or hashlib.sha256(result.body).hexdigest(),
        extracted=extracted,
        timings={k: round(float(v), 4) for k, v in timings.items()},
    )


class HttpFailure(Exception):
    def __init__(self, result: fetcher.FetchResult, decision: Any) -> None:
        super().__init__(decision.reason)
        self.result = result
        self.decision = decision


# --------------------------------------------------------------------------- recording


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


def record_archived(snapshot: Snapshot, cap: Capture, *, anchor_published: bool = True) -> bool:
    """Store the capture and anchor the evidence in one transaction; False if the lease was lost.

    ``anchor_published=False`` (the page watch) leaves the evidence of published fact-checks pointing at the
    snapshot they cite: an editor decides what the watch found.
    """
    result, ex = cap.result, cap.extracted
    with transaction.atomic():
        updated = _owned(snapshot).update(
            status=Snapshot.Status.ARCHIVED,
            fetched_at=timezone.now(),
            http_status=result.status,
            final_url=result.final_url,
            redirect_chain=result.redirect_chain,
            response_headers=[[str(k), str(v)] for k, v in result.response_headers],
            content_type=(result.content_type or "")[:255],
            sha256=cap.payload_sha256,
            warc_sha256=cap.warc_sha256,
            warc_file=cap.warc_name,
            size=len(result.body),
            title=ex.title,
            author=ex.author,
            published=ex.published,
            language=ex.language,
            extracted_text=ex.text,
            extraction_error=ex.error,
            text_changed=_text_changed(snapshot, ex.text, cap.payload_sha256),
            robots_decision=cap.robots[:64],
            timings=cap.timings,
            error_message="",
            next_attempt_at=None,
        )
        if not updated:
            return False
        source = snapshot.source
        source_fields = []
        if ex.title and not source.title:
            source.title = ex.title
            source_fields.append("title")
        if ex.page_canonical_url and ex.page_canonical_url != source.page_canonical_url:
            source.page_canonical_url = ex.page_canonical_url
            source_fields.append("page_canonical_url")
        if source_fields:
            source.save(update_fields=source_fields)
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


def record_failure(snapshot: Snapshot, reason: str, *, http_status: int | None = None, chain: Any = None) -> None:
    _owned(snapshot).update(
        status=Snapshot.Status.FAILED,
        error_message=reason[:2000],
        http_status=http_status,
        redirect_chain=chain or [],
        next_attempt_at=None,
    )


def record_transient(snapshot: Snapshot, reason: str, *, delay: float | None, http_status: int | None = None) -> None:
    """Schedule another attempt, or give up after FETCH_MAX_ATTEMPTS."""
    if snapshot.attempts >= settings.FETCH_MAX_ATTEMPTS:
        record_failure(
            snapshot, f"Gave up after {snapshot.attempts} attempts. Last error: {reason}", http_status=http_status
        )
        return
    if delay is None or delay <= 0:
        delay = fetcher.backoff_delay(snapshot.attempts)
    delay = min(float(delay), MAX_RETRY_DELAY)
    _owned(snapshot).update(
        status=Snapshot.Status.RETRYING,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
        error_message=f"Attempt {snapshot.attempts} failed: {reason}"[:2000],
        http_status=http_status,
    )


def record_timeout(snapshot: Snapshot) -> None:
    _owned(snapshot).update(
        status=Snapshot.Status.TIMED_OUT,
        error_message=(
            f"Archiving took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} seconds and was stopped. "
            "Retry it, or archive the page by hand."
        ),
        next_attempt_at=None,
    )


# --------------------------------------------------------------------------- evidence


def anchor_evidence(evidence: Evidence, snapshot: Snapshot) -> None:
    """Locate the quote and rank passages against the claim in an archived snapshot."""
    from sources.archiving.anchoring import anchor_quote

    text = snapshot.extracted_text
    fields = ["suggestions"]
    evidence.suggestions = suggestions(evidence.claim.text, text, snapshot)
    if evidence.quote:
        anchor = anchor_quote(evidence.quote, text) if text else None
        status = getattr(anchor, "status", "not_found")
        previously_exact = (
            evidence.anchor_status == Evidence.AnchorStatus.FOUND
            and evidence.anchor_snapshot_id not in (None, snapshot.pk)
        )
        if status == "fuzzy" and previously_exact:
            # Found word for word before, only approximately now: the page was edited.
            evidence.anchor_status = Evidence.AnchorStatus.CHANGED
        elif anchor is not None and status in ("found", "fuzzy"):
            evidence.anchor_status = status
            evidence.selectors = anchor.selectors()
            evidence.anchor_snapshot = snapshot
        elif evidence.anchor_status in (
            Evidence.AnchorStatus.FOUND,
            Evidence.AnchorStatus.FUZZY,
            Evidence.AnchorStatus.CHANGED,
        ) and evidence.anchor_snapshot_id not in (None, snapshot.pk):
            evidence.anchor_status = Evidence.AnchorStatus.CHANGED  # keeps pointing at the snapshot that had it
        else:
            evidence.anchor_status = Evidence.AnchorStatus.NOT_FOUND
            evidence.selectors = []
            evidence.anchor_snapshot = snapshot
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


# --------------------------------------------------------------------------- sweeping


def stuck_ids(now: datetime, *, pending_older_than: timedelta) -> list[int]:
    lease_cutoff = now - timedelta(seconds=lease_seconds())
    return list(
        Snapshot.objects.filter(
            Q(status=Snapshot.Status.PENDING, requested_at__lt=now - pending_older_than)
            | Q(status=Snapshot.Status.RETRYING, next_attempt_at__lte=now)
            | Q(status=Snapshot.Status.RETRYING, next_attempt_at__isnull=True)
            | Q(status=Snapshot.Status.FETCHING, started_at__lt=lease_cutoff)
        )
        .order_by("requested_at")
        .values_list("pk", flat=True)[:500]
    )


def fail_exhausted(now: datetime) -> int:
    """Rows whose worker died on every attempt (lease expired, attempts used up) are failed, not retried forever."""
    lease_cutoff = now - timedelta(seconds=lease_seconds())
    return Snapshot.objects.filter(
        status=Snapshot.Status.FETCHING, started_at__lt=lease_cutoff, attempts__gte=settings.FETCH_MAX_ATTEMPTS
    ).update(
        status=Snapshot.Status.FAILED,
        error_message="The worker stopped while archiving this page on every attempt (crash or time limit).",
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
