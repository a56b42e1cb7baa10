"""Fixtures for the review workflow: claims with archived, anchored evidence, brought to each
state through the services, and the six personas of the permission matrix."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any

import pytest

from claims.models import Claim
from publishing import services
from sources.models import Evidence, Snapshot
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, SourceFactory, UserFactory, default_rating

S = Claim.Status
PAGE_TEXT = "The council approved a budget of 10 million euros on 3 March 2025, not 12 million as reported."
QUOTE = "a budget of 10 million euros"


def archived_evidence(claim: Claim, *, domain: str = "stats.example", quote: str = QUOTE, n: int = 0) -> Evidence:
    """A source archived with its SHA-256, the quote found in the archived text."""
    url = f"https://{domain}/report-{claim.pk}-{n}"
    source = SourceFactory(url=url, canonical_url=url, domain=domain, title="Budget report 2025")
    snapshot = Snapshot.objects.create(
        source=source,
        status=Snapshot.Status.ARCHIVED,
        sha256=hashlib.sha256(PAGE_TEXT.encode()).hexdigest(),
        extracted_text=PAGE_TEXT,
        title="Budget report 2025",
        fetched_at=datetime(2026, 1, 5, 9, 30, tzinfo=UTC),
    )
    start = PAGE_TEXT.find(quote)
    return EvidenceFactory(
        claim=claim,
        source=source,
        stance=Evidence.Stance.CONTRADICTS,
        quote=quote,
        anchor_status=Evidence.AnchorStatus.FOUND if start >= 0 else Evidence.AnchorStatus.NOT_FOUND,
        anchor_snapshot=snapshot,
        selectors=[{"type": "TextPositionSelector", "start": start, "end": start + len(quote)}] if start >= 0 else [],
    )


def new_claim(**article: Any) -> Claim:
    fields = {
        "title": "Le budget de la ville",
        "url": "https://quotidien.example/budget",
        "outlet": "Le Quotidien",
        "published_on": date(2025, 3, 4),
        "language": "fr",
        **article,
    }
    claim = ClaimFactory(article=ArticleFactory(**fields))
    Claim.objects.filter(pk=claim.pk).update(facts={"attribution": "Jean Maire"})
    claim.refresh_from_db()
    return claim


def bring_to(claim: Claim, state: str, *, author: Any, approver: Any) -> Claim:
    """Walk the claim through the workflow (services, so the policy applies) up to `state`."""
    evidence = list(claim.evidence.all()) or [archived_evidence(claim)]
    if state == S.NEW:
        return claim
    services.verdict_record(
        claim=claim,
        user=author,
        rating=default_rating("False"),
        summary="The official report says 10 million euros, not 12.",
        evidence=[e.pk for e in evidence],
        expected_version=Claim.objects.get(pk=claim.pk).version,
    )
    if state != S.IN_REVIEW:
        services.verdict_submit(claim=claim, user=author)
    if state in {S.READY, S.PUBLISHED}:
        services.verdict_approve(claim=claim, user=approver)
    if state == S.PUBLISHED:
        services.claim_publish(claim=claim, user=approver)
    claim.refresh_from_db()
    assert claim.status == state
    return claim


@pytest.fixture
def approver(db: None) -> Any:
    return UserFactory(username="paula", role="editor")


@pytest.fixture
def erin(db: None) -> Any:
    """An editor who writes verdicts herself (the 'editor author')."""
    return UserFactory(username="erin", role="editor")


PERSONAS = ["anonymous", "reviewer_author", "other_reviewer", "editor_author", "other_editor", "admin"]


@pytest.fixture
def people(alice: Any, bob: Any, carol: Any, dave: Any, erin: Any, approver: Any) -> dict[str, Any]:
    return {
        "anonymous": None,
        "reviewer_author": alice,
        "other_reviewer": bob,
        "editor_author": erin,
        "other_editor": carol,
        "admin": dave,
        "approver": approver,
    }


def author_for(persona: str, people: dict[str, Any]) -> Any:
    return people["editor_author"] if persona == "editor_author" else people["reviewer_author"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: Any) -> None:
    """Six users a test: the default PBKDF2 would dominate the run (healthchecks does the same)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
