"""REST API for articles, claims, verdicts and ratings: auth × role, conflicts, error format, OpenAPI schema."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from claims.models import Article, Claim, Verdict
from tests.factories import VerdictFactory, api, default_rating

pytestmark = pytest.mark.django_db


def read_endpoints(claim: Claim) -> list[str]:
    return [
        "/api/v1/articles/",
        f"/api/v1/articles/{claim.article_id}/",
        f"/api/v1/articles/{claim.article_id}/claims/",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/claims/{claim.pk}/verdicts/",
        f"/api/v1/claims/{claim.pk}/evidence/",
        "/api/v1/ratings/",
    ]


def test_anonymous_gets_401_with_token_challenge(claim: Claim) -> None:
    for url in read_endpoints(claim):
        response = api().get(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Token"
        assert response.json()["code"] == "not_authenticated"
    assert api().post("/api/v1/articles/", {"title": "x", "body": "y"}, format="json").status_code == 401
    assert api().patch(f"/api/v1/claims/{claim.pk}/", {"status": "in_review"}, format="json").status_code == 401


def test_user_without_role_gets_403(claim: Claim, nobody: Any) -> None:
    for url in read_endpoints(claim):
        response = api(nobody).get(url)
        assert response.status_code == 403, url
        assert response.json()["code"] == "permission_denied"
    response = api(nobody).post("/api/v1/articles/", {"title": "x", "body": "y"}, format="json")
    assert response.status_code == 403
    response = api(nobody).patch(f"/api/v1/claims/{claim.pk}/", {"status": "in_review", "version": 1}, format="json")
    assert response.status_code == 403
    response = api(nobody).post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"rating": default_rating().pk, "summary": "x"}, format="json"
    )
    assert response.status_code == 403
    assert not Article.objects.exclude(pk=claim.article_id).exists()
    assert not Verdict.objects.exists()


@pytest.mark.parametrize("username", ["alice", "bob", "carol", "dave"])
def test_every_role_reads_every_endpoint(claim: Claim, username: str, request: Any) -> None:
    user = request.getfixturevalue(username)
    for url in read_endpoints(claim):
        assert api(user).get(url).status_code == 200, url


def test_token_authentication(claim: Claim, alice: Any) -> None:
    from accounts.services import token_create

    _token, secret = token_create(user=alice, name="CMS")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/v1/articles/").status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/v1/articles/").status_code == 401


def test_session_post_without_csrf_is_refused(claim: Claim, alice: Any) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get("/api/v1/articles/").status_code == 200
    response = client.post("/api/v1/articles/", {"title": "t", "body": "b"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_create_article_extracts_claims(alice: Any, django_capture_on_commit_callbacks: Any) -> None:
    body = "The council approved a budget of 12 million euros on 3 March 2025. Unemployment rose by 4 percent."
    with django_capture_on_commit_callbacks(execute=True):
        response = api(alice).post("/api/v1/articles/", {"title": "Budget", "body": body}, format="json")
    assert response.status_code == 201
    data = response.json()
    assert data["title"] == "Budget"
    assert data["extraction_status"] == "pending"
    assert data["created_by"] == "alice"
    assert "language" in data
    detail = api(alice).get(f"/api/v1/articles/{data['id']}/").json()
    assert detail["extraction_status"] == "ready", detail.get("extraction_error")
    claims = api(alice).get(f"/api/v1/articles/{data['id']}/claims/").json()
    assert len(claims["results"]) == detail["claim_count"] >= 2
    texts = [claim["text"] for claim in claims["results"]]
    assert any("12 million euros" in text for text in texts) and any("4 percent" in text for text in texts)


def test_create_article_validation_uses_the_error_format(alice: Any) -> None:
    response = api(alice).post("/api/v1/articles/", {"title": "t", "body": "   "}, format="json")
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invalid"
    assert "body" in error["errors"]
    response = api(alice).post("/api/v1/articles/", {"body": "text"}, format="json")
    assert response.status_code == 400
    assert "title" in response.json()["errors"]


def test_missing_objects_are_404(alice: Any) -> None:
    for url in ["/api/v1/articles/999/", "/api/v1/claims/999/", "/api/v1/articles/999/claims/"]:
        response = api(alice).get(url)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_claim_detail_has_etag_and_current_verdict(alice: Any, claim: Claim) -> None:
    VerdictFactory(claim=claim, rating=default_rating("Misleading"))
    response = api(alice).get(f"/api/v1/claims/{claim.pk}/")
    assert response["ETag"] == f'"{claim.version}"'
    data = response.json()
    assert data["current_verdict"]["rating"]["label"] == "Misleading"
    assert data["evidence_count"] == 0


def test_patch_status_with_version_and_if_match(alice: Any, bob: Any, claim: Claim) -> None:
    url = f"/api/v1/claims/{claim.pk}/"
    response = api(alice).patch(url, {"status": "in_review", "version": claim.version}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "in_review"
    new_version = response.json()["version"]
    assert new_version == claim.version + 1
    # bob read the old version: 412 and nothing changes
    response = api(bob).patch(url, {"status": "dismissed"}, format="json", HTTP_IF_MATCH=f'"{claim.version}"')
    assert response.status_code == 412
    assert response.json()["code"] == "conflict"
    response = api(bob).patch(url, {"status": "dismissed"}, format="json", HTTP_IF_MATCH=f'"{new_version}"')
    assert response.status_code == 200
    assert response.json()["status"] == "dismissed"


def test_patch_without_version_is_428_and_bad_transition_409(alice: Any, carol: Any, claim: Claim) -> None:
    url = f"/api/v1/claims/{claim.pk}/"
    response = api(alice).patch(url, {"status": "in_review"}, format="json")
    assert response.status_code == 428
    response = api(carol).patch(url, {"status": "new", "version": claim.version}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    response = api(alice).patch(url, {"status": "bogus", "version": claim.version}, format="json")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


@pytest.mark.parametrize(
    ("start", "target", "why"),
    [
        ("in_review", "needs_second_review", "Submit action"),
        ("in_review", "ready", "Approve action"),
        ("needs_second_review", "ready", "Approve action"),
        ("ready", "published", "Publish action"),
        ("new", "published", "Publish action"),
        ("ready", "in_review", "Send back action"),
        ("published", "in_review", "correction"),
    ],
)
@pytest.mark.parametrize("username", ["alice", "bob", "carol", "dave"])
def test_patch_can_never_skip_a_workflow_action(
    claim: Claim, username: str, start: str, target: str, why: str, request: Any
) -> None:
    Claim.objects.filter(pk=claim.pk).update(status=start)
    user = request.getfixturevalue(username)
    response = api(user).patch(f"/api/v1/claims/{claim.pk}/", {"status": target, "version": 1}, format="json")
    assert response.status_code == 403
    assert why in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.status == start


def test_ratings_are_the_default_scale(alice: Any) -> None:
    data = api(alice).get("/api/v1/ratings/").json()
    assert [r["label"] for r in data][:2] == ["True", "Mostly true"]
    assert {r["scale"] for r in data} == {"Default"}


def test_schema_generates_without_warnings_and_lists_every_path() -> None:
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", stdout=out)
    import json

    schema = json.loads(out.getvalue())
    paths = set(schema["paths"])
    for path in [
        "/api/v1/articles/",
        "/api/v1/articles/{id}/",
        "/api/v1/articles/{article_id}/claims/",
        "/api/v1/claims/{claim_id}/",
        "/api/v1/claims/{claim_id}/evidence/",
        "/api/v1/claims/{claim_id}/verdicts/",
        "/api/v1/snapshots/{snapshot_id}/",
        "/api/v1/ratings/",
    ]:
        assert path in paths, path
    assert "patch" in schema["paths"]["/api/v1/claims/{claim_id}/"]
    assert "post" in schema["paths"]["/api/v1/claims/{claim_id}/evidence/"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]
