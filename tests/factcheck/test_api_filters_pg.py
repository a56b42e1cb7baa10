"""A date-time filter with an offset PostgreSQL cannot store (beyond ±15:59) is compared in UTC, not a 500."""

from __future__ import annotations

from typing import Any

from tests.factories import ArticleFactory, api


def test_an_extreme_offset_in_a_date_filter_is_not_a_server_error(alice: Any) -> None:
    ArticleFactory(created_by=alice)
    response = api(alice).get("/api/v1/articles/", {"created_before": "9999-02-22T15:53:54.0-16:00"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
