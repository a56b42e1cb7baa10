"""The page watch: re-capture the pages cited by published fact-checks and tell an editor when a cited quote
moved, changed or disappeared, or the page is gone.

Each due source is captured through the normal pipeline (so the fetcher's limits, SSRF guard, domain blocks
and per-host politeness apply), but the evidence of published fact-checks keeps pointing at the snapshot it
cites: the watch only records a ``PageChange`` and flags the claim. Nothing changes publicly until an editor
marks the change reviewed or corrects the fact-check.
"""

from __future__ import annotations

import difflib
import logging
import textwrap
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.extraction.segment import sentences_in
from claims.extraction.types import Span
from claims.models import Claim
from claims.moderation import claim_flag
from factcheck.lib import queue
from sources import services
from sources.archiving.anchoring import CONTEXT_CHARS, anchor_quote
from sources.models import Evidence, PageChange, Snapshot, Source

logger = logging.getLogger(__name__)

DIFF_CONTEXT_CHARS = 160  # text shown around the passage in the diff
GONE_STATUSES = {404, 410}


def _published_evidence() -> Any:
    return Evidence.objects.filter(
        claim__status=Claim.Status.PUBLISHED,
        claim__withdrawn_at__isnull=True,
        claim__deleted_at__isnull=True,
    )


def sources_due(*, now: datetime | None = None, limit: int | None = None) -> list[int]:
    """Sources cited by a live published fact-check whose own interval (or the default) has passed."""
    now = now or timezone.now()
    default = timedelta(hours=settings.PAGE_WATCH_DEFAULT_HOURS)
    candidates = (
        Source.objects.filter(pk__in=_published_evidence().values("source_id"))
        .filter(Q(last_watched_at__isnull=True) | Q(last_watched_at__lt=now - timedelta(hours=1)))
        .order_by("last_watched_at", "id")
        .values_list("pk", "last_watched_at", "watch_interval_hours")
    )
    due = []
    for pk, last, hours in candidates:
        interval = timedelta(hours=hours) if hours else default
        if last is None or last + interval <= now:
            due.append(pk)
            if len(due) >= (limit or settings.PAGE_WATCH_BATCH):
                break
    return due


def watch_enqueue_due() -> int:
    """Periodic entry point: one task per due source (enqueued after commit; the fetcher spaces per host)."""
    ids = sources_due()
    now = timezone.now()
    # Stamped first so that two beats never capture the same page twice.
    Source.objects.filter(pk__in=ids).update(last_watched_at=now)
    for source_id in ids:
        transaction.on_commit(partial(_enqueue_watch, source_id))
    return len(ids)


def _enqueue_watch(source_id: int) -> None:
    # By task name (factcheck.lib.queue): this module never imports the tasks that call it. A broker that is
    # down is logged there; the next beat finds the source due again.
    queue.enqueue("sources.watch_source", source_id)


@dataclass
class Finding:
    kind: str
    old_passage: str
    new_passage: str
    old_context: str
    new_context: str
    detail: str = ""


def _cited(evidence: Evidence) -> tuple[str, str, str, str]:
    """(passage, prefix, suffix, context) as cited: from the anchored snapshot, else the quote itself."""
    quote_sel = next((s for s in evidence.selectors if s.get("type") == "TextQuoteSelector"), None)
    pos_sel = next((s for s in evidence.selectors if s.get("type") == "TextPositionSelector"), None)
    exact = (quote_sel or {}).get("exact") or evidence.quote
    prefix = (quote_sel or {}).get("prefix", "")
    suffix = (quote_sel or {}).get("suffix", "")
    context = exact
    snapshot = evidence.anchor_snapshot
    if snapshot is not None and pos_sel is not None and snapshot.extracted_text:
        text = snapshot.extracted_text
        start, end = int(pos_sel["start"]), int(pos_sel["end"])
        context = text[max(0, start - DIFF_CONTEXT_CHARS) : end + DIFF_CONTEXT_CHARS]
    return exact, prefix, suffix, context


def compare(evidence: Evidence, new_text: str) -> Finding | None:
    """What happened to the cited quote in the new text; None when it is still there, in the same place."""
    exact, prefix, suffix, old_context = _cited(evidence)
    anchor = anchor_quote(exact, new_text, prefix=prefix, suffix=suffix)
    if anchor.status == "found" and anchor.start is not None and anchor.end is not None:
        same_place = anchor.prefix.strip()[-CONTEXT_CHARS:] == prefix.strip()[-CONTEXT_CHARS:] and (
            anchor.suffix.strip()[:CONTEXT_CHARS] == suffix.strip()[:CONTEXT_CHARS]
        )
        if same_place or not (prefix or suffix):
            return None
        new_context = new_text[max(0, anchor.start - DIFF_CONTEXT_CHARS) : anchor.end + DIFF_CONTEXT_CHARS]
        return Finding(PageChange.Kind.MOVED, exact, anchor.exact, old_context, new_context)
    if anchor.status == "fuzzy" and anchor.start is not None and anchor.end is not None:
        new_context = new_text[max(0, anchor.start - DIFF_CONTEXT_CHARS) : anchor.end + DIFF_CONTEXT_CHARS]
        return Finding(PageChange.Kind.CHANGED, exact, anchor.exact, old_context, new_context)
    # Not found, not even approximately (a changed figure fails the fuzzy match on purpose): look where the
    # passage used to be, between its old neighbours, to show what replaced it.
    spot = _between(new_text, prefix, suffix, len(exact))
    if spot is not None:
        start, end = spot
        new_context = new_text[max(0, start - DIFF_CONTEXT_CHARS) : end + DIFF_CONTEXT_CHARS]
        return Finding(PageChange.Kind.CHANGED, exact, new_text[start:end], old_context, new_context)
    return Finding(PageChange.Kind.DISAPPEARED, exact, "", old_context, "")


def _between(text: str, prefix: str, suffix: str, length: int) -> tuple[int, int] | None:
    prefix, suffix = prefix.strip(), suffix.strip()
    if prefix and (i := text.find(prefix)) >= 0:
        start = i + len(prefix)
        end = text.find(suffix, start) if suffix else -1
        if end < 0 or end - start > 3 * length + 40:
            end = min(len(text), start + length + 20)
        return start, end
    if suffix and (j := text.find(suffix)) >= 0:
        return max(0, j - length - 20), j
    return None


def _lines(text: str) -> list[str]:
    """One sentence a line (long ones wrapped), so a changed figure shows as one sentence, old then new.

    Sentences are split as claim extraction splits them: "M. Dupont" or "3.5" do not end one.
    """
    flat = " ".join(text.split())
    lines: list[str] = []
    for sentence in sentences_in(flat, Span(0, len(flat))):
        lines.extend(textwrap.wrap(flat[sentence.start : sentence.end], 120))
    return lines or [""]


def readable_diff(old: str, new: str) -> str:
    """A unified diff of two passages, sentence by sentence."""
    old_lines, new_lines = _lines(old), _lines(new)
    lines = difflib.unified_diff(old_lines, new_lines, _("cited snapshot"), _("new capture"), lineterm="", n=2)
    return "\n".join(lines)


def watch_source(*, source_id: int) -> list[PageChange]:
    """Capture one cited page now and record what changed for each published quote from it."""
    source = Source.objects.get(pk=source_id)
    Source.objects.filter(pk=source_id).update(last_watched_at=timezone.now())
    try:
        snapshot = services.snapshot_request(source=source, enqueue=False)
    except ValidationError as exc:  # blocked since it was cited: say so, the page is not fetched
        return _record_all(source, None, kind=PageChange.Kind.PAGE_GONE, detail=" ".join(exc.messages))
    done = services.snapshot_archive(snapshot_id=snapshot.pk, anchor_published=False)
    if done is None or done.status in (Snapshot.Status.RETRYING, Snapshot.Status.PENDING):
        return []  # a transient failure: the next beat tries again; nobody is bothered yet
    if done.status != Snapshot.Status.ARCHIVED or done.http_status in GONE_STATUSES:
        return _record_all(source, done, kind=PageChange.Kind.PAGE_GONE, detail=done.error_message)
    archived = Snapshot.objects.get(pk=done.pk)
    found = []
    for evidence in _published_evidence().filter(source=source).exclude(quote="").select_related("anchor_snapshot"):
        finding = compare(evidence, archived.extracted_text)
        if finding is not None:
            change = _record(evidence, archived, finding)
            if change is not None:
                found.append(change)
    return found


def _record_all(source: Source, snapshot: Snapshot | None, *, kind: str, detail: str) -> list[PageChange]:
    found = []
    for evidence in _published_evidence().filter(source=source).select_related("anchor_snapshot"):
        exact, _prefix, _suffix, context = _cited(evidence)
        finding = Finding(kind, exact, "", context, "", detail=detail)
        change = _record(evidence, snapshot, finding)
        if change is not None:
            found.append(change)
    return found


@transaction.atomic
def _record(evidence: Evidence, snapshot: Snapshot | None, finding: Finding) -> PageChange | None:
    """One PageChange per evidence and finding; the same finding again (next beat) adds nothing."""
    open_same = PageChange.objects.filter(
        evidence=evidence, reviewed_at__isnull=True, kind=finding.kind, new_passage=finding.new_passage
    )
    if open_same.exists():
        return None
    change = PageChange.objects.create(
        evidence=evidence,
        claim_id=evidence.claim_id,
        snapshot=snapshot,
        kind=finding.kind,
        old_passage=finding.old_passage,
        new_passage=finding.new_passage,
        diff=readable_diff(finding.old_context, finding.new_context) if finding.new_context else "",
        detail=finding.detail[:2000],
    )
    reason = _("Page watch: %(kind)s in %(url)s.") % {
        "kind": change.get_kind_display().lower(),
        "url": evidence.source.canonical_url,
    }
    claim_flag(claim=Claim.objects.get(pk=evidence.claim_id), reason=reason, by=None)
    return change


def claim_page_changes(*, claim_id: int) -> list[PageChange]:
    """Open findings for a claim (the notice on its page)."""
    return list(
        PageChange.objects.filter(claim_id=claim_id, reviewed_at__isnull=True)
        .select_related("evidence__source", "snapshot")
        .order_by("-detected_at", "-id")
    )
