"""Extraction through the Django service: article status, stored claims, idempotent re-extraction."""

from __future__ import annotations

import pytest

from claims.models import Article, Claim
from claims.services import article_create, article_request_extraction, article_run_extraction

BODY = (
    "Selon l'Insee, le chômage a reculé à 7,3 % au troisième trimestre, soit une baisse de 0,2 point.\n"
    "Le gouvernement a annoncé le 25 novembre 2024 un plan de 3 milliards d'euros.\n"
    "Faut-il s'en inquiéter ?\n"
)


@pytest.fixture
def article(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        art = article_create(title="Chômage", body=BODY, created_by=None, language="fr")
    assert art.extraction_status == Article.ExtractionStatus.PENDING
    return art


def test_extraction_stores_claims_and_marks_ready(article):
    article_run_extraction(article_id=article.pk)
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.READY
    assert article.language == "fr"
    claims = list(article.claims.order_by("order"))
    assert len(claims) >= 4
    for claim in claims:
        assert article.body[claim.start : claim.end] == claim.text
    insee = next(c for c in claims if "chômage a reculé" in c.text)
    assert insee.facts["attribution"] == "Insee"
    assert insee.checkworthy
    question = next(c for c in claims if c.text.startswith("Faut-il"))
    assert not question.checkworthy


def test_reextraction_is_idempotent_and_keeps_worked_on_claims(article):
    article_run_extraction(article_id=article.pk)
    first = {(c.start, c.end) for c in article.claims.all()}
    worked = article.claims.get(text__contains="Le gouvernement a annoncé")
    worked.status = Claim.Status.IN_REVIEW
    worked.save()

    article_request_extraction(article=article)
    article_run_extraction(article_id=article.pk)
    assert {(c.start, c.end) for c in article.claims.all()} == first
    assert article.claims.count() == len(first)

    # The body changes: the claim under review is kept even if its span is no longer extracted.
    Article.objects.filter(pk=article.pk).update(body="Un tout autre texte de 12 mots sur la pluie à Paris en 2024.")
    article_request_extraction(article=article)
    article_run_extraction(article_id=article.pk)
    assert Claim.objects.filter(pk=worked.pk).exists()
