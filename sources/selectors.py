"""Reads for sources, snapshots and evidence."""

from __future__ import annotations

from django.db.models import QuerySet

from claims.models import Claim
from sources.models import Evidence, Snapshot, Source


def claim_evidence(*, claim: Claim) -> QuerySet[Evidence]:
    return Evidence.objects.filter(claim=claim).select_related("source", "added_by", "anchor_snapshot")


def source_latest_snapshot(*, source: Source) -> Snapshot | None:
    return source.snapshots.order_by("-requested_at", "-id").first()


def source_latest_archived(*, source: Source) -> Snapshot | None:
    return source.snapshots.filter(status=Snapshot.Status.ARCHIVED).order_by("-fetched_at", "-id").first()


def source_evidence(*, source: Source) -> QuerySet[Evidence]:
    return (
        Evidence.objects.filter(source=source, claim__deleted_at__isnull=True)
        .select_related("claim", "added_by", "anchor_snapshot")
        .order_by("-added_at", "-id")
    )


def source_snapshots(*, source: Source) -> QuerySet[Snapshot]:
    return source.snapshots.order_by("-requested_at", "-id")
