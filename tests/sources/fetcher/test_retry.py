"""sources.fetcher.retry: the one retry decision, Retry-After and backoff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from sources.fetcher import (
    backoff_delay,
    classify_status,
    retry_after_seconds,
)

# --------------------------------------------------------------------------- retries


NOW = datetime(2026, 1, 15, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("99999999999", 3600.0),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
        ("Thu, 15 Jan 2026 12:05:00 GMT", 300.0),
        ("Thu, 15 Jan 2026 11:00:00 GMT", 0.0),  # in the past: retry now
        ("Sat, 15 Jan 2028 12:00:00 GMT", 3600.0),  # far future: capped
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_seconds_reads_seconds_and_http_dates_and_caps_them(
    value: str | None, expected: float | None
) -> None:
    assert retry_after_seconds(value, now=NOW) == expected


def test_retry_after_cap_is_configurable() -> None:
    assert retry_after_seconds("7200", cap=60) == 60


@pytest.mark.parametrize("status", [404, 410])
def test_404_and_410_are_permanent_failures(status: int) -> None:
    decision = classify_status(status, [("Retry-After", "5")])
    assert decision.kind == "permanent"
    assert decision.delay is None


@pytest.mark.parametrize("status", [429, 503])
def test_429_and_503_are_retried_after_retry_after(status: int) -> None:
    assert classify_status(status, [("Retry-After", "30")]).delay == 30
    assert classify_status(status, {"Retry-After": "Thu, 15 Jan 2026 12:01:00 GMT"}, now=NOW).delay == 60
    capped = classify_status(status, [("retry-after", "100000")], cap=600)
    assert capped.kind == "retry" and capped.delay == 600
    fallback = classify_status(status, [])
    assert fallback.kind == "retry" and fallback.delay is not None and 1 <= fallback.delay <= 2


@pytest.mark.parametrize("status", [500, 502, 504, 408])
def test_server_errors_are_retried_with_backoff(status: int) -> None:
    decision = classify_status(status, [], attempt=3)
    assert decision.kind == "retry"
    assert decision.delay is not None and 4 <= decision.delay <= 8


@pytest.mark.parametrize(
    ("status", "kind"),
    [(200, "ok"), (204, "ok"), (304, "ok"), (400, "permanent"), (403, "permanent"), (501, "permanent")],
)
def test_other_statuses_are_ok_or_permanent(status: int, kind: str) -> None:
    assert classify_status(status, []).kind == kind


def test_backoff_delay_grows_exponentially_with_jitter_and_is_capped() -> None:
    for attempt in range(1, 20):
        ceiling = min(600.0, 2.0 * 2 ** (attempt - 1))
        samples = {backoff_delay(attempt) for _ in range(50)}
        assert all(ceiling / 2 <= s <= ceiling for s in samples)
        assert len(samples) > 1  # jitter
    assert backoff_delay(1000) <= 600
    assert backoff_delay(3, base=1.0, cap=3.0) <= 3.0
