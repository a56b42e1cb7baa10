"""Self-contained claims keep exact provenance: spans, their hull, the sentence, in storage, API, command and UI."""

from __future__ import annotations

import importlib
import json
from io import StringIO
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from claims import services
from claims.extraction import extract
from claims.extraction.spans import compose, normalise, to_article
from claims.extraction.types import SPAN_JOINER
from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, api

BODY = "Les syndicats, qui réclamaient ce plan depuis 2021, ont salué l'annonce du ministre."


def _composed_claim(**extra: Any) -> Claim:
    article = ArticleFactory(body=BODY, language="fr")
    spans = [[0, 13], [19, 50]]
    return ClaimFactory(
        article=article,
        start=0,
        end=50,
        spans=spans,
        text=compose(BODY, spans),
        sentence_start=0,
        sentence_end=len(BODY),
        **extra,
    )


def test_compose_joins_apart_spans_and_maps_offsets_back() -> None:
    spans = [(0, 13), (19, 50)]
    text = compose(BODY, spans)
    assert text == "Les syndicats" + SPAN_JOINER + "réclamaient ce plan depuis 2021"
    at = text.index("2021")
    assert BODY[to_article(spans, at) : to_article(spans, at + 4)] == "2021"
    assert normalise([(5, 9), (0, 3), (3, 4), (8, 12)]) == [(0, 4), (5, 12)]


def test_every_extracted_claim_has_valid_spans_and_a_sentence() -> None:
    text = BODY + " Le plan coûtera 3 milliards d'euros."
    result = extract(text, language="fr")
    assert result.claims
    for claim in result.claims:
        data = claim.to_dict()
        spans = data["spans"]
        assert spans and (spans[0][0], spans[-1][1]) == (claim.start, claim.end)
        assert data["text"] == compose(text, spans)
        assert data["sentence"][0] <= claim.start and claim.end <= data["sentence"][1]


@pytest.mark.django_db
def test_extraction_stores_spans_and_sentence() -> None:
    article = ArticleFactory(body=BODY, language="fr", extraction_status="pending")
    services.article_run_extraction(article_id=article.pk)
    claims = list(Claim.objects.filter(article=article))
    assert claims
    for claim in claims:
        assert claim.span_list()[0][0] == claim.start and claim.span_list()[-1][1] == claim.end
        assert claim.sentence_span() == [0, len(BODY)]
        assert claim.text == compose(BODY, claim.span_list())


@pytest.mark.django_db
def test_old_rows_migrate_to_one_span_and_their_own_sentence() -> None:
    claim = ClaimFactory(spans=[], sentence_start=None, sentence_end=None)
    migration = importlib.import_module("claims.migrations.0003_claim_spans")
    migration.fill_old_rows(django_apps, None)
    claim.refresh_from_db()
    assert claim.spans == [[claim.start, claim.end]]
    assert (claim.sentence_start, claim.sentence_end) == (claim.start, claim.end)


@pytest.mark.django_db
def test_api_claim_carries_spans_and_sentence(alice: Any) -> None:
    claim = _composed_claim()
    data = api(alice).get(f"/api/v1/claims/{claim.pk}/").json()
    assert data["spans"] == [[0, 13], [19, 50]]
    assert data["sentence"] == [0, len(BODY)]
    assert data["text"] == "Les syndicats … réclamaient ce plan depuis 2021"


@pytest.mark.django_db
def test_api_claim_stored_before_spans_reads_as_one_span(alice: Any) -> None:
    claim = ClaimFactory(spans=[], sentence_start=None, sentence_end=None)
    data = api(alice).get(f"/api/v1/claims/{claim.pk}/").json()
    assert data["spans"] == [[claim.start, claim.end]]
    assert data["sentence"] == [claim.start, claim.end]


@pytest.mark.django_db
def test_claim_page_marks_each_span_inside_the_sentence(alice: Any) -> None:
    claim = _composed_claim()
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert '<mark class="claim-span">Les syndicats</mark>' in html
    assert '<mark class="claim-span">réclamaient ce plan depuis 2021</mark>' in html
    assert "ont salué l&#x27;annonce du ministre." in html  # the rest of the sentence is shown, unmarked
    assert "Les syndicats … réclamaient ce plan depuis 2021" in html  # the claim read alone


def test_extract_claims_json_has_spans_and_sentence(tmp_path: Any) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    out = StringIO()
    call_command("extract_claims", str(path), "--lang", "fr", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data and all("spans" in d and "sentence" in d for d in data)
    for item in data:
        assert item["text"] == compose(BODY, item["spans"])
