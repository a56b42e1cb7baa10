"""An article given by its link alone: fetched through the safe fetcher, archived like any source, its text,
title, outlet, date and language taken from the page, then its claims extracted."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_httpserver import HTTPServer

from claims.models import Article
from sources.imports import article_import_from_url, article_import_retry, imports_reenqueue_stuck
from sources.models import ArticleImport, Snapshot

# Transactional: the import is enqueued after commit, as in production (tasks run in-process here).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _roles(workbench_roles: None) -> None:
    """Groups and the default scale, recreated after each transactional test's flush."""


PAGE = """<!doctype html><html lang="fr"><head><title>Le budget de la ville adopté</title>
<meta property="article:published_time" content="2025-03-04T08:00:00+01:00"></head><body>
<article><h1>Le budget de la ville adopté</h1>
<p>Le conseil municipal a adopté mardi un budget de 12 millions d'euros pour l'année 2025, en hausse de 4 %.</p>
<p>Le maire a annoncé que trois nouvelles écoles ouvriront en 2027 grâce à ces crédits supplémentaires.</p>
<p>L'opposition a voté contre, estimant que la dette de la ville atteindra 40 millions d'euros en 2026.</p>
</article></body></html>"""


def test_a_link_alone_becomes_an_archived_article_with_claims(site: HTTPServer, alice: Any) -> None:
    site.expect_request("/budget").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    client = Client()
    client.force_login(alice)
    response = client.post(reverse("claims:article_create"), {"url": site.url_for("/budget")}, follow=True)
    article = Article.objects.get()
    job = ArticleImport.objects.get(article=article)
    assert job.status == ArticleImport.Status.DONE
    assert job.snapshot is not None and job.snapshot.status == Snapshot.Status.ARCHIVED and job.snapshot.warc_file
    assert article.title == "Le budget de la ville adopté"
    assert "12 millions d'euros" in article.body
    assert article.language == "fr"
    assert article.outlet == "localhost" or article.outlet == site.host
    assert article.extraction_status == Article.ExtractionStatus.READY
    assert article.claims.exists()
    assert "The page was archived and its text imported." in response.content.decode()


def test_what_the_reviewer_typed_wins_over_the_page(site: HTTPServer, alice: Any) -> None:
    site.expect_request("/budget").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    article = article_import_from_url(
        url=site.url_for("/budget"), created_by=alice, title="Budget 2025", outlet="Le Courrier"
    )
    article.refresh_from_db()
    assert article.title == "Budget 2025" and article.outlet == "Le Courrier"


def test_a_refused_url_shows_the_reason_and_keeps_what_was_typed(alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    response = client.post(
        reverse("claims:article_create"),
        {"url": "http://127.0.0.1/secret", "title": "Kept title", "outlet": "Kept outlet"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="http://127.0.0.1/secret"' in html and "Kept title" in html and "Kept outlet" in html
    assert 'aria-invalid="true"' in html
    assert not Article.objects.exists()


def test_a_failed_fetch_is_shown_on_the_article_with_a_retry(site: HTTPServer, alice: Any) -> None:
    site.expect_request("/gone").respond_with_data("gone", status=404)
    article = article_import_from_url(url=site.url_for("/gone"), created_by=alice, title="Kept title")
    job = ArticleImport.objects.get(article=article)
    assert job.status == ArticleImport.Status.FAILED and "404" in job.error_message
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert "The page could not be imported" in html and "Try the link again" in html and "Kept title" in html
    site.clear()
    site.expect_request("/gone").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    article_import_retry(job=job)
    job.refresh_from_db()
    assert job.status == ArticleImport.Status.DONE


def test_the_article_page_polls_while_the_page_is_fetched(alice: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("sources.tasks.import_article.apply_async", lambda *a, **k: None)
    article = article_import_from_url(url="https://news.example/story", created_by=alice)
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html and "Waiting for a worker to fetch the page" in html
    assert imports_reenqueue_stuck(older_than=__import__("datetime").timedelta(0)) == 1
