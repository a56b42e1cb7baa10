"""Idempotency-Key on API POSTs: a retry replays the first response and creates nothing."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import IdempotencyKey
from accounts.services import idempotency_keys_purge, token_create
from claims.models import Article

BODY = {"title": "Budget", "body": "The council approved 12 million euros on 3 March 2025."}


def client_for(user: Any) -> APIClient:
    _t, secret = token_create(user=user, name="retrying tool")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


@pytest.mark.django_db
def test_same_key_same_body_replays_and_creates_nothing(alice: Any) -> None:
    client = client_for(alice)
    first = client.post("/api/v1/articles/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="a-1")
    again = client.post("/api/v1/articles/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="a-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_same_key_other_body_is_422(alice: Any) -> None:
    client = client_for(alice)
    client.post("/api/v1/articles/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="a-2")
    response = client.post("/api/v1/articles/", {**BODY, "title": "Other"}, format="json", HTTP_IDEMPOTENCY_KEY="a-2")
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_keys_are_per_user_and_errors_are_replayed_too(alice: Any, bob: Any) -> None:
    client_for(alice).post("/api/v1/articles/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="shared")
    assert (
        client_for(bob).post("/api/v1/articles/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="shared").status_code == 201
    )
    client = client_for(alice)
    bad = client.post("/api/v1/articles/", {"body": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="bad")
    assert (
        client.post("/api/v1/articles/", {"body": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="bad").json() == bad.json()
    )
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_refused_authentication_is_not_remembered(alice: Any, nobody: Any) -> None:
    client = client_for(nobody)
    assert client.post("/api/v1/articles/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 403
    assert not IdempotencyKey.objects.exists()


@pytest.mark.django_db
def test_keys_expire_after_a_day(alice: Any) -> None:
    client = client_for(alice)
    client.post("/api/v1/articles/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="old")
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert client.post("/api/v1/articles/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="old").status_code == 201
    assert Article.objects.count() == 2
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert idempotency_keys_purge() == 1


@pytest.mark.django_db
def test_malformed_key_is_400(alice: Any) -> None:
    response = client_for(alice).post("/api/v1/articles/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="x" * 300)
    assert response.status_code == 400
    assert not Article.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_retries_create_one_article(workbench_roles: None) -> None:
    """Two threads, two connections, two transactions: the second waits and replays (real on PostgreSQL)."""
    from tests.factories import UserFactory

    alice = UserFactory(username="alice", role="reviewer")
    _t, secret = token_create(user=alice, name="racer")
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def post() -> None:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        barrier.wait()
        try:
            results.append(client.post("/api/v1/articles/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="race"))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(r.status_code for r in results) == [201, 201]
    assert results[0].json()["id"] == results[1].json()["id"]
    assert Article.objects.count() == 1
