"""The claim page: context cut at word boundaries, previous/next links, a live check that costs a 204."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims.presentation import claim_in_context, highlight_claims
from claims.selectors import claim_live_token
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory

pytestmark = pytest.mark.django_db


def test_the_context_starts_and_ends_on_a_word_boundary() -> None:
    body = ("mot " * 100) + "le soutien logistique sera fourni. " + ("suite " * 100)
    article = ArticleFactory.build(body=body)
    start = body.index("le soutien")
    claim = ClaimFactory.build(article=article, start=start, end=start + len("le soutien logistique sera fourni."))
    before, text, after = claim_in_context(body, claim, window=50)
    assert before.startswith("…mot ") and before.endswith("mot ")
    assert after.endswith("suite…") or after.endswith("suite …")
    assert text == [("le soutien logistique sera fourni.", True)]


def test_nested_claims_are_each_highlighted_and_numbered() -> None:
    body = "Le budget de 12 millions d'euros a été voté."
    article = ArticleFactory.build(body=body)
    outer = ClaimFactory.build(article=article, start=0, end=len(body), pk=1)
    inner_start = body.index("12 millions")
    inner = ClaimFactory.build(article=article, start=inner_start, end=inner_start + len("12 millions d'euros"), pk=2)
    html = str(highlight_claims(body, [outer, inner]))
    assert html.count("<mark") == 2 and 'id="span-1"' in html and 'id="span-2"' in html
    assert html.index('id="span-2"') > html.index('id="span-1"') and html.count("</mark></mark>") == 0
    assert ">2</a><span" in html


def test_a_claim_that_runs_past_the_one_around_it_stays_highlighted_to_its_end() -> None:
    body = "Le nombre de bases passe de cinq à neuf, qui seront activées en cas de crise."
    article = ArticleFactory.build(body=body)
    first = ClaimFactory.build(article=article, start=0, end=body.index(","), pk=1)
    shared = body.index("neuf")
    second = ClaimFactory.build(article=article, start=shared, end=len(body), pk=2)
    html = str(highlight_claims(body, [first, second]))
    assert html.count('id="span-1"') == 1 and html.count('id="span-2"') == 1 and html.count("<mark") == 3
    rest = html[html.index("claim-continued") :]
    assert 'data-claim="2"' in rest.split(">", 1)[0] and "qui seront activées en cas de crise." in rest
    assert html.count("<mark") == html.count("</mark>")


def test_previous_and_next_claim_links(alice: Any) -> None:
    article = ArticleFactory(body="Un. Deux. Trois.", created_by=alice)
    first = ClaimFactory(article=article, start=0, end=3, text="Un.", order=0)
    second = ClaimFactory(article=article, start=4, end=9, text="Deux.", order=1)
    third = ClaimFactory(article=article, start=10, end=16, text="Trois.", order=2)
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("claims:claim_detail", args=[second.pk])).content.decode()
    assert f'rel="prev" href="{reverse("claims:claim_detail", args=[first.pk])}"' in html
    assert f'rel="next" href="{reverse("claims:claim_detail", args=[third.pk])}"' in html


def test_the_live_check_answers_204_until_someone_changes_the_claim(alice: Any, bob: Any, claim: Any) -> None:
    client = Client()
    client.force_login(alice)
    url = reverse("claims:claim_detail", args=[claim.pk])
    token = claim_live_token(claim=claim)
    assert f'data-live-token="{token}"' in client.get(url).content.decode()
    assert client.get(url, {"part": "live", "since": token}, headers={"HX-Request": "true"}).status_code == 204
    other = Client()
    other.force_login(bob)
    other.post(reverse("claims:claim_assign", args=[claim.pk]), {"version": claim.version, "to_me": "1"})
    response = client.get(url, {"part": "live", "since": token}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "Assigned to bob" in html
    # The changed parts come along, to be swapped in place: status and facts, evidence, verdicts.
    for region in ("claim-about", "evidence", "verdicts", "claim-workflow"):
        assert f'id="{region}" hx-swap-oob="true"' in html
    assert "<dt>Assignee</dt><dd>bob</dd>" in html


def test_evidence_added_by_someone_else_changes_the_claims_live_token(alice: Any, claim: Any) -> None:
    before = claim_live_token(claim=claim)
    EvidenceFactory(claim=claim)
    assert claim_live_token(claim=claim) != before


def test_the_article_live_check_answers_204_until_something_changes(alice: Any, claim: Any) -> None:
    client = Client()
    client.force_login(alice)
    url = reverse("claims:article_detail", args=[claim.article_id])
    page = client.get(url)
    token = page["ETag"].strip('"')
    assert client.get(url, {"since": token}, headers={"HX-Request": "true"}).status_code == 204
    client.post(reverse("claims:claim_dismiss", args=[claim.pk]), {"version": claim.version})
    assert client.get(url, {"since": token}, headers={"HX-Request": "true"}).status_code == 200


def _said(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_assigning_from_the_claim_says_to_whom(alice: Any, bob: Any, claim: Any) -> None:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(alice)
    url = reverse("claims:claim_assign", args=[claim.pk])
    response = client.post(url, {"version": claim.version, "to_me": "1"}, follow=True)
    assert _said(response) == ["The claim is assigned to you."]
    claim.refresh_from_db()
    response = client.post(url, {"version": claim.version, "assignee": bob.pk}, follow=True)
    assert _said(response) == ["The claim is assigned to bob."]
    claim.refresh_from_db()
    response = client.post(url, {"version": claim.version, "assignee": ""}, follow=True)
    assert _said(response) == ["The claim is no longer assigned."]
    claim.refresh_from_db()
    assert claim.assignee is None


def test_merging_with_a_stale_version_saves_nothing_and_an_unknown_claim_is_404(alice: Any) -> None:
    article = ArticleFactory(body="Un. Deux.", created_by=alice)
    first = ClaimFactory(article=article, start=0, end=3, text="Un.", order=0)
    second = ClaimFactory(article=article, start=4, end=9, text="Deux.", order=1)
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(alice)
    url = reverse("claims:claim_merge", args=[first.pk])
    stale = {"version": first.version, "second": second.pk, "second_version": second.version + 1}
    response = client.post(url, stale, follow=True)
    [said] = _said(response)
    assert said.startswith("Not saved: ")
    assert client.post(url, {**stale, "second": second.pk + 1000}).status_code == 404
    merged = client.post(url, {**stale, "second_version": second.version}, follow=True)
    assert _said(merged) == ["Claims merged."]
