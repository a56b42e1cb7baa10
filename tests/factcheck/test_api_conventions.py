"""Every error under /api/ is an RFC 9457 problem; nested JSON, big bodies, throttling and bugs included."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.services import token_create
from claims.models import Article
from factcheck.api.parsers import nesting_depth_exceeds
from tests.factcheck.operations import operations, world_ids
from tests.factories import api

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"type", "title", "status", "detail", "errors", "code"}


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert set(body) >= PROBLEM_KEYS
    assert body["status"] == status and body["code"] == code
    assert body["type"].endswith(code)
    return body


@pytest.mark.parametrize("url", ["/api/v1/claims/-1/", "/api/v1/nothing-here/", "/api/v2/", "/api/"])
def test_unknown_api_routes_are_404_problems(alice: Any, url: str) -> None:
    assert_problem(api(alice).get(url), 404, "not_found")


def test_problem_types_resolve(client: Any) -> None:
    assert client.get("/api/problems/not_found").json()["title"] == "Not found."


@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/tokens/"])
def test_json_nested_a_thousand_levels_is_a_400_problem(alice: Any, url: str) -> None:
    body = "[" * 1000 + "]" * 1000
    response = api(alice).post(url, body, content_type="application/json")
    body_ = assert_problem(response, 400, "parse_error")
    assert "nested" in body_["detail"]
    assert not Article.objects.exists()


def test_nesting_scan_ignores_brackets_inside_strings() -> None:
    assert not nesting_depth_exceeds(json.dumps({"a": "[[[[[[[[" * 50, "b": [[1]]}).encode(), 4)
    assert nesting_depth_exceeds(b'{"a": [[[[[1]]]]]}', 4)


def test_body_over_the_limit_is_a_413_problem(alice: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    payload = json.dumps({"title": "t", "body": "x" * 5000})
    response = api(alice).post("/api/v1/articles/", payload, content_type="application/json")
    assert_problem(response, 413, "payload_too_large")
    client = APIClient()
    client.force_login(alice)
    response = client.post("/api/v1/articles/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1")
    assert_problem(response, 413, "payload_too_large")


def test_a_bug_is_a_500_problem_without_details(alice: Any, monkeypatch: Any) -> None:
    from claims import selectors

    def broken() -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(selectors, "articles_list", broken)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(alice)
    response = client.get("/api/v1/articles/")
    body = assert_problem(response, 500, "server_error")
    assert "secret" not in json.dumps(body)


def test_validation_errors_list_fields(alice: Any) -> None:
    body = assert_problem(api(alice).post("/api/v1/articles/", {"body": "x"}, format="json"), 400, "invalid")
    assert "title" in body["errors"]


def test_throttled_token_gets_429_with_retry_after(alice: Any, settings: Any) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK}
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    rates = {**SimpleRateThrottle.THROTTLE_RATES, "token": "2/min"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        _t, secret = token_create(user=alice, name="busy")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        assert client.get("/api/v1/me/").status_code == 200
        assert client.get("/api/v1/me/").status_code == 200
        response = client.get("/api/v1/me/")
        assert_problem(response, 429, "throttled")
        assert int(response["Retry-After"]) > 0
        # another token of the same user has its own budget (the user limit is higher)
        _t2, other = token_create(user=alice, name="calm")
        client.credentials(HTTP_AUTHORIZATION=f"Token {other}")
        assert client.get("/api/v1/me/").status_code == 200
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
        cache.clear()


def test_user_throttle_counts_across_tokens(alice: Any) -> None:
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = {**original, "user": "3/min"}
    try:
        statuses = []
        for n in range(4):
            _t, secret = token_create(user=alice, name=f"t{n}")
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
            statuses.append(client.get("/api/v1/me/").status_code)
        assert statuses == [200, 200, 200, 429]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
        cache.clear()


def test_cursor_pagination_bounds_page_size(alice: Any) -> None:
    for n in range(5):
        token_create(user=alice, name=f"t{n}")
    client = api(alice)
    page = client.get("/api/v1/tokens/?page_size=2").json()
    assert len(page["results"]) == 2 and page["next"]
    second = client.get(page["next"]).json()
    assert len(second["results"]) == 2
    assert {t["id"] for t in page["results"]}.isdisjoint(t["id"] for t in second["results"])
    assert len(client.get("/api/v1/tokens/?page_size=100000").json()["results"]) == 5


def test_docs_page_is_served_from_local_static_files(client: Any) -> None:
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html and "cdn" not in html.lower() and "https://" not in html


def test_schema_is_served_at_both_paths(client: Any) -> None:
    for url in ["/api/schema/", "/api/v1/schema/"]:
        response = client.get(url, HTTP_ACCEPT="application/vnd.oai.openapi+json")
        assert response.status_code == 200
        assert response.json()["openapi"].startswith("3.")


@pytest.mark.parametrize("bad", ["nested", "too_large"])
def test_every_write_operation_answers_a_bad_body_with_a_problem(
    bad: str, dave: Any, settings: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr("sources.tasks.archive_snapshot.apply_async", lambda *a, **k: None)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    body = "[" * 1000 + "]" * 1000 if bad == "nested" else json.dumps({"title": "t", "body": "x" * 5000})
    writes = [op for op in operations(world_ids(dave)) if op.method in {"post", "put", "patch"}]
    assert len(writes) >= 15
    client = api(dave)
    for op in writes:
        response = getattr(client, op.method)(op.url, body, content_type="application/json", HTTP_IF_MATCH='"1"')
        if not op.takes_body:  # an action without a body (rearchive, retry) does not read one
            assert response.status_code < 500, str(op)
        elif bad == "nested":
            assert "nested" in assert_problem(response, 400, "parse_error")["detail"], str(op)
        else:
            assert_problem(response, 413, "payload_too_large")
