"""Reads for sources, snapshots and evidence."""

from __future__ import annotations

from typing import Any

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
        Evidence.objects.filter(source=source, claim__deleted_at__isnull=True)
        .select_related("claim", "added_by", "anchor_snapshot")
        .order_by("-added_at", "-id")
    )


def source_snapshots(*, source: Source) -> QuerySet[Snapshot]:
    return source.snapshots.order_by("-requested_at", "-id")


def search_sources(*, query: str, language: str = "", limit: int = 20) -> list[Any]:
    """Archived pages whose title or text match, best first, one hit per source (its best capture)."""
    from django.db import connection

    from claims.search import Hit
    from factcheck.lib.textsearch import START, STOP, fts5_query, highlighted, pg_match, query_words

    if not query_words(query):
        return []
    base = Snapshot.objects.filter(status=Snapshot.Status.ARCHIVED).select_related("source").defer("response_headers")
    if language:
        base = base.filter(language__startswith=language)
    hits: list[Hit] = []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
        from django.db.models import Case, Value, When

        config = Case(When(language__startswith="fr", then=Value("fr_unaccent")), default=Value("en_unaccent"))
        vector = SearchVector("title", weight="A", config=config) + SearchVector(
            "extracted_text", weight="B", config=config
        )
        search = SearchQuery(query, config=config, search_type="websearch")
        matched = pg_match(base, fields=("title", "extracted_text"), language_field="language", query=query)
        rows = (
            matched.annotate(rank=SearchRank(vector, search))
            .annotate(headline=SearchHeadline("extracted_text", search, config=config, start_sel=START, stop_sel=STOP))
            .order_by("-rank", "-id")[: limit * 3]
        )
        hits = [Hit(row, float(row.rank), highlighted(row.headline)) for row in rows]
    elif connection.vendor == "sqlite":
        match = fts5_query(query)
        sql = (
            "SELECT rowid, bm25(sources_snapshot_fts), "
            "snippet(sources_snapshot_fts, -1, char(2), char(3), '…', 24) FROM sources_snapshot_fts "
            "WHERE sources_snapshot_fts MATCH %s ORDER BY 2 LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, limit * 3])
            rows_raw = cursor.fetchall()
        objects = base.in_bulk([int(row[0]) for row in rows_raw])
        hits = [Hit(objects[int(r[0])], -float(r[1]), highlighted(str(r[2]))) for r in rows_raw if int(r[0]) in objects]
    seen: set[int] = set()
    best: list[Hit] = []
    for hit in hits:
        if hit.obj.source_id not in seen:
            seen.add(hit.obj.source_id)
            best.append(hit)
    return best[:limit]
