"""Reads for sources, snapshots and evidence."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from claims.models import Claim
from sources.models import Evidence, Snapshot, Source

# A capture still under way: the claim page polls while one of its sources is in one of these.
IN_PROGRESS = (Snapshot.Status.PENDING, Snapshot.Status.FETCHING, Snapshot.Status.RETRYING)


def evidence_with_newest_snapshot() -> QuerySet[Evidence]:
    """Evidence, newest first, with each source's snapshots prefetched newest first (see ``newest_snapshot``)."""
    newest_first = Snapshot.objects.order_by("-requested_at", "-id")
    return (
        Evidence.objects.select_related("source", "added_by", "anchor_snapshot")
        .prefetch_related(Prefetch("source__snapshots", queryset=newest_first, to_attr="newest_snapshots"))
        .order_by("-added_at", "-id")
    )


def newest_snapshot(evidence: Evidence) -> Snapshot | None:
    """The latest capture of the evidence's source; the evidence must come from ``evidence_with_newest_snapshot``."""
    snapshots: list[Snapshot] = evidence.source.newest_snapshots  # type: ignore[attr-defined]
    return snapshots[0] if snapshots else None


def claim_evidence_in_progress(*, claim: Claim) -> bool:
    """Is the newest capture of any of the claim's sources still under way?"""
    return any(
        (snapshot := newest_snapshot(item)) is not None and snapshot.status in IN_PROGRESS
        for item in evidence_with_newest_snapshot().filter(claim=claim)
    )


def source_latest_archived(*, source: Source) -> Snapshot | None:
    return source.snapshots.filter(status=Snapshot.Status.ARCHIVED).order_by("-fetched_at", "-id").first()


def source_evidence(*, source: Source) -> QuerySet[Evidence]:
    return (
        Evidence.objects.filter(source=source)
        .select_related("claim", "added_by", "anchor_snapshot")
        .order_by("-added_at", "-id")
    )


def source_snapshots(*, source: Source) -> QuerySet[Snapshot]:
    return source.snapshots.order_by("-requested_at", "-id")
