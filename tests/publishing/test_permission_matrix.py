"""Every workflow action × the six personas, through the API and through the web views,
including the PATCH / status-form bypass. Allowed → done; refused → 403 and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim, Verdict
from publishing.models import Correction, Publication
from tests.factories import api, default_rating
from tests.publishing.conftest import PERSONAS, S, author_for, bring_to, new_claim

pytestmark = pytest.mark.django_db

EVERYONE = {"reviewer_author", "other_reviewer", "editor_author", "other_editor", "admin"}
EDITORS = {"editor_author", "other_editor", "admin"}
# action → (state the claim is in, personas allowed, state after)
ACTIONS: dict[str, tuple[str, set[str], str]] = {
    "verdicts": (S.IN_REVIEW, EVERYONE, S.IN_REVIEW),
    "submit": (S.IN_REVIEW, {"reviewer_author", *EDITORS}, S.NEEDS_SECOND_REVIEW),
    "approve": (S.NEEDS_SECOND_REVIEW, {"other_editor", "admin"}, S.READY),
    "send-back": (S.NEEDS_SECOND_REVIEW, EDITORS, S.IN_REVIEW),
    "publish": (S.READY, EDITORS, S.PUBLISHED),
    "corrections": (S.PUBLISHED, EDITORS, S.PUBLISHED),
}
UI_NAMES = {
    "verdicts": "verdict_record",
    "submit": "verdict_submit",
    "approve": "verdict_approve",
    "send-back": "verdict_send_back",
    "publish": "claim_publish",
    "corrections": "claim_correct",
}


def payload(action: str, claim: Claim) -> dict[str, Any]:
    evidence = [e.pk for e in claim.evidence.all()]
    body: dict[str, Any] = {"version": claim.version}
    if action in {"verdicts", "corrections"}:
        body.update(rating=default_rating("Misleading").pk, summary="A second look at the figures.", evidence=evidence)
    if action == "corrections":
        body["reason"] = "The report was misread."
    if action == "send-back":
        body["comment"] = "Check the date of the vote."
    return body


def snapshot(claim: Claim) -> tuple[Any, ...]:
    claim.refresh_from_db()
    return (claim.status, claim.version, Verdict.objects.filter(claim=claim).count(), Correction.objects.count())


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_api_action_matrix(action: str, persona: str, people: dict[str, Any]) -> None:
    state, allowed, after = ACTIONS[action]
    claim = bring_to(new_claim(), state, author=author_for(persona, people), approver=people["approver"])
    before = snapshot(claim)
    response = api(people[persona]).post(f"/api/v1/claims/{claim.pk}/{action}/", payload(action, claim), format="json")
    if persona == "anonymous":
        assert response.status_code == 401
    elif persona in allowed:
        assert response.status_code in {200, 201}, response.json()
        assert snapshot(claim)[0] == after
        return
    else:
        assert response.status_code == 403, response.json()
        assert response.json()["detail"]
    assert snapshot(claim) == before


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_ui_action_matrix(action: str, persona: str, people: dict[str, Any]) -> None:
    state, allowed, after = ACTIONS[action]
    claim = bring_to(new_claim(), state, author=author_for(persona, people), approver=people["approver"])
    before = snapshot(claim)
    client = Client()
    if people[persona] is not None:
        client.force_login(people[persona])
    response = client.post(reverse(f"publishing:{UI_NAMES[action]}", args=[claim.pk]), payload(action, claim))
    if persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif persona in allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert snapshot(claim)[0] == after
        return
    else:
        assert response.status_code == 403
    assert snapshot(claim) == before


BYPASS = [(S.IN_REVIEW, S.NEEDS_SECOND_REVIEW), (S.NEEDS_SECOND_REVIEW, S.READY), (S.READY, S.PUBLISHED)]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("state", "target"), BYPASS)
def test_patch_and_status_form_never_bypass_the_workflow(
    state: str, target: str, persona: str, people: dict[str, Any]
) -> None:
    claim = bring_to(new_claim(), state, author=author_for(persona, people), approver=people["approver"])
    response = api(people[persona]).patch(
        f"/api/v1/claims/{claim.pk}/", {"status": target, "version": claim.version}, format="json"
    )
    assert response.status_code == (401 if persona == "anonymous" else 403)
    client = Client()
    if people[persona] is not None:
        client.force_login(people[persona])
    response = client.post(
        reverse("claims:claim_set_status", args=[claim.pk]), {"status": target, "version": claim.version}
    )
    assert response.status_code == (302 if persona == "anonymous" else 403)
    claim.refresh_from_db()
    assert claim.status == state
    assert not Publication.objects.filter(claim=claim).exists() or state == S.PUBLISHED


@pytest.mark.parametrize("persona", ["reviewer_author", "other_reviewer", "editor_author", "other_editor", "admin"])
def test_the_claim_page_shows_only_the_buttons_the_policy_allows(persona: str, people: dict[str, Any]) -> None:
    claim = bring_to(
        new_claim(), S.NEEDS_SECOND_REVIEW, author=author_for(persona, people), approver=people["approver"]
    )
    client = Client()
    client.force_login(people[persona])
    html = client.get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert (">Approve</button>" in html) == (persona in {"other_editor", "admin"})
    assert (">Send back</button>" in html) == (persona in EDITORS)
    assert ">Submit for second review</button>" not in html
    if persona not in {"other_editor", "admin"}:
        assert "Approval needs an editor" in html
