"""schemathesis (its CLI, every check) against the live OpenAPI schema: no 5xx, responses conform.

Bounded examples per operation so the suite stays fast; runs on SQLite and on PostgreSQL in CI.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from accounts.services import token_create
from tests.factories import ClaimFactory, EvidenceFactory, SnapshotFactory, UserFactory, VerdictFactory

ST = Path(sys.executable).with_name("st")


@pytest.mark.django_db(transaction=True)
def test_api_conforms_to_its_schema(live_server: Any, workbench_roles: None, tmp_path: Path) -> None:
    user = UserFactory(username="fuzzer", role="editor")
    claim = ClaimFactory(article__created_by=user)
    EvidenceFactory(claim=claim, added_by=user)
    SnapshotFactory(status="failed")
    VerdictFactory(claim=claim, reviewer=user)
    _t, secret = token_create(user=user, name="fuzz")
    result = subprocess.run(
        [
            str(ST),
            "run",
            f"{live_server.url}/api/schema/?format=json",
            # Excluded, with reasons: business rules the schema cannot express make schema-valid input a 4xx
            # (the SSRF guard on URLs, workflow transitions, the default scale, If-Match), django-filter treats
            # an empty filter value as "no filter", and a revoked token stays readable (revocation is soft).
            "--exclude-checks",
            "positive_data_acceptance,negative_data_rejection,use_after_free",
            "--header",
            f"Authorization: Token {secret}",
            "--checks",
            "all",
            "--max-examples",
            "5",
            "--seed",
            "1",
            "--generation-deterministic",
            "--request-timeout",
            "20",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,  # schemathesis keeps its cache in the working directory
    )
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
