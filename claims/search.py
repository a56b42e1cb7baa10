"""Full-text search over claims and articles: the one module the search page asks.

PostgreSQL: `websearch_to_tsquery` with a French or an English configuration (both unaccented, see
migration 0005) chosen by the article's language, matched through GIN indexes (migration 0012, see
`factcheck.lib.textsearch.pg_match`), ranked with `ts_rank`, highlighted with
`ts_headline`. SQLite (the embedded default): FTS5 tables kept in step by triggers, ranked with bm25,
highlighted with `highlight()`/`snippet()`. Filters are plain ORM filters on top of either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Case, F, OuterRef, QuerySet, Subquery, Value, When
from django.utils.safestring import SafeString

from claims.models import Article, Claim, Verdict
from factcheck.lib.textsearch import START, STOP, fts5_query, highlighted, pg_match, query_words


@dataclass(frozen=True)
class SearchFilters:
    status: str = ""
    language: str = ""
    assignee_id: int | None = None
    rating_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class Hit:
    obj: Any
    rank: float
    snippet: SafeString


def _config_for(language_field: str) -> Case:
    return Case(
        When(**{f"{language_field}__startswith": "fr"}, then=Value("fr_unaccent")), default=Value("en_unaccent")
    )


def _filter_claims(qs: QuerySet[Claim], filters: SearchFilters) -> QuerySet[Claim]:
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.language:
        qs = qs.filter(article__language__startswith=filters.language)
    if filters.assignee_id:
        qs = qs.filter(assignee_id=filters.assignee_id)
    if filters.rating_id:
        newest = Verdict.objects.filter(claim=OuterRef("pk")).order_by("-created_at", "-id").values("rating_id")[:1]
        qs = qs.annotate(current_rating=Subquery(newest)).filter(current_rating=filters.rating_id)
    if filters.date_from:
        qs = qs.filter(article__created_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(article__created_at__date__lte=filters.date_to)
    return qs


def _filter_articles(qs: QuerySet[Article], filters: SearchFilters) -> QuerySet[Article]:
    if filters.language:
        qs = qs.filter(language__startswith=filters.language)
    if filters.date_from:
        qs = qs.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(created_at__date__lte=filters.date_to)
    return qs


def _fts5(table: str, query: str, snippet_sql: str, limit: int) -> list[tuple[int, float, str]]:
    """(rowid, rank, highlighted text) from an FTS5 table, best first (bm25 is negative: lower is better)."""
    match = fts5_query(query)
    if not match:
        return []
    sql = (
        f"SELECT rowid, bm25({table}) AS rank, {snippet_sql} FROM {table} WHERE {table} MATCH %s ORDER BY rank LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return [(int(row[0]), -float(row[1]), str(row[2] or "")) for row in cursor.fetchall()]


def _keep_order(rows: list[tuple[int, float, str]], objects: dict[int, Any], limit: int) -> list[Hit]:
    hits = [Hit(objects[pk], rank, highlighted(text)) for pk, rank, text in rows if pk in objects]
    return hits[:limit]


def search_claims(*, query: str, filters: SearchFilters | None = None, limit: int = 50) -> list[Hit]:
    filters = filters or SearchFilters()
    if not query_words(query):
        return []
    base = _filter_claims(Claim.objects.select_related("article", "assignee"), filters)
    if connection.vendor == "postgresql":
        return _pg_claims(base, query, limit)
    if connection.vendor == "sqlite":
        rows = _fts5("claims_claim_fts", query, "highlight(claims_claim_fts, 0, char(2), char(3))", 1000)
        objects = base.in_bulk([pk for pk, _rank, _text in rows])
        return _keep_order(rows, objects, limit)
    return _fallback(base, "text", query, limit)


def search_articles(*, query: str, filters: SearchFilters | None = None, limit: int = 20) -> list[Hit]:
    filters = filters or SearchFilters()
    if not query_words(query):
        return []
    base = _filter_articles(Article.objects.all(), filters)
    if connection.vendor == "postgresql":
        return _pg_articles(base, query, limit)
    if connection.vendor == "sqlite":
        snippet = "snippet(claims_article_fts, -1, char(2), char(3), '…', 24)"
        rows = _fts5("claims_article_fts", query, snippet, 500)
        objects = base.in_bulk([pk for pk, _rank, _text in rows])
        return _keep_order(rows, objects, limit)
    return _fallback(base, "title", query, limit)


def _pg_claims(base: QuerySet[Claim], query: str, limit: int) -> list[Hit]:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector

    config = _config_for("article__language")
    vector = SearchVector("text", config=config)
    search = SearchQuery(query, config=config, search_type="websearch")
    rows = (
        pg_match(base, fields=("text",), language_field="article__language", query=query)
        .annotate(rank=SearchRank(vector, search))
        .annotate(
            headline=SearchHeadline("text", search, config=config, start_sel=START, stop_sel=STOP, highlight_all=True)
        )
        .order_by("-rank", "id")[:limit]
    )
    return [Hit(claim, float(claim.rank), highlighted(claim.headline)) for claim in rows]


def _pg_articles(base: QuerySet[Article], query: str, limit: int) -> list[Hit]:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector

    config = _config_for("language")
    vector = SearchVector("title", weight="A", config=config) + SearchVector("body", weight="B", config=config)
    search = SearchQuery(query, config=config, search_type="websearch")
    rows = (
        pg_match(base, fields=("title", "body"), language_field="language", query=query)
        .annotate(rank=SearchRank(vector, search))
        .annotate(
            headline=SearchHeadline(
                "body", search, config=config, start_sel=START, stop_sel=STOP, max_words=35, min_words=15
            )
        )
        .order_by("-rank", "id")[:limit]
    )
    return [Hit(article, float(article.rank), highlighted(article.headline)) for article in rows]


def _fallback(base: QuerySet[Any], field: str, query: str, limit: int) -> list[Hit]:
    """Any other database: every word must appear, no ranking beyond recency."""
    qs = base
    for word in query_words(query):
        qs = qs.filter(**{f"{field}__icontains": word})
    return [Hit(obj, 0.0, highlighted(str(getattr(obj, field)))) for obj in qs.order_by(F("pk").desc())[:limit]]
