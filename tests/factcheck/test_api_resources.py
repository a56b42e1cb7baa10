"""API resources: filters, summaries, If-Match on claims, evidence edits, downloads, and constant query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Article, Claim
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EvidenceFactory,
    SnapshotFactory,
    SourceFactory,
    VerdictFactory,
    api,
    default_rating,
)

pytestmark = pytest.mark.django_db


def fill(n: int, alice: Any) -> Article:
    article = ArticleFactory(created_by=alice, body="x. " * 400)
    for i in range(n):
        claim = ClaimFactory(article=article, start=i * 3, end=i * 3 + 2, order=i, assignee=alice)
        VerdictFactory(claim=claim, reviewer=alice)
        EvidenceFactory(claim=claim, added_by=alice, source=SourceFactory())
        ArticleFactory(created_by=alice)
    return article


def list_urls(article: Article) -> list[str]:
    claim = article.claims.first()
    assert claim is not None
    return [
        "/api/v1/articles/",
        f"/api/v1/articles/{article.pk}/claims/",
        "/api/v1/claims/",
        "/api/v1/claims/?status=new&checkworthy=true&verdict=False",
        f"/api/v1/claims/{claim.pk}/evidence/",
        f"/api/v1/claims/{claim.pk}/verdicts/",
        "/api/v1/sources/",
        "/api/v1/ratings/",
        "/api/v1/scales/",
        "/api/v1/tokens/",
    ]


def queries(client: Any, url: str, page_size: int) -> int:
    joiner = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{url}{joiner}page_size={page_size}")
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_every_list_endpoint_runs_a_constant_number_of_queries(alice: Any) -> None:
    article = fill(12, alice)
    client = api(alice)
    for url in list_urls(article):
        client.get(url)  # warm-up: the role check is cached on the user after the first request
        small, large = queries(client, url, 2), queries(client, url, 12)
        assert small == large, (url, small, large)
        assert large <= 10, (url, large)


def test_article_list_is_a_summary_without_bodies(alice: Any) -> None:
    ArticleFactory(created_by=alice, body="A very long body. " * 5000)
    row = api(alice).get("/api/v1/articles/").json()["results"][0]
    assert "body" not in row and row["claim_count"] == 0
    assert "body" in api(alice).get(f"/api/v1/articles/{row['id']}/").json()


def test_article_filters(alice: Any) -> None:
    ArticleFactory(title="Scrutin vote", language="fr", outlet="Le Monde", extraction_status="ready")
    ArticleFactory(title="Weather", language="en", outlet="BBC", extraction_status="failed")
    client = api(alice)

    def titles(query: str) -> set[str]:
        return {a["title"] for a in client.get(f"/api/v1/articles/?{query}").json()["results"]}

    assert titles("language=fr") == {"Scrutin vote"}
    assert titles("extraction_status=failed") == {"Weather"}
    assert titles("outlet=le%20monde") == {"Scrutin vote"}
    assert titles("q=scrutin") == {"Scrutin vote"}
    assert client.get("/api/v1/articles/?extraction_status=bogus").status_code == 400


def test_claim_filters(alice: Any, bob: Any) -> None:
    a = ClaimFactory(assignee=alice, kind="quantity")
    b = ClaimFactory(assignee=None, kind="event", checkworthy=False)
    VerdictFactory(claim=a, rating=default_rating("False"))
    client = api(bob)

    def ids(query: str) -> set[int]:
        return {c["id"] for c in client.get(f"/api/v1/claims/?{query}").json()["results"]}

    assert ids("assignee=alice") == {a.pk}
    assert ids("assignee=none") == {b.pk}
    assert ids("kind=event") == {b.pk}
    assert ids("checkworthy=false") == {b.pk}
    assert ids("verdict=false") == {a.pk}
    assert ids("verdict=none") == {b.pk}
    assert ids(f"article={a.article_id}") == {a.pk}


def test_claim_patch_needs_if_match_and_refuses_stale(alice: Any, bob: Any, claim: Claim) -> None:
    url = f"/api/v1/claims/{claim.pk}/"
    etag = api(alice).get(url)["ETag"]
    missing = api(alice).patch(url, {"assignee": "bob"}, format="json")
    assert missing.status_code == 428 and missing.json()["code"] == "precondition_required"
    done = api(alice).patch(url, {"assignee": "bob", "text": "Edited."}, format="json", HTTP_IF_MATCH=etag)
    assert done.status_code == 200
    assert done.json()["assignee"] == "bob" and done.json()["text"] == "Edited."
    assert done["ETag"] != etag
    stale = api(bob).patch(url, {"assignee": None}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    claim.refresh_from_db()
    assert claim.assignee == bob
    unassigned = api(bob).patch(url, {"assignee": None}, format="json", HTTP_IF_MATCH=done["ETag"])
    assert unassigned.json()["assignee"] is None


def test_verdict_has_an_etag(alice: Any) -> None:
    verdict = VerdictFactory()
    response = api(alice).get(f"/api/v1/verdicts/{verdict.pk}/")
    assert response.status_code == 200 and response["ETag"].startswith(f'"{verdict.pk}-')


def test_evidence_edit_reanchors_and_remove_detaches(alice: Any, claim: Claim) -> None:
    evidence = EvidenceFactory(claim=claim, added_by=alice, quote="old")
    response = api(alice).patch(
        f"/api/v1/evidence/{evidence.pk}/", {"stance": "contradicts", "quote": "new"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["stance"] == "contradicts" and response.json()["quote"] == "new"
    assert api(alice).delete(f"/api/v1/evidence/{evidence.pk}/").status_code == 204
    assert api(alice).get(f"/api/v1/evidence/{evidence.pk}/").status_code == 404


def test_snapshot_text_download_is_a_sandboxed_attachment(alice: Any) -> None:
    snapshot = SnapshotFactory(status="archived", sha256="0" * 64, extracted_text="<script>alert(1)</script> text")
    response = api(alice).get(f"/api/v1/snapshots/{snapshot.pk}/text/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"
    pending = SnapshotFactory()
    assert api(alice).get(f"/api/v1/snapshots/{pending.pk}/text/").status_code == 404
    assert api(alice).get(f"/api/v1/snapshots/{pending.pk}/warc/").status_code == 404


def test_article_from_a_url_is_queued_for_import(
    alice: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    sent: list[tuple[str, Any]] = []
    from factcheck.lib import queue

    monkeypatch.setattr(queue, "enqueue", lambda name, *args, countdown=None: sent.append((name, args)))
    with django_capture_on_commit_callbacks(execute=True):
        response = api(alice).post("/api/v1/articles/", {"url": "https://news.example/a"}, format="json")
    assert response.status_code == 201
    assert response.json()["url"] == "https://news.example/a"
    from sources.models import ArticleImport

    job = ArticleImport.objects.get(article_id=response.json()["id"])
    assert sent == [("sources.import_article", (job.pk,))]
    assert api(alice).post("/api/v1/articles/", {"title": "only a title"}, format="json").status_code == 400


def test_status_and_kind_filters_list_each_claim_once_without_select_distinct(alice: Any) -> None:
    new, in_review = ClaimFactory(kind="quantity"), ClaimFactory(kind="event", status="in_review")
    ClaimFactory(kind="plan")
    client = api(alice)
    client.get("/api/v1/claims/")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/v1/claims/?status=new&status=in_review&kind=quantity&kind=event")
    assert sorted(c["id"] for c in response.json()["results"]) == sorted([new.pk, in_review.pk])
    # DISTINCT (django-filter's default for multiple choices) sorts every matching row before the LIMIT.
    assert not any("DISTINCT" in q["sql"] for q in ctx.captured_queries)


def test_no_list_endpoint_carries_article_bodies_or_archived_text(dave: Any) -> None:
    from sources.models import Snapshot
    from tests.factcheck.operations import operations, world_ids

    ids = world_ids(dave)
    body, text = "Bodymarker sentence. " * 2000, "Textmarker line. " * 2000
    article = Article.objects.get(pk=ids["article_id"])
    article.body = body
    article.save()  # recorded in the article's history, where long values are cut
    Snapshot.objects.filter(pk=ids["snapshot_id"]).update(extracted_text=text)
    client = api(dave)
    lists = 0
    for op in operations(ids):
        response = client.get(op.url) if op.method == "get" else None
        if response is None or not response["Content-Type"].startswith("application/json"):
            continue
        data = response.json()
        if isinstance(data, list) or (isinstance(data, dict) and "results" in data):
            lists += 1
            assert response.content.count(b"Bodymarker") < 50 and b"Textmarker" not in response.content, str(op)
            assert len(response.content) < len(body) / 2, (str(op), len(response.content))
    assert lists >= 14  # every list the schema has, summaries only
    assert b"Bodymarker" in client.get(f"/api/v1/articles/{ids['article_id']}/").content  # detail: the whole body
