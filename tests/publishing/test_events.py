"""Newsroom tools hear about the workflow: submit, publish and correct emit their webhook events."""

from __future__ import annotations

from typing import Any

from publishing import services
from tests.factories import default_rating
from tests.publishing.conftest import S, archived_evidence, bring_to, new_claim


def test_submit_publish_and_correct_emit_their_events(alice: Any, approver: Any, carol: Any, monkeypatch: Any) -> None:
    sent: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(
        "factcheck.lib.events.enqueue_on_commit", lambda task, name, payload: sent.append((name, payload))
    )
    monkeypatch.setattr("factcheck.lib.events._wanted", [lambda name: True])  # as if a tool subscribed to every event
    claim = bring_to(new_claim(), S.PUBLISHED, author=alice, approver=approver)
    names = [name for name, _ in sent]
    assert names.count("verdict.submitted") == 1 and names.count("claim.published") == 1
    published = next(payload for name, payload in sent if name == "claim.published")
    assert published["claim_id"] == claim.pk and published["url"].endswith(f"/fact-checks/{claim.pk}/")

    second = archived_evidence(claim, domain="ministry.example", n=1)
    correction = services.claim_correct(
        claim=claim,
        user=carol,
        reason="The ministry published the final figure.",
        rating=default_rating("Misleading"),
        summary="The final budget was 11 million euros.",
        evidence=[second.pk],
    )
    assert sent[-1] == (
        "claim.corrected",
        {"claim_id": claim.pk, "url": published["url"], "correction": correction.pk},
    )
