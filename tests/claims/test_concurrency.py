"""Two reviewers acting on the same claim at once: one wins, the other gets a conflict.

Runs on the configured database: real PostgreSQL in CI (row locks), SQLite's
immediate transactions on a fresh machine."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from claims.models import Claim
from claims.services import claim_set_status
from factcheck.lib.errors import ConflictError, InvalidTransition
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _roles(workbench_roles: None) -> None:
    pass


def test_two_concurrent_writes_with_the_same_version_let_exactly_one_through() -> None:
    claim = ClaimFactory()
    reviewer = UserFactory(username="rita", role="reviewer")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def review(target: str) -> None:
        try:
            barrier.wait(timeout=10)
            claim_set_status(claim=claim, status=target, user=reviewer, expected_version=1)
            result = f"ok:{target}"
        except (ConflictError, InvalidTransition) as exc:
            result = f"refused:{type(exc).__name__}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=review, args=(Claim.Status.IN_REVIEW,)),
        threading.Thread(target=review, args=(Claim.Status.DISMISSED,)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(o.split(":")[0] for o in outcomes) == ["ok", "refused"]
    assert "refused:ConflictError" in outcomes
    claim.refresh_from_db()
    winner = next(o.split(":")[1] for o in outcomes if o.startswith("ok"))
    assert (claim.status, claim.version) == (winner, 2)
