"""Article intake, the review workflow and verdict history."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from claims.models import Article, Claim
from claims.services import article_create, claim_set_status
from factcheck.lib.errors import ConflictError, InvalidTransition
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory, default_rating

pytestmark = pytest.mark.django_db


def test_article_create_drops_nul_bytes_and_control_characters(alice: Any) -> None:
    article = article_create(title="Budget\x00", body="Line one\r\nLine\x00 two\x07.", created_by=alice)
    assert article.title == "Budget"
    assert article.body == "Line one\nLine two."


@pytest.mark.parametrize("body", ["", "   \n\t  ", "\x00\x00\x01"])
def test_article_create_refuses_an_empty_text_with_a_clear_message(alice: Any, body: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        article_create(title="Empty", body=body, created_by=alice)
    assert excinfo.value.message_dict == {"body": ["The article text is empty."]}
    assert not Article.objects.exists()


def test_article_create_refuses_a_text_over_the_limit(alice: Any, settings: Any) -> None:
    settings.ARTICLE_MAX_CHARS = 1000
    with pytest.raises(ValidationError, match="too long"):
        article_create(title="Long", body="a" * 1001, created_by=alice)


def test_article_create_enqueues_extraction_only_after_commit(alice: Any, django_capture_on_commit_callbacks: Any,
                                                              monkeypatch: Any) -> None:  # fmt: skip
    calls: list[int] = []
    monkeypatch.setattr("claims.tasks.extract_article.apply_async", lambda args, **options: calls.append(args[0]))
    with django_capture_on_commit_callbacks() as callbacks:
        article = article_create(title="T", body="The council met on 3 May 2025.", created_by=alice)
        assert calls == []
    for callback in callbacks:
        callback()
    assert calls == [article.pk]


def test_a_rolled_back_article_enqueues_nothing(alice: Any, django_capture_on_commit_callbacks: Any,
                                               monkeypatch: Any) -> None:  # fmt: skip
    calls: list[int] = []
    monkeypatch.setattr("claims.tasks.extract_article.apply_async", lambda args, **options: calls.append(args[0]))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        article_create(title="T", body="The council met on 3 May 2025.", created_by=alice)
        raise RuntimeError("request failed later")
    assert calls == []
    assert not Article.objects.exists()


def test_broker_down_keeps_the_article_pending(alice: Any, django_capture_on_commit_callbacks: Any,
                                              monkeypatch: Any) -> None:  # fmt: skip
    def broker_down(args: tuple[int], **options: Any) -> None:
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr("claims.tasks.extract_article.apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="T", body="The council met on 3 May 2025.", created_by=alice)
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.PENDING


def test_a_claim_moves_through_plain_statuses_and_each_step_bumps_its_version(alice: Any, carol: Any) -> None:
    claim = ClaimFactory()
    claim = claim_set_status(claim=claim, status=Claim.Status.IN_REVIEW, user=alice, expected_version=1)
    claim = claim_set_status(claim=claim, status=Claim.Status.DISMISSED, user=alice, expected_version=2)
    claim = claim_set_status(claim=claim, status=Claim.Status.NEW, user=carol, expected_version=3)
    assert (claim.status, claim.version) == (Claim.Status.NEW, 4)


def test_a_stale_version_is_a_conflict_not_a_silent_overwrite(alice: Any) -> None:
    claim = ClaimFactory()
    claim_set_status(claim=claim, status=Claim.Status.IN_REVIEW, user=alice, expected_version=1)
    with pytest.raises(ConflictError):
        claim_set_status(claim=claim, status=Claim.Status.DISMISSED, user=alice, expected_version=1)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


@pytest.mark.parametrize("target", ["needs_second_review", "ready", "published"])
def test_a_plain_status_change_never_makes_a_workflow_step(alice: Any, carol: Any, dave: Any, target: str) -> None:
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    for user in (alice, carol, dave):
        with pytest.raises(PermissionDenied):
            claim_set_status(claim=claim, status=target, user=user)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_only_an_editor_reopens_a_dismissed_claim(alice: Any, carol: Any) -> None:
    claim = ClaimFactory(status=Claim.Status.DISMISSED)
    with pytest.raises(PermissionDenied, match="Only an editor can reopen"):
        claim_set_status(claim=claim, status=Claim.Status.NEW, user=alice)
    assert claim_set_status(claim=claim, status=Claim.Status.NEW, user=carol).status == Claim.Status.NEW


def test_a_new_claim_cannot_be_reopened(carol: Any) -> None:
    with pytest.raises(InvalidTransition, match="Only a dismissed claim"):
        claim_set_status(claim=ClaimFactory(), status=Claim.Status.NEW, user=carol)


def test_the_database_refuses_an_empty_or_reversed_span() -> None:
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(article=article, text="x", start=10, end=10)


def test_the_database_refuses_two_claims_on_the_same_span() -> None:
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(article=claim.article, text=claim.text, start=claim.start, end=claim.end)


def test_an_extraction_stopped_by_the_time_limit_marks_the_article_failed_and_keeps_it(
    alice: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from celery.exceptions import SoftTimeLimitExceeded

    def too_slow(text: str, *, language: str | None = None) -> None:
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("claims.extraction.extract", too_slow)
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="Long", body="The council met on 3 May 2025.", created_by=alice)
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.FAILED
    assert "took longer than" in article.extraction_error
    assert article.body == "The council met on 3 May 2025."


def test_a_large_article_is_stored_in_bulk_and_reextraction_keeps_worked_claims(
    alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    paragraph = (
        "The port handled 4.2 million containers in 2024, up from 3.9 million in 2023. "
        "Its board approved a 310 million euro dredging programme on 12 March 2025.\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="Port", body=paragraph * 400, language="en", created_by=alice)
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.READY
    claims = list(article.claims.order_by("start"))
    assert len(claims) >= 800
    assert all(article.body[c.start : c.end] == c.text for c in claims)
    worked = claims[5]
    VerdictFactory(claim=worked, rating=default_rating("True"), summary="Matches the annual report.", reviewer=alice)
    Claim.objects.filter(pk=worked.pk).update(status=Claim.Status.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        from claims.services import article_request_extraction

        article_request_extraction(article=article)
    assert article.claims.count() == len(claims)
    assert article.claims.filter(pk=worked.pk, status=Claim.Status.IN_REVIEW).exists()
