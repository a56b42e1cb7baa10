"""Search across claims, articles and archived sources: ranked, highlighted, filtered, accent-blind."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim
from claims.search import SearchFilters, search_articles, search_claims
from sources.models import Snapshot
from sources.selectors import search_sources
from tests.factories import ArticleFactory, ClaimFactory, SnapshotFactory, VerdictFactory, default_rating

pytestmark = pytest.mark.django_db(transaction=True)

FR = "Le Corps des Marines a annoncé des bases militaires temporaires sur les îles Nansei en décembre."
EN = "The council approved a budget of 12 million euros for the new tram line."


@pytest.fixture
def corpus(workbench_roles: None, alice: Any) -> dict[str, Any]:
    fr = ArticleFactory(title="Bases militaires au Japon", body=FR, language="fr", created_by=alice)
    en = ArticleFactory(title="Council budget", body=EN, language="en", created_by=alice)
    return {
        "fr": fr,
        "en": en,
        "fr_claim": ClaimFactory(article=fr, start=0, end=len(FR), text=FR),
        "en_claim": ClaimFactory(article=en, start=0, end=len(EN), text=EN, assignee=alice),
    }


def test_claims_are_found_without_accents_and_highlighted(corpus: dict[str, Any]) -> None:
    hits = search_claims(query="decembre iles")
    assert [hit.obj.pk for hit in hits] == [corpus["fr_claim"].pk]
    assert '<mark class="hit">' in hits[0].snippet


def test_articles_are_found_by_title_and_text(corpus: dict[str, Any]) -> None:
    assert [hit.obj.pk for hit in search_articles(query="tram")] == [corpus["en"].pk]
    assert [hit.obj.pk for hit in search_articles(query="militaires")] == [corpus["fr"].pk]


def test_results_are_ranked_best_first(corpus: dict[str, Any]) -> None:
    other = ArticleFactory(body="Budget, budget, budget: the budget again.", language="en")
    ClaimFactory(article=other, start=0, end=len(other.body), text=other.body)
    hits = search_claims(query="budget")
    assert len(hits) == 2
    assert hits[0].rank >= hits[1].rank


def test_highlights_never_let_html_through(workbench_roles: None, alice: Any) -> None:
    body = "<script>alert(1)</script> budget vote"
    article = ArticleFactory(body=body, language="en")
    ClaimFactory(article=article, start=0, end=len(body), text=body)
    snippet = str(search_claims(query="budget")[0].snippet)
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_filters_by_status_language_assignee_and_verdict(corpus: dict[str, Any], alice: Any) -> None:
    VerdictFactory(claim=corpus["en_claim"], rating=default_rating("False"))
    Claim.objects.filter(pk=corpus["fr_claim"].pk).update(status=Claim.Status.IN_REVIEW)
    assert search_claims(query="budget", filters=SearchFilters(language="fr")) == []
    assert len(search_claims(query="budget", filters=SearchFilters(language="en"))) == 1
    assert len(search_claims(query="budget", filters=SearchFilters(assignee_id=alice.pk))) == 1
    assert len(search_claims(query="bases", filters=SearchFilters(assignee_id=alice.pk))) == 0
    assert len(search_claims(query="bases", filters=SearchFilters(status="in_review"))) == 1
    false = default_rating("False").pk
    assert len(search_claims(query="budget", filters=SearchFilters(rating_id=false))) == 1
    assert len(search_claims(query="budget", filters=SearchFilters(rating_id=default_rating("True").pk))) == 0


def test_an_edited_claim_is_found_by_its_new_words(corpus: dict[str, Any]) -> None:
    Claim.objects.filter(pk=corpus["en_claim"].pk).update(text="The council voted a ferry subsidy.")
    assert [hit.obj.pk for hit in search_claims(query="ferry")] == [corpus["en_claim"].pk]
    assert search_claims(query="tram") == []


def test_archived_sources_are_searched_by_their_text(workbench_roles: None) -> None:
    SnapshotFactory(
        status=Snapshot.Status.ARCHIVED,
        sha256="0" * 64,
        title="Rapport budgétaire",
        extracted_text="Le budget de la ville atteint 10 millions d'euros.",
        language="fr",
    )
    hits = search_sources(query="budgetaire")
    assert len(hits) == 1 and hits[0].obj.title == "Rapport budgétaire"


def test_the_search_page_lists_claims_articles_and_sources(corpus: dict[str, Any], alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("sources:search"), {"q": "budget"}).content.decode()
    assert "1 claim" in html and "1 article" in html
    assert '<mark class="hit">budget</mark>' in html
    assert reverse("claims:claim_detail", args=[corpus["en_claim"].pk]) in html


def test_the_dashboard_query_goes_to_the_search_page(corpus: dict[str, Any], alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    response = client.get(reverse("claims:dashboard"), {"q": "budget"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("sources:search"))


def test_search_needs_a_workbench_role(corpus: dict[str, Any], nobody: Any) -> None:
    assert Client().get(reverse("sources:search"), {"q": "budget"}).status_code == 302
    client = Client()
    client.force_login(nobody)
    assert client.get(reverse("sources:search"), {"q": "budget"}).status_code == 403


def test_a_deleted_article_and_its_claims_leave_the_search(corpus: dict[str, Any], carol: Any) -> None:
    from claims.moderation import article_delete

    article_delete(article=corpus["en"], by=carol)
    assert search_claims(query="tram") == []
    assert search_articles(query="tram") == []
    assert [hit.obj.pk for hit in search_claims(query="decembre iles")] == [corpus["fr_claim"].pk]
