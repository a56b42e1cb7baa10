"""REST API for a claim's evidence and for snapshots: auth × role, refused URLs, snapshot status in responses."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Claim
from sources.models import Evidence, Snapshot
from tests.factories import EvidenceFactory, SnapshotFactory, SourceFactory, api

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_archiving(monkeypatch: Any) -> None:
    """Keep the snapshot pending: these tests are about the API, not the fetcher."""
    monkeypatch.setattr("sources.tasks.archive_snapshot.apply_async", lambda *args, **options: None)


PAYLOAD = {"url": "https://www.example.org/report", "stance": "contradicts", "quote": "10 million", "note": "p. 4"}


def test_anonymous_and_roleless_users_are_refused(claim: Claim, nobody: Any) -> None:
    snapshot = SnapshotFactory()
    for user, expected in [(None, 401), (nobody, 403)]:
        assert api(user).get(f"/api/v1/claims/{claim.pk}/evidence/").status_code == expected
        assert api(user).post(f"/api/v1/claims/{claim.pk}/evidence/", PAYLOAD, format="json").status_code == expected
        assert api(user).get(f"/api/v1/snapshots/{snapshot.pk}/").status_code == expected
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("username", ["alice", "bob", "carol", "dave"])
def test_each_role_attaches_evidence_and_sees_snapshot_status(
    claim: Claim, username: str, request: Any, no_archiving: None
) -> None:
    user = request.getfixturevalue(username)
    response = api(user).post(f"/api/v1/claims/{claim.pk}/evidence/", PAYLOAD, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["stance"] == "contradicts"
    assert data["quote"] == "10 million"
    assert data["added_by"] == username
    assert data["anchor_status"] == "pending"
    assert data["source"]["domain"].endswith("example.org")
    assert data["snapshot"]["status"] == "pending"
    listed = api(user).get(f"/api/v1/claims/{claim.pk}/evidence/").json()["results"]
    assert [item["id"] for item in listed] == [data["id"]]
    snapshot = api(user).get(f"/api/v1/snapshots/{data['snapshot']['id']}/")
    assert snapshot.status_code == 200
    assert snapshot.json()["status"] == "pending"


def test_other_reviewer_sees_evidence_added_by_someone_else(claim: Claim, alice: Any, bob: Any) -> None:
    EvidenceFactory(claim=claim, added_by=alice)
    data = api(bob).get(f"/api/v1/claims/{claim.pk}/evidence/").json()["results"]
    assert [item["added_by"] for item in data] == ["alice"]


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "javascript:alert(1)", "http://10.0.0.1/admin", "file:///etc/passwd", "not a url"],
)
def test_refused_urls_are_400_with_a_field_error(claim: Claim, alice: Any, url: str) -> None:
    response = api(alice).post(f"/api/v1/claims/{claim.pk}/evidence/", {**PAYLOAD, "url": url}, format="json")
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invalid"
    assert "url" in error["errors"]
    assert not Evidence.objects.exists()


def test_bad_stance_is_400(claim: Claim, alice: Any) -> None:
    response = api(alice).post(f"/api/v1/claims/{claim.pk}/evidence/", {**PAYLOAD, "stance": "maybe"}, format="json")
    assert response.status_code == 400
    assert "stance" in response.json()["errors"]


def test_evidence_list_reports_the_latest_snapshot(claim: Claim, alice: Any) -> None:
    source = SourceFactory()
    SnapshotFactory(source=source, status=Snapshot.Status.FAILED, error_message="HTTP 503")
    latest = SnapshotFactory(source=source, status=Snapshot.Status.ARCHIVED, sha256="b" * 64)
    EvidenceFactory(claim=claim, source=source)
    data = api(alice).get(f"/api/v1/claims/{claim.pk}/evidence/").json()["results"]
    assert data[0]["snapshot"]["id"] == latest.pk
    assert data[0]["snapshot"]["status"] == "archived"


def test_snapshot_detail_and_404(alice: Any) -> None:
    snapshot = SnapshotFactory(status=Snapshot.Status.RETRYING, attempts=2, error_message="timeout")
    data = api(alice).get(f"/api/v1/snapshots/{snapshot.pk}/").json()
    assert data["status"] == "retrying" and data["attempts"] == 2 and data["error_message"] == "timeout"
    assert "extracted_text" not in data
    response = api(alice).get("/api/v1/snapshots/99999/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_evidence_for_missing_claim_is_404(alice: Any) -> None:
    assert api(alice).post("/api/v1/claims/99999/evidence/", PAYLOAD, format="json").status_code == 404
