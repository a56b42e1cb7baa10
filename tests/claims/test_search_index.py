"""PostgreSQL search reads the GIN indexes of claims 0012 / sources 0009 instead of scanning every row."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from claims.models import Article, Claim
from factcheck.lib.textsearch import pg_match
from sources.models import Snapshot
from tests.factories import ArticleFactory, SourceFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite searches its FTS5 tables"),
]


ROWS = 3000  # enough rows that reading the whole table costs more than the index


def _plan(qs: Any) -> str:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim; ANALYZE claims_article; ANALYZE sources_snapshot")
    return str(qs.explain())


def test_claim_search_uses_the_french_and_english_indexes() -> None:
    words = [f"mot{i}" for i in range(ROWS)]
    french = ArticleFactory(language="fr", body=" ".join(words))
    english = ArticleFactory(language="en", body=" ".join(words))
    claims, start = [], 0
    for i, word in enumerate(words):
        for article in (french, english):
            claims.append(Claim(article=article, start=start, end=start + len(word), text=word, order=i))
        start += len(word) + 1
    Claim.objects.bulk_create(claims)
    qs = pg_match(Claim.objects.all(), fields=("text",), language_field="article__language", query="mot7")
    plan = _plan(qs)
    assert "claims_claim_fts_fr" in plan and "claims_claim_fts_en" in plan, plan
    assert len(qs) == 2


def test_article_and_archive_search_use_their_indexes() -> None:
    Article.objects.bulk_create(
        Article(language="fr" if i % 2 else "en", title=f"Article {i}", body=f"Le budget de la défense, dossier{i}.")
        for i in range(ROWS)
    )
    plan = _plan(pg_match(Article.objects.all(), fields=("title", "body"), language_field="language", query="dossier7"))
    assert "claims_article_fts_fr" in plan and "claims_article_fts_en" in plan, plan
    source = SourceFactory()
    Snapshot.objects.bulk_create(
        Snapshot(source=source, status=Snapshot.Status.ARCHIVED, sha256="0" * 64, extracted_text=f"page{i}")
        for i in range(ROWS)
    )
    qs = pg_match(Snapshot.objects.all(), fields=("title", "extracted_text"), language_field="language", query="page7")
    plan = _plan(qs)
    assert "sources_snapshot_fts_en" in plan, plan


def test_the_indexed_search_still_matches_each_row_in_its_own_language() -> None:
    ArticleFactory(language="fr", title="Élevage", body="Les chevaux courent.")
    ArticleFactory(language="en", title="Élevage", body="Les chevaux courent.")
    qs = pg_match(Article.objects.all(), fields=("title", "body"), language_field="language", query="cheval elevage")
    assert [a.language for a in qs] == [
        "fr"
    ]  # French stems "chevaux" to "cheval" (and drops the accent); English does not
