"""PostgreSQL search reads the GIN indexes of claims 0012 / sources 0009 instead of scanning every row."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from claims.models import Article, Claim
from factcheck.lib.textsearch import pg_match
from sources.models import Snapshot
from tests.factories import ArticleFactory, ClaimFactory, SnapshotFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite searches its FTS5 tables"),
]


def _plan(qs: Any) -> str:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim; ANALYZE claims_article; ANALYZE sources_snapshot")
        cursor.execute("SET LOCAL enable_seqscan = off")  # a small test table would otherwise be read whole
    return str(qs.explain())


def test_claim_search_uses_the_french_and_english_indexes() -> None:
    french = ArticleFactory(language="fr", body="Le budget de la défense augmente.")
    english = ArticleFactory(language="en", body="The defence budget rises.")
    for i in range(50):
        ClaimFactory(article=french if i % 2 else english, text=f"claim {i} about the budget", order=i)
    plan = _plan(pg_match(Claim.objects.all(), fields=("text",), language_field="article__language", query="budget"))
    assert "claims_claim_fts_fr" in plan and "claims_claim_fts_en" in plan, plan
    assert "Seq Scan on claims_claim" not in plan


def test_article_and_archive_search_use_their_indexes() -> None:
    ArticleFactory.create_batch(20, language="fr", title="Budget", body="Le budget de la défense.")
    plan = _plan(pg_match(Article.objects.all(), fields=("title", "body"), language_field="language", query="défense"))
    assert "claims_article_fts_fr" in plan, plan
    SnapshotFactory.create_batch(5, status=Snapshot.Status.ARCHIVED, sha256="0" * 64, extracted_text="budget")
    plan = _plan(
        pg_match(Snapshot.objects.all(), fields=("title", "extracted_text"), language_field="language", query="budget")
    )
    assert "sources_snapshot_fts_en" in plan, plan


def test_the_indexed_search_still_matches_each_row_in_its_own_language() -> None:
    ArticleFactory(language="fr", title="Réformes", body="Les réformes annoncées.")  # French stem: "réform"
    ArticleFactory(language="en", title="Reforms", body="The announced reforms.")
    qs = pg_match(Article.objects.all(), fields=("title", "body"), language_field="language", query="reforme")
    assert [a.language for a in qs] == ["fr"]  # unaccented French matches; English "reforme" stems elsewhere
