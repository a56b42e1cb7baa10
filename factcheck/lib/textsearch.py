"""Helpers every full-text search shares: the query for SQLite FTS5, and safe highlighting.

Highlights come back from the database with two control characters around each matching word
(never HTML, which an article or an archived page could smuggle in); they are escaped here and only
then turned into <mark> elements.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\x02", "\x03"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def vendor() -> str:
    return connection.vendor


def fts5_query(text: str) -> str:
    """Every word of the query must appear (as a word prefix, a little stemming for free); quotes are safe."""
    return " ".join(f'"{token}"*' for token in _TOKEN.findall(text)[:12])


def query_words(text: str) -> list[str]:
    return _TOKEN.findall(text)[:12]


def highlighted(text: str) -> SafeString:
    cleaned = str(escape(text)).replace(START, '<mark class="hit">').replace(STOP, "</mark>")
    return mark_safe(cleaned)  # noqa: S308 - escaped above; only our own <mark> tags are added


def language_config(language: str) -> str:
    """The PostgreSQL text search configuration for an article or page language (unaccented)."""
    return "fr_unaccent" if (language or "").lower().startswith("fr") else "en_unaccent"


PG_CONFIGS = {"fr": "fr_unaccent", "en": "en_unaccent"}


def pg_match(qs: Any, *, fields: tuple[str, ...], language_field: str, query: str) -> Any:
    """Rows whose ``fields`` match ``query`` in their own language's configuration (French when ``language_field``
    starts with "fr", English otherwise), written so PostgreSQL can use the GIN indexes of the migrations
    (claims 0012, sources 0009): one constant-configuration ``to_tsvector`` per language, the exact expression
    indexed, OR-ed (a bitmap OR of the two indexes), then each row kept only for its own language.
    """
    from django.contrib.postgres.search import SearchQuery, SearchVector
    from django.db.models import Q

    docs = {lang: SearchVector(*fields, config=cfg) for lang, cfg in PG_CONFIGS.items()}
    queries = {lang: SearchQuery(query, config=cfg, search_type="websearch") for lang, cfg in PG_CONFIGS.items()}
    is_french = Q(**{f"{language_field}__startswith": "fr"})
    return (
        qs.alias(doc_fr=docs["fr"], doc_en=docs["en"])
        .filter(Q(doc_fr=queries["fr"]) | Q(doc_en=queries["en"]))
        .filter((is_french & Q(doc_fr=queries["fr"])) | (~is_french & Q(doc_en=queries["en"])))
    )
