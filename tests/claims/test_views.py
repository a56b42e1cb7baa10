"""Reviewer web pages: permissions, the article and claim pages, forms, conflicts and security headers."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Article, Claim
from sources.models import Evidence, Snapshot
from tests.factories import (
    DEFAULT_PASSWORD,
    ArticleFactory,
    ClaimFactory,
    EvidenceFactory,
    SnapshotFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def page_urls(claim: Claim) -> list[str]:
    return [
        reverse("claims:article_list"),
        reverse("claims:article_create"),
        reverse("claims:article_detail", args=[claim.article_id]),
        reverse("claims:claim_detail", args=[claim.pk]),
        reverse("claims:review_queue"),
    ]


def post_urls(claim: Claim) -> list[str]:
    return [
        reverse("claims:article_reextract", args=[claim.article_id]),
        reverse("sources:claim_attach_evidence", args=[claim.pk]),
        reverse("claims:claim_set_status", args=[claim.pk]),
        reverse("publishing:verdict_record", args=[claim.pk]),
    ]


# --- Permissions -----------------------------------------------------------------


def test_anonymous_is_sent_to_login_for_every_page_and_action(claim: Claim) -> None:
    client = Client()
    for url in page_urls(claim):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    for url in post_urls(claim):
        response = client.post(url, {})
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_user_without_role_gets_403_everywhere(claim: Claim, nobody: Any) -> None:
    client = client_for(nobody)
    for url in page_urls(claim):
        assert client.get(url).status_code == 403, url
    for url in post_urls(claim):
        assert client.post(url, {"status": "in_review", "version": 1}).status_code == 403, url
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


@pytest.mark.parametrize("username", ["alice", "bob", "carol", "dave"])
def test_reviewers_editors_and_admins_see_every_page(claim: Claim, username: str, request: Any) -> None:
    user = request.getfixturevalue(username)
    client = client_for(user)
    for url in page_urls(claim):
        assert client.get(url).status_code == 200, url


def test_other_reviewer_can_work_a_claim_of_someone_elses_article(claim: Claim, bob: Any) -> None:
    client = client_for(bob)
    response = client.post(
        reverse("claims:claim_set_status", args=[claim.pk]), {"status": "in_review", "version": claim.version}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_superuser_without_group_is_allowed(claim: Claim) -> None:
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert client_for(root).get(reverse("claims:article_list")).status_code == 200


# --- Login -------------------------------------------------------------------------


def test_login_page_has_labelled_fields_and_ignores_foreign_next(alice: Any) -> None:
    client = Client()
    page = client.get(reverse("login") + "?next=https://evil.example/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<label for="id_username"' in html and '<label for="id_password"' in html
    response = client.post(
        reverse("login") + "?next=https://evil.example/",
        {"username": "alice", "password": DEFAULT_PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"] == reverse("claims:dashboard")


def test_login_follows_a_local_next(alice: Any, claim: Claim) -> None:
    target = reverse("claims:claim_detail", args=[claim.pk])
    response = Client().post(reverse("login"), {"username": "alice", "password": DEFAULT_PASSWORD, "next": target})
    assert response["Location"] == target


def test_logout_is_a_post_form_in_the_nav(alice: Any) -> None:
    html = client_for(alice).get(reverse("claims:article_list")).content.decode()
    assert f'action="{reverse("logout")}"' in html
    assert 'method="post"' in html
    assert "alice" in html
    assert reverse("admin:index") not in html


def test_admin_link_only_for_staff(dave: Any) -> None:
    assert reverse("admin:index") in client_for(dave).get(reverse("claims:article_list")).content.decode()


# --- Articles ----------------------------------------------------------------------


def test_create_article_runs_extraction_and_redirects(alice: Any, django_capture_on_commit_callbacks: Any) -> None:
    client = client_for(alice)
    body = (
        "The city council approved a budget of 12 million euros on 3 March 2025. "
        "Unemployment rose by 4 percent last year, according to the statistics office."
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("claims:article_create"), {"title": "Budget", "body": body})
    article = Article.objects.get(title="Budget")
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:article_detail", args=[article.pk])
    assert article.created_by == alice
    article.refresh_from_db()
    assert article.extraction_status == "ready"
    assert article.claims.filter(checkworthy=True).count() >= 2


def test_a_pasted_article_of_several_megabytes_is_accepted(alice: Any) -> None:
    # Under the 2M-character limit, but over Django's default 2.5 MB request body once a
    # browser form-encodes it (é becomes %C3%A9): must not be a 400 that loses the text.
    body = "La météo a été très agitée en février à Besançon, selon Météo-France.\n" * 27_000
    encoded = urlencode({"title": "Long", "body": body})
    assert len(encoded) > 2.5 * 1024 * 1024
    response = client_for(alice).post(
        reverse("claims:article_create"), encoded, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert len(Article.objects.get(title="Long").body) == len(body)


def test_create_article_errors_keep_what_was_typed(alice: Any) -> None:
    response = client_for(alice).post(reverse("claims:article_create"), {"title": "Kept title", "body": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kept title" in html
    assert "The article text is empty." in html
    assert not Article.objects.exists()


def test_article_page_highlights_claim_spans_and_escapes_the_text(alice: Any) -> None:
    body = "<script>alert(1)</script> The budget was 12 million euros. Residents & shops protested loudly."
    article = ArticleFactory(body=body, created_by=alice)
    start = body.index("The budget")
    end = body.index("euros.") + len("euros.")
    ClaimFactory(article=article, start=start, end=end, text=body[start:end], order=0, reasons=["contains a number"])
    start2 = body.index("Residents")
    ClaimFactory(article=article, start=start2, end=len(body), text=body[start2:], order=1)
    html = client_for(alice).get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('<mark class="claim-span') == 2
    assert 'aria-label="Claim 1, new">1</a>' in html
    assert f'<span data-o="{start}">The budget was 12 million euros.</span></mark>' in html
    assert "Residents &amp; shops protested loudly.</span></mark>" in html
    assert "contains a number" in html


def test_article_page_polls_fast_while_extracting_then_slowly_for_live_changes(alice: Any) -> None:
    client = client_for(alice)
    article = ArticleFactory(extraction_status=Article.ExtractionStatus.EXTRACTING)
    html = client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert 'http-equiv="refresh"' in html  # no-JS fallback inside <noscript>
    fragment = client.get(reverse("claims:article_detail", args=[article.pk]), headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content
    assert b'id="extraction"' in fragment.content
    article.extraction_status = Article.ExtractionStatus.READY
    article.save()
    html = client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert 'hx-trigger="every 4s"' in html
    assert 'http-equiv="refresh"' not in html


def test_failed_extraction_shows_the_error(alice: Any) -> None:
    article = ArticleFactory(extraction_status=Article.ExtractionStatus.FAILED, extraction_error="model missing")
    html = client_for(alice).get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert "Extraction failed: model missing" in html


def test_reextract_sets_the_article_pending(alice: Any, claim: Claim) -> None:
    response = client_for(alice).post(reverse("claims:article_reextract", args=[claim.article_id]))
    assert response.status_code == 302
    claim.article.refresh_from_db()
    assert claim.article.extraction_status == Article.ExtractionStatus.PENDING


def test_javascript_article_url_is_never_a_link(alice: Any) -> None:
    article = ArticleFactory(url="javascript:alert(1)")
    html = client_for(alice).get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert 'href="javascript:' not in html


# --- Claim page --------------------------------------------------------------------


def test_claim_page_shows_evidence_with_snapshot_status_and_links(alice: Any, claim: Claim) -> None:
    archived_source = SourceFactory(url="https://stats.example/report", title="Statistics report")
    archived = SnapshotFactory(source=archived_source, status=Snapshot.Status.ARCHIVED, sha256="a" * 64)
    EvidenceFactory(claim=claim, source=archived_source, quote="12 million", anchor_status="found")
    failed_source = SourceFactory(url="https://down.example/")
    failed = SnapshotFactory(source=failed_source, status=Snapshot.Status.FAILED, error_message="HTTP 503")
    EvidenceFactory(claim=claim, source=failed_source, stance=Evidence.Stance.CONTRADICTS)
    evil_source = SourceFactory(url="javascript:alert(1)", canonical_url="javascript:alert(1)")
    EvidenceFactory(claim=claim, source=evil_source, stance=Evidence.Stance.CONTEXT)
    html = client_for(alice).get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert "Statistics report" in html
    assert "Quote found" in html
    assert "HTTP 503" in html
    assert 'href="javascript:' not in html
    assert 'href="https://stats.example/report"' in html
    assert reverse("sources:snapshot_text", args=[archived.pk]) in html
    assert reverse("sources:snapshot_retry", args=[failed.pk]) in html
    assert "Retry archiving" in html
    assert 'hx-trigger="every 3s"' not in html  # no capture in progress: only the cheap live check polls


def test_evidence_list_polls_while_a_snapshot_is_pending(alice: Any, claim: Claim) -> None:
    source = SourceFactory()
    SnapshotFactory(source=source, status=Snapshot.Status.RETRYING)
    EvidenceFactory(claim=claim, source=source)
    client = client_for(alice)
    html = client.get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert 'hx-trigger="every 3s"' in html
    panel = reverse("sources:claim_evidence", args=[claim.pk])
    assert f'hx-get="{panel}"' in html
    fragment = client.get(panel, headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content
    assert b'id="evidence-list"' in fragment.content


def test_attach_evidence_with_refused_url_keeps_input(alice: Any, claim: Claim) -> None:
    client = client_for(alice)
    for url in ["http://127.0.0.1/", "javascript:alert(1)"]:
        response = client.post(
            reverse("sources:claim_attach_evidence", args=[claim.pk]),
            {"url": url, "stance": "contradicts", "quote": "My typed quote", "note": "My note"},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "My typed quote" in html and "My note" in html
        assert re.search(r'value="contradicts"[^>]*\schecked', html)
        assert 'aria-invalid="true"' in html
        assert 'href="javascript:' not in html
    assert not Evidence.objects.exists()


def test_attach_evidence_creates_it_and_queues_a_snapshot(
    alice: Any, claim: Claim, settings: Any, monkeypatch: Any
) -> None:

    monkeypatch.setattr("sources.tasks.archive_snapshot.apply_async", lambda *args, **options: None)
    response = client_for(alice).post(
        reverse("sources:claim_attach_evidence", args=[claim.pk]),
        {"url": "https://www.example.org/report", "stance": "supports", "quote": "12 million", "note": ""},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.added_by == alice
    assert evidence.source.snapshots.get().status == Snapshot.Status.PENDING


def test_status_buttons_and_stale_version_conflict(alice: Any, bob: Any, claim: Claim) -> None:
    html = client_for(alice).get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert ">Start review</button>" in html and ">Dismiss</button>" in html
    assert ">Reopen</button>" not in html and "Ready</button>" not in html
    assert f'name="version" value="{claim.version}"' in html
    stale = claim.version
    client_for(bob).post(reverse("claims:claim_set_status", args=[claim.pk]), {"status": "in_review", "version": stale})
    response = client_for(alice).post(
        reverse("claims:claim_set_status", args=[claim.pk]), {"status": "dismissed", "version": stale}, follow=True
    )
    assert "Someone else changed this claim meanwhile" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_invalid_transition_is_a_message_not_an_error(carol: Any, claim: Claim) -> None:
    response = client_for(carol).post(
        reverse("claims:claim_set_status", args=[claim.pk]),
        {"status": "new", "version": claim.version},
        follow=True,
    )
    assert response.status_code == 200
    assert "Only a dismissed claim can be reopened" in response.content.decode()


@pytest.mark.parametrize("target", ["needs_second_review", "ready", "published"])
@pytest.mark.parametrize("username", ["alice", "carol", "dave"])
def test_the_status_form_cannot_skip_a_workflow_action(claim: Claim, username: str, target: str, request: Any) -> None:
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.IN_REVIEW)
    client = client_for(request.getfixturevalue(username))
    response = client.post(reverse("claims:claim_set_status", args=[claim.pk]), {"status": target, "version": 1})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_only_editors_see_the_reopen_button(alice: Any, carol: Any, claim: Claim) -> None:
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.DISMISSED)
    url = reverse("claims:claim_detail", args=[claim.pk])
    assert ">Reopen</button>" not in client_for(alice).get(url).content.decode()
    assert ">Reopen</button>" in client_for(carol).get(url).content.decode()


def test_review_queue_filters_by_status(alice: Any) -> None:
    ClaimFactory(text="New one here", status=Claim.Status.NEW)
    ClaimFactory(text="Ready one here", status=Claim.Status.READY)
    html = client_for(alice).get(reverse("claims:review_queue") + "?status=ready").content.decode()
    assert "Ready one here" in html and "New one here" not in html


# --- CSRF and headers ----------------------------------------------------------------


def test_post_without_csrf_token_is_refused(alice: Any, claim: Claim) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    for url in post_urls(claim):
        assert client.post(url, {"status": "in_review", "version": claim.version}).status_code == 403, url
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_security_headers(alice: Any, claim: Claim) -> None:
    client = client_for(alice)
    for url in [*page_urls(claim), reverse("login")]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(alice: Any, claim: Claim) -> None:
    for url in page_urls(claim):
        html = client_for(alice).get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), url
        assert "<style" not in html and " style=" not in html, url
        assert '<html lang="en">' in html


def test_a_long_article_lists_its_claims_a_page_at_a_time(alice: Any) -> None:
    sentence = "The port handled 4 million containers in 2024. "
    article = ArticleFactory(body=sentence * 250, created_by=alice)
    for i in range(250):
        start = i * len(sentence)
        ClaimFactory(article=article, start=start, end=start + len(sentence) - 1, text=sentence.strip(), order=i)
    client = client_for(alice)
    first = client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    second = client.get(reverse("claims:article_detail", args=[article.pk]) + "?page=2").content.decode()
    assert first.count("data-claim-row") == 200
    assert second.count("data-claim-row") == 50
    assert "250 claims found" in first
    assert "Page 2 of 2" in second
    assert first.count('class="claim-num"') == second.count('class="claim-num"') == 250  # every span stays


def test_claims_that_are_not_checkworthy_are_marked_apart_in_the_text(alice: Any) -> None:
    body = "The budget was 12 million euros. Subscribe to our newsletter."
    article = ArticleFactory(body=body, created_by=alice)
    ClaimFactory(article=article, start=0, end=32, text=body[:32], order=0)
    ClaimFactory(article=article, start=33, end=len(body), text=body[33:], order=1, checkworthy=False, score=0.05)
    html = client_for(alice).get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert html.count('class="claim-span band-folded folded"') == 1
    assert 'aria-label="Claim 2, new, not check-worthy"' in html
    assert 'aria-label="Claim 1, new"' in html
