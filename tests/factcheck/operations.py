"""Every operation of the live OpenAPI schema, with its path filled with ids of real rows.

Tests that must hold "on every endpoint" iterate over these, so an endpoint added later is
covered without anyone remembering to list it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from drf_spectacular.generators import SchemaGenerator

from accounts.services import token_create
from tests.factories import ClaimFactory, EvidenceFactory, SnapshotFactory, VerdictFactory
from webhooks.models import Subscription


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # as in the schema, e.g. /api/v1/claims/{claim_id}/
    url: str  # with real ids
    public: bool  # `security: [{}]`: no credentials read
    takes_body: bool  # the schema has a requestBody

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def world_ids(owner: Any) -> dict[str, int]:
    """Rows for every kind of path parameter, owned by `owner` where ownership matters."""
    claim = ClaimFactory(article__created_by=owner)
    evidence = EvidenceFactory(claim=claim, added_by=owner)
    snapshot = SnapshotFactory(source=evidence.source, status="failed")
    verdict = VerdictFactory(claim=claim, reviewer=owner)
    token, _secret = token_create(user=owner, name="world")
    subscription = Subscription.objects.create(
        owner=owner, url="https://tool.example/hook", events=["claim.published"], secret="s" * 64
    )
    return {
        "article_id": claim.article_id,
        "articles": claim.article_id,
        "claim_id": claim.pk,
        "evidence_id": evidence.pk,
        "snapshot_id": snapshot.pk,
        "source_id": evidence.source_id,
        "verdict_id": verdict.pk,
        "subscription_id": subscription.pk,
        "tokens": token.pk,
        "webhooks": subscription.pk,
    }


def operations(ids: dict[str, int]) -> list[Operation]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    out = []
    for path, methods in schema["paths"].items():
        if not path.startswith("/api/v1/") or path.endswith("/schema/"):
            continue
        collection = path.split("/")[3]  # /api/v1/<collection>/{id}/: `{id}` is that collection's row

        def fill(match: re.Match[str], collection: str = collection) -> str:
            name = match.group(1)
            return str(ids[collection if name == "id" else name])

        url = re.sub(r"\{(\w+)\}", fill, path)
        for method, operation in methods.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                public = operation.get("security") == [{}]
                out.append(Operation(method, path, url, public, "requestBody" in operation))
    return out
