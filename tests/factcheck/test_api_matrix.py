"""Every API endpoint × every kind of caller: anonymous, reviewer, other reviewer, editor, admin,
a role-less account, a revoked token and an expired token. Every answer is asserted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import token_create
from tests.factcheck.operations import operations, world_ids
from tests.factories import ClaimFactory, EvidenceFactory, SnapshotFactory, UserFactory, VerdictFactory, default_rating

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "alice", "bob", "carol", "dave", "nobody", "revoked", "expired"]
REFUSED = {"anonymous": 401, "revoked": 401, "expired": 401, "nobody": 403}


@dataclass
class World:
    claim: Any
    evidence: Any
    snapshot: Any
    verdict: Any
    alice_token: Any


@pytest.fixture
def world(alice: Any, bob: Any, carol: Any, dave: Any, nobody: Any, monkeypatch: Any) -> World:
    monkeypatch.setattr("sources.tasks.archive_snapshot.apply_async", lambda *a, **k: None)
    claim = ClaimFactory(article__created_by=alice)
    evidence = EvidenceFactory(claim=claim, added_by=alice)
    snapshot = SnapshotFactory(source=evidence.source, status="failed")
    verdict = VerdictFactory(claim=claim, reviewer=alice)
    token, _secret = token_create(user=alice, name="alice's")
    return World(claim, evidence, snapshot, verdict, token)


def client_as(actor: str, request: Any) -> APIClient:
    client = APIClient()
    if actor == "anonymous":
        return client
    if actor in {"revoked", "expired"}:
        token, secret = token_create(user=request.getfixturevalue("alice"), name=actor)
        change = {"revoked_at": timezone.now()} if actor == "revoked" else {"expires_at": timezone.now() - timedelta(1)}
        ApiToken.objects.filter(pk=token.pk).update(**change)
    else:
        _t, secret = token_create(user=request.getfixturevalue(actor), name="matrix")
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def reads(w: World) -> list[str]:
    c = w.claim
    return [
        "/api/v1/articles/",
        f"/api/v1/articles/{c.article_id}/",
        f"/api/v1/articles/{c.article_id}/claims/",
        "/api/v1/claims/",
        f"/api/v1/claims/{c.pk}/",
        f"/api/v1/claims/{c.pk}/verdicts/",
        f"/api/v1/claims/{c.pk}/evidence/",
        f"/api/v1/evidence/{w.evidence.pk}/",
        f"/api/v1/verdicts/{w.verdict.pk}/",
        "/api/v1/sources/",
        f"/api/v1/sources/{w.evidence.source_id}/",
        f"/api/v1/snapshots/{w.snapshot.pk}/",
        "/api/v1/ratings/",
        "/api/v1/scales/",
    ]


@pytest.mark.parametrize("actor", ACTORS)
def test_reads(world: World, actor: str, request: Any) -> None:
    client = client_as(actor, request)
    for url in reads(world):
        assert client.get(url).status_code == REFUSED.get(actor, 200), (actor, url)
    me = client.get("/api/v1/me/").status_code
    assert me == (401 if actor in {"anonymous", "revoked", "expired"} else 200)


def writes(w: World) -> dict[str, tuple[str, str, dict[str, Any], dict[str, str]]]:
    c = w.claim
    return {
        "create article": ("post", "/api/v1/articles/", {"title": "T", "body": "A sentence of text."}, {}),
        "patch claim": (
            "patch",
            f"/api/v1/claims/{c.pk}/",
            {"status": "in_review"},
            {"HTTP_IF_MATCH": f'"{c.version}"'},
        ),
        "attach evidence": (
            "post",
            f"/api/v1/claims/{c.pk}/evidence/",
            {"url": "https://example.org/", "stance": "context"},
            {},
        ),
        "edit evidence": ("patch", f"/api/v1/evidence/{w.evidence.pk}/", {"note": "p. 5"}, {}),
        "remove evidence": ("delete", f"/api/v1/evidence/{w.evidence.pk}/", {}, {}),
        "record verdict": (
            "post",
            f"/api/v1/claims/{c.pk}/verdicts/",
            {"rating": default_rating().pk, "summary": "S", "evidence": [w.evidence.pk]},
            {"HTTP_IF_MATCH": f'"{c.version}"'},
        ),
        "rearchive": ("post", f"/api/v1/sources/{w.evidence.source_id}/rearchive/", {}, {}),
        "retry snapshot": ("post", f"/api/v1/snapshots/{w.snapshot.pk}/retry/", {}, {}),
        "create token": ("post", "/api/v1/tokens/", {"name": "n"}, {}),
        "revoke alice's token": ("delete", f"/api/v1/tokens/{w.alice_token.pk}/", {}, {}),
    }


OK = {
    "create article": 201,
    "patch claim": 200,
    "attach evidence": 201,
    "edit evidence": 200,
    "remove evidence": 204,
    "record verdict": 201,
    "rearchive": 202,
    "retry snapshot": 202,
    "create token": 201,
    "revoke alice's token": 204,
}


def expected(action: str, actor: str) -> int:
    if actor in {"anonymous", "revoked", "expired"}:
        return 401
    if action == "create token":
        return 201  # any signed-in account manages its own tokens
    if action == "revoke alice's token":
        return 204 if actor == "alice" else 404  # others' tokens are invisible
    if actor == "nobody":
        return 403
    if action in {"edit evidence", "remove evidence"} and actor == "bob":
        return 403  # the other reviewer may not change alice's evidence
    return OK[action]


@pytest.mark.parametrize("action", list(OK))
@pytest.mark.parametrize("actor", ACTORS)
def test_writes(world: World, actor: str, action: str, request: Any) -> None:
    client = client_as(actor, request)
    method, url, body, headers = writes(world)[action]
    response = getattr(client, method)(url, body, format="json", **headers)
    assert response.status_code == expected(action, actor), (actor, action, response.content[:300])
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"


def test_other_users_tokens_never_listed(world: World, bob: Any) -> None:
    token_create(user=bob, name="bob's")
    client = client_as("bob", _Req(bob))
    names = {t["name"] for t in client.get("/api/v1/tokens/").json()["results"]}
    assert names == {"bob's", "matrix"}


class _Req:
    def __init__(self, user: Any) -> None:
        self.user = user

    def getfixturevalue(self, name: str) -> Any:
        return self.user


def test_deactivated_users_token_is_refused(world: World) -> None:
    user = UserFactory(username="leaver", role="reviewer")
    _t, secret = token_create(user=user, name="old")
    user.is_active = False
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/v1/claims/").status_code == 401


def unusable_token_client(state: str) -> APIClient:
    user = UserFactory(username=f"holder-{state}", role="editor")
    token, secret = token_create(user=user, name=state)
    if state == "revoked":
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    elif state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    else:
        type(user).objects.filter(pk=user.pk).update(is_active=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


@pytest.mark.parametrize("state", ["revoked", "expired", "deactivated"])
def test_every_operation_in_the_schema_refuses_an_unusable_token(state: str, alice: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("sources.tasks.archive_snapshot.apply_async", lambda *a, **k: None)
    client = unusable_token_client(state)
    ops = operations(world_ids(alice))
    assert len([op for op in ops if not op.public]) >= 40  # the whole API, read from its schema
    for op in ops:
        response = getattr(client, op.method)(op.url, {}, format="json")
        assert response["Content-Type"] in {"application/problem+json", "application/ld+json"}, str(op)
        if op.public:  # ClaimReview documents read no credentials: a dead token neither opens nor closes them
            assert response.status_code in {200, 404}, (str(op), response.status_code)
        else:
            assert response.status_code == 401, (str(op), response.status_code)
            assert response.json()["code"] in {"authentication_failed", "not_authenticated"}
