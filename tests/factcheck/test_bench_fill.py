"""`make bench-api` fills its database with raw SQL; a tiny fill here keeps that SQL in step with the models.

When a table gains a NOT NULL column or a column is renamed, this fails here instead of in the next
benchmark run (it broke silently twice before this test existed).
"""

from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the bench fill uses PostgreSQL's generate_series; run with DATABASE_URL=postgres://…")


def test_a_tiny_bench_fill_gives_a_data_set_the_api_serves(postgresql_only: None) -> None:
    from bench.api_fill import PUBLISH_EVERY, fill
    from bench.api_load import feed_path
    from claims.models import Article, Claim, Verdict
    from publishing.models import Publication
    from sources.models import Evidence, Snapshot

    secret = fill(articles=3, migrate=False)

    assert Article.objects.count() == 3
    assert Claim.objects.count() == 60
    assert Snapshot.objects.filter(status="archived").count() == 12
    assert Evidence.objects.count() == 60
    assert Verdict.objects.count() == 30
    published = 30 // PUBLISH_EVERY
    assert Publication.objects.count() == published

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    claims = client.get("/api/v1/claims/?page_size=50")
    assert claims.status_code == 200, claims.content
    first = claims.json()
    assert len(first["results"]) == 50
    rest = client.get(first["next"])
    assert len(rest.json()["results"]) == 10
    path = feed_path()
    assert path is not None
    feed = client.get(f"{path}?page_size=50")
    assert feed.status_code == 200, feed.content
    assert len(feed.json()["results"]) == published
