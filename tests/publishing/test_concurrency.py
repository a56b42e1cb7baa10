"""Two reviewers record a verdict on the same claim at once: the second gets a conflict and
nothing is overwritten. Real concurrent transactions (row locks on PostgreSQL in CI,
immediate transactions on SQLite), and the same through two API sessions."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from claims.models import Claim, Verdict
from factcheck.lib.errors import ConflictError
from publishing import services
from publishing.models import VerdictCitation
from tests.factories import UserFactory, api, default_rating
from tests.publishing.conftest import archived_evidence, new_claim

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_concurrent_verdicts_with_the_same_version_let_exactly_one_through(workbench_roles: None) -> None:
    claim = new_claim()
    evidence = archived_evidence(claim)
    reviewers = [UserFactory(username="rita", role="reviewer"), UserFactory(username="sam", role="reviewer")]
    version = claim.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}
    lock = threading.Lock()

    def write(user: Any) -> None:
        try:
            barrier.wait(timeout=10)
            services.verdict_record(
                claim=claim,
                user=user,
                rating=default_rating("False"),
                summary=f"Verdict by {user.username}",
                evidence=[evidence.pk],
                expected_version=version,
            )
            result = "ok"
        except ConflictError:
            result = "conflict"
        finally:
            connection.close()
        with lock:
            outcomes[user.username] = result

    threads = [threading.Thread(target=write, args=(user,)) for user in reviewers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    print(f"\nconcurrent verdicts on {connection.vendor}: {outcomes}")
    assert sorted(outcomes.values()) == ["conflict", "ok"]
    winner = next(name for name, result in outcomes.items() if result == "ok")
    verdicts = list(Verdict.objects.filter(claim=claim))
    assert [v.summary for v in verdicts] == [f"Verdict by {winner}"]
    assert VerdictCitation.objects.filter(verdict=verdicts[0]).count() == 1
    claim.refresh_from_db()
    assert claim.version == version + 1 and claim.status == Claim.Status.IN_REVIEW


def test_two_api_sessions_the_second_gets_412(workbench_roles: None) -> None:
    claim = new_claim()
    evidence = archived_evidence(claim)
    first, second = UserFactory(username="rita", role="reviewer"), UserFactory(username="sam", role="editor")
    url = f"/api/v1/claims/{claim.pk}/verdicts/"
    etag = api(first).get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    assert api(second).get(f"/api/v1/claims/{claim.pk}/")["ETag"] == etag
    body = {"rating": default_rating("False").pk, "summary": "First.", "evidence": [evidence.pk]}
    assert api(first).post(url, body, format="json", HTTP_IF_MATCH=etag).status_code == 201
    late = api(second).post(url, {**body, "summary": "Second."}, format="json", HTTP_IF_MATCH=etag)
    assert late.status_code == 412
    assert "Someone else changed this claim" in late.json()["detail"]
    assert list(Verdict.objects.values_list("summary", flat=True)) == ["First."]
