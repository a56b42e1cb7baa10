"""The OpenAPI schema matches what the server sends and accepts (the mismatches of issue 11 stay fixed)."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", stdout=out)
    return json.loads(out.getvalue())


def component(schema: dict[str, Any], name: str) -> dict[str, Any]:
    return schema["components"]["schemas"][name]


def test_article_url_is_a_plain_string_because_it_may_be_blank(schema: dict[str, Any]) -> None:
    assert "format" not in component(schema, "Article")["properties"]["url"]


def test_claim_assignee_is_nullable(schema: dict[str, Any]) -> None:
    assert component(schema, "Claim")["properties"]["assignee"].get("nullable") is True


def test_verdict_rating_ids_start_at_one(schema: dict[str, Any]) -> None:
    assert component(schema, "CitedVerdictCreateRequest")["properties"]["rating"]["minimum"] == 1


def test_every_operation_documents_auth_and_throttling_problems(schema: dict[str, Any]) -> None:
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/v1/") or path.endswith("/schema/"):
            continue
        for method, operation in operations.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            assert "429" in responses, (method, path)
            assert "application/problem+json" in json.dumps(responses) or "Problem" in json.dumps(responses), (
                method,
                path,
            )
            assert "406" in responses, (method, path)
            if method != "get":
                assert "415" in responses, (method, path)
            if operation["security"] == [{}]:  # public: no credentials are read, no role is asked
                assert not {"401", "403"} & set(responses), (method, path)
            elif "tokens" not in path and "me" not in path:
                assert {"401", "403"} <= set(responses), (method, path)


@pytest.mark.django_db
def test_a_body_that_is_not_json_and_an_unmet_accept_are_documented_problems(
    schema: dict[str, Any], alice: Any
) -> None:
    from tests.factories import api

    wrong_type = api(alice).post("/api/v1/articles/", "title=Budget", content_type="application/x-www-form-urlencoded")
    unmet = api(alice).get("/api/v1/claims/", HTTP_ACCEPT="application/xml")
    for response, status, operation in [
        (wrong_type, 415, schema["paths"]["/api/v1/articles/"]["post"]),
        (unmet, 406, schema["paths"]["/api/v1/claims/"]["get"]),
    ]:
        assert response.status_code == status and response["Content-Type"] == "application/problem+json"
        assert str(status) in operation["responses"]


def test_the_token_scheme_is_documented(schema: dict[str, Any]) -> None:
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert scheme["in"] == "header" and scheme["name"] == "Authorization"
