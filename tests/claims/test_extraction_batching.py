"""Batched extraction and model preloading give the same claims, only sooner (no database needed)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from claims.extraction import ExtractionInputError, extract, extract_many
from claims.extraction import nlp as nlp_models
from claims.extraction.preload import warm_up
from claims.extraction.spans import compose

EVAL_DIR = Path(__file__).resolve().parents[2] / "bench" / "eval"
EVAL_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(EVAL_DIR.glob("*.txt"))]
needs_french_model = pytest.mark.skipif(
    not nlp_models.model_available("fr"), reason="fr_core_news_sm is not installed: no spaCy parse to batch"
)


def _claims(result: Any) -> list[dict[str, Any]]:
    return [claim.to_dict() for claim in result.claims]


@needs_french_model
@pytest.mark.parametrize("articles_per_batch", [1, 3, 64])
def test_batched_extraction_gives_the_same_claims_and_spans_as_one_article_at_a_time(articles_per_batch: int):
    assert len(EVAL_TEXTS) > 3
    one_at_a_time = [extract(text) for text in EVAL_TEXTS]
    batched = list(extract_many(EVAL_TEXTS, articles_per_batch=articles_per_batch))

    assert [_claims(r) for r in batched] == [_claims(r) for r in one_at_a_time]
    assert [(r.language, r.engine, r.language_detected) for r in batched] == [
        (r.language, r.engine, r.language_detected) for r in one_at_a_time
    ]
    for text, result in zip(EVAL_TEXTS, batched, strict=True):
        assert all(compose(text, c.spans) == c.text for c in result.claims)


@needs_french_model
def test_batched_extraction_keeps_the_order_of_mixed_languages_and_engines():
    french = "Le conseil a voté mardi un budget de 3,5 millions d'euros, selon le maire."
    german = "Der Stadtrat hat am Dienstag einen Haushalt von 3,5 Millionen Euro beschlossen."
    texts = [french, german, french, german]

    results = list(extract_many(texts, articles_per_batch=4))

    assert [r.language for r in results] == ["fr", "de", "fr", "de"]
    assert [r.engine for r in results] == ["spacy", "rules", "spacy", "rules"]
    assert [_claims(r) for r in results] == [_claims(extract(text)) for text in texts]


def test_batched_extraction_refuses_an_empty_text_like_extract():
    with pytest.raises(ExtractionInputError):
        list(extract_many(["Le conseil a voté un budget de 3 millions d'euros.", "   "]))


@needs_french_model
def test_after_the_warm_up_no_article_loads_a_model(monkeypatch: pytest.MonkeyPatch):
    import spacy

    assert "fr" in warm_up()

    def no_second_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("spaCy model loaded again after the warm-up")

    monkeypatch.setattr(spacy, "load", no_second_load)
    result = extract("Le conseil municipal a voté mardi un budget de 3,5 millions d'euros, selon le maire.")
    assert result.engine == "spacy" and result.claims


@needs_french_model
def test_the_worker_main_process_preloads_every_model_before_forking(caplog: pytest.LogCaptureFixture):
    from claims.extraction import language
    from factcheck import celery as celery_module

    try:
        with caplog.at_level("INFO", logger="factcheck.celery"):
            celery_module._preload_models()
        assert gc.get_freeze_count() > 0  # what was loaded stays out of the children's garbage collections
    finally:
        gc.unfreeze()
    assert "pipe:fr" in nlp_models._cache
    assert language._detector is not None  # the one detector, archived pages' too
    assert "models preloaded in the worker's main process" in caplog.text
    assert "spaCy fr" in caplog.text
