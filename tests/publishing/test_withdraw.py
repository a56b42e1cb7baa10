"""Withdrawing a published fact-check with a public note: on the claim page, in the admin and through the API,
each asking the review policy (editors only); the public page, the feed and the ClaimReview then say so, and the
history and the workflow history keep who did it, when and through what."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services import token_create
from claims.models import Claim
from history.models import HistoryEntry
from publishing.models import Publication, WorkflowEvent
from tests.factories import api
from tests.publishing.conftest import PERSONAS, S, author_for, bring_to, new_claim

pytestmark = pytest.mark.django_db

EDITORS = {"editor_author", "other_editor", "admin"}
NOTE = "The report we cited was withdrawn by its authors."


def _published(persona: str, people: dict[str, Any]) -> Claim:
    return bring_to(new_claim(), S.PUBLISHED, author=author_for(persona, people), approver=people["approver"])


def _state(claim: Claim) -> tuple[Any, ...]:
    claim.refresh_from_db()
    return claim.withdrawn_at, claim.withdrawal_note, claim.version


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _history_of_withdrawal(claim: Claim) -> HistoryEntry:
    entries = [
        e
        for e in HistoryEntry.objects.filter(claim_ref=claim.pk, content_type__model="claim")
        if any(c["field"] == "withdrawal_note" for c in e.changes)
    ]
    assert len(entries) == 1, entries
    change = next(c for c in entries[0].changes if c["field"] == "withdrawal_note")
    assert (change["old"], change["new"]) == ("", NOTE)
    return entries[0]


@pytest.mark.parametrize("persona", PERSONAS)
def test_ui_withdraw_matrix(persona: str, people: dict[str, Any]) -> None:
    claim = _published(persona, people)
    before = _state(claim)
    response = _client(people[persona]).post(
        reverse("publishing:claim_withdraw", args=[claim.pk]), {"note": NOTE, "version": claim.version}
    )
    if persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif persona in EDITORS:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert _state(claim)[1] == NOTE
        entry = _history_of_withdrawal(claim)
        assert (entry.via, entry.actor_id) == ("ui", people[persona].pk)
        return
    else:
        assert response.status_code == 403
    assert _state(claim) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_withdraw_matrix(persona: str, people: dict[str, Any]) -> None:
    claim = _published(persona, people)
    before = _state(claim)
    response = api(people[persona]).post(
        f"/api/v1/claims/{claim.pk}/withdraw/", {"note": NOTE, "version": claim.version}, format="json"
    )
    if persona == "anonymous":
        assert response.status_code == 401
    elif persona in EDITORS:
        assert response.status_code == 200, response.json()
        assert response.json()["withdrawal_note"] == NOTE and response.json()["withdrawn_at"]
        return
    else:
        assert response.status_code == 403
        assert "editor" in response.json()["detail"]
    assert _state(claim) == before


def test_the_api_withdrawal_is_recorded_with_the_tokens_name(carol: Any, people: dict[str, Any]) -> None:
    claim = _published("other_editor", people)
    _token, secret = token_create(user=carol, name="CMS")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    response = client.post(f"/api/v1/claims/{claim.pk}/withdraw/", {"note": NOTE}, format="json")
    assert response.status_code == 200, response.json()
    entry = _history_of_withdrawal(claim)
    assert (entry.via, entry.actor_label, entry.token_name) == ("api", "carol", "CMS")


def test_the_api_needs_a_note_and_refuses_a_second_withdrawal(carol: Any, people: dict[str, Any]) -> None:
    claim = _published("other_editor", people)
    url = f"/api/v1/claims/{claim.pk}/withdraw/"
    assert api(carol).post(url, {"note": "   "}, format="json").status_code == 400
    assert api(carol).post(url, {}, format="json").status_code == 400
    assert api(carol).post(url, {"note": NOTE, "version": claim.version + 5}, format="json").status_code == 412
    assert Claim.objects.get(pk=claim.pk).withdrawn_at is None
    assert api(carol).post(url, {"note": NOTE}, format="json").status_code == 200
    again = api(carol).post(url, {"note": "Once more."}, format="json")
    assert again.status_code == 409 and "already" in again.json()["detail"]
    assert Claim.objects.get(pk=claim.pk).withdrawal_note == NOTE


def test_only_a_published_fact_check_is_withdrawn(carol: Any, people: dict[str, Any]) -> None:
    claim = bring_to(new_claim(), S.READY, author=people["reviewer_author"], approver=people["approver"])
    response = api(carol).post(f"/api/v1/claims/{claim.pk}/withdraw/", {"note": NOTE}, format="json")
    assert response.status_code == 409
    assert Claim.objects.get(pk=claim.pk).withdrawn_at is None


def test_the_claim_page_offers_the_form_to_editors_only_and_requires_the_note(
    alice: Any, carol: Any, people: dict[str, Any]
) -> None:
    claim = _published("other_editor", people)
    page = reverse("claims:claim_detail", args=[claim.pk])
    assert "Withdraw the published fact-check" not in _client(alice).get(page).content.decode()
    editor_page = _client(carol).get(page).content.decode()
    assert "Withdraw the published fact-check" in editor_page
    assert 'name="note"' in editor_page
    empty = _client(carol).post(reverse("publishing:claim_withdraw", args=[claim.pk]), {"note": "", "version": 99})
    assert empty.status_code == 400 and "This field is required" in empty.content.decode()
    assert Claim.objects.get(pk=claim.pk).withdrawn_at is None
    done = _client(carol).post(
        reverse("publishing:claim_withdraw", args=[claim.pk]), {"note": NOTE, "version": claim.version}, follow=True
    )
    body = done.content.decode()
    assert "Withdrawn. The public page shows your note." in body
    assert NOTE in body and "Withdraw the published fact-check" not in body
    event = WorkflowEvent.objects.get(claim=claim, action=WorkflowEvent.Action.WITHDRAWN)
    assert (event.actor, event.comment) == (carol, NOTE)


def _admin_withdraw(client: Client, claim: Claim, note: str) -> Any:
    return client.post(
        reverse("admin:publishing_publication_changelist"),
        {"action": "withdraw", "_selected_action": [claim.pk], "note": note},
        follow=True,
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_withdraw_matrix(persona: str, people: dict[str, Any]) -> None:
    claim = _published(persona, people)
    before = _state(claim)
    user = people[persona]
    if user is not None and persona not in {"admin"}:
        user.is_staff = True  # editors are staff (claims.users.user_set_role); a staff reviewer still may not
        user.save()
    response = _admin_withdraw(_client(user), claim, NOTE)
    if persona in EDITORS:
        assert "1 fact-checks withdrawn" in response.content.decode()
        assert _state(claim)[1] == NOTE
        entry = _history_of_withdrawal(claim)
        assert (entry.via, entry.actor_id) == ("admin", user.pk)
        return
    assert response.status_code in {200, 403}
    assert _state(claim) == before


def test_the_admin_refuses_a_withdrawal_without_a_note(carol: Any, people: dict[str, Any]) -> None:
    claim = _published("other_editor", people)
    carol.is_staff = True
    carol.save()
    response = _admin_withdraw(_client(carol), claim, "  ")
    assert "Write the public note first" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).withdrawn_at is None
    listing = _client(carol).get(reverse("admin:publishing_publication_changelist")).content.decode()
    assert "Withdraw the selected fact-checks" in listing and 'name="note"' in listing


def test_the_public_page_feed_and_claimreview_show_the_note(carol: Any, people: dict[str, Any]) -> None:
    claim = _published("other_editor", people)
    assert api(carol).post(f"/api/v1/claims/{claim.pk}/withdraw/", {"note": NOTE}, format="json").status_code == 200
    page = Client().get(reverse("publishing:factcheck_detail", args=[claim.pk])).content.decode()
    assert "This fact-check was withdrawn" in page and NOTE in page
    doc = Client().get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert doc["creativeWorkStatus"] == "Withdrawn"
    assert doc["correction"] == {
        "@type": "CorrectionComment",
        "text": NOTE,
        "datePublished": Claim.objects.get(pk=claim.pk).withdrawn_at.date().isoformat(),
    }
    assert doc["dateModified"] == doc["correction"]["datePublished"]
    assert NOTE in page.split('type="application/ld+json">')[1].split("</script>")[0]
    feed = Client().get(reverse("publishing:feed")).content.decode()
    assert f"Withdrawn: {NOTE}" in feed
    assert Publication.objects.filter(claim=claim).exists()  # never deleted


def test_a_withdrawn_fact_check_is_no_longer_corrected(carol: Any, people: dict[str, Any]) -> None:
    claim = _published("other_editor", people)
    api(carol).post(f"/api/v1/claims/{claim.pk}/withdraw/", {"note": NOTE}, format="json")
    claim.refresh_from_db()
    evidence = [e.pk for e in claim.evidence.all()]
    body = {"reason": "A new figure.", "rating": claim.verdicts.first().rating_id, "summary": "x", "evidence": evidence}
    response = api(carol).post(f"/api/v1/claims/{claim.pk}/corrections/", body, format="json")
    assert response.status_code == 409 and "withdrawn" in response.json()["detail"]
