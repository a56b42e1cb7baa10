"""Evidence can be edited or removed by the reviewer who attached it, or by an editor; nobody else."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sources.models import Evidence
from tests.factories import EvidenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(claim: Any, alice: Any) -> Evidence:
    return EvidenceFactory(claim=claim, added_by=alice, quote="old quote", note="old note")


@pytest.mark.parametrize(("who", "allowed"), [("alice", True), ("bob", False), ("carol", True), ("dave", True)])
def test_who_may_edit_a_source(evidence: Evidence, who: str, allowed: bool, request: pytest.FixtureRequest) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("sources:evidence_edit", args=[evidence.pk]), {"stance": "contradicts", "quote": "new", "note": "n"}
    )
    evidence.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert (evidence.stance, evidence.quote, evidence.note) == ("contradicts", "new", "n")
    else:
        assert response.status_code == 403
        assert evidence.quote == "old quote"


@pytest.mark.parametrize(("who", "allowed"), [("alice", True), ("bob", False), ("carol", True), ("nobody", False)])
def test_who_may_remove_a_source(evidence: Evidence, who: str, allowed: bool, request: pytest.FixtureRequest) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("sources:evidence_remove", args=[evidence.pk]))
    assert Evidence.objects.filter(pk=evidence.pk).exists() is not allowed
    assert response.status_code == (302 if allowed else 403)


def test_the_claim_page_offers_edit_only_to_those_who_may(evidence: Evidence, alice: Any, bob: Any) -> None:
    for user, shown in ((alice, True), (bob, False)):
        client = Client()
        client.force_login(user)
        html = client.get(reverse("claims:claim_detail", args=[evidence.claim_id])).content.decode()
        assert ("Edit or remove this source" in html) is shown


def test_a_failed_capture_is_said_instead_of_waiting_for_the_archive(claim: Any, alice: Any) -> None:
    from tests.factories import SnapshotFactory

    snapshot = SnapshotFactory(status="failed", error_message="HTTP 404")
    EvidenceFactory(claim=claim, source=snapshot.source, quote="x", anchor_status="pending", added_by=alice)
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert "Capture failed: the quote cannot be located" in html
    assert "Waiting for the archive" not in html
