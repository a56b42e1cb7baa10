"""The one retry decision: given an HTTP status (and its ``Retry-After``) or an error, and the attempt number, is it
done, worth another attempt after a delay, or a permanent failure? The delay grows with the attempt (exponential
backoff with jitter) unless the server said how long to wait.
"""

from __future__ import annotations

import email.utils
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from sources.fetcher.content import header
from sources.fetcher.errors import FetchError


@dataclass(frozen=True)
class Decision:
    kind: Literal["ok", "retry", "permanent"]
    delay: float | None
    reason: str  # English detail, for logs and the admin
    code: str = ""  # what the row stores and the page translates (see sources.problems)
    params: dict[str, Any] = field(default_factory=dict)


def retry_after_seconds(value: str | None, *, now: datetime | None = None, cap: float = 3600) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or HTTP-date), capped; ``None`` if unusable."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(min(int(text), cap))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return max(0.0, min((when - now).total_seconds(), cap))


def backoff_delay(attempt: int, *, base: float = 2.0, cap: float = 600.0, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: in ``[d/2, d]`` where ``d = min(cap, base * 2**(attempt-1))``."""
    attempt = max(1, attempt)
    ceiling = min(cap, base * (2.0 ** min(attempt - 1, 60)))
    draw = (rng or random).random()
    return ceiling / 2 + draw * ceiling / 2


PERMANENT_STATUSES = frozenset({404, 410})
RETRY_AFTER_STATUSES = frozenset({429, 503})
RETRY_STATUSES = frozenset({408, 425, 500, 502, 504, 507, 509, 520, 521, 522, 523, 524})


def decide(
    *,
    attempt: int,
    status: int | None = None,
    headers: Iterable[tuple[str, str]] | Mapping[str, str] | None = None,
    error: BaseException | None = None,
    now: datetime | None = None,
    cap: float = 3600.0,
) -> Decision:
    """The one retry decision: ``ok``, ``retry`` after a delay, or ``permanent``, from an HTTP status (with its
    headers, for ``Retry-After``) or an error, and the attempt number (1 for the first), which the backoff grows with.
    """
    if error is not None:
        return _decide_error(error, attempt=attempt, cap=cap)
    if status is None:
        raise ValueError("decide() needs a status or an error")
    if 200 <= status < 400:
        return Decision("ok", None, f"HTTP {status}", "http_ok", {"status": status})
    if status in PERMANENT_STATUSES:
        return Decision(
            "permanent", None, f"HTTP {status}: the page is gone or does not exist", "http_gone", {"status": status}
        )
    if status in RETRY_AFTER_STATUSES:
        delay = retry_after_seconds(header(headers, "retry-after"), now=now, cap=cap)
        if delay is not None:
            return Decision(
                "retry",
                delay,
                f"HTTP {status}: retrying after the server's Retry-After",
                "http_busy",
                {"status": status},
            )
        return Decision(
            "retry", backoff_delay(attempt), f"HTTP {status}: retrying with backoff", "http_busy", {"status": status}
        )
    if status in RETRY_STATUSES or (status >= 500 and status not in {501, 505}):
        return Decision(
            "retry",
            backoff_delay(attempt),
            f"HTTP {status}: server error, retrying with backoff",
            "http_server_error",
            {"status": status},
        )
    return Decision("permanent", None, f"HTTP {status}", "http_error", {"status": status})


def _decide_error(error: BaseException, *, attempt: int, cap: float) -> Decision:
    if not isinstance(error, FetchError):  # a bug or a hostile page: bounded retries, the error visible
        detail = f"Unexpected error ({type(error).__name__}: {error})"
        return Decision("retry", backoff_delay(attempt), detail, "unexpected_error", {"error": type(error).__name__})
    params = {"host": _host(error.url), **error.params}
    if error.permanent:
        return Decision("permanent", None, str(error), error.code, params)
    delay = error.retry_after if error.retry_after is not None else backoff_delay(attempt)
    return Decision("retry", min(float(delay), cap), str(error), error.code, params)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # a refused URL may not even parse
        return ""


def classify_status(
    status: int,
    headers: Iterable[tuple[str, str]] | Mapping[str, str] | None = None,
    *,
    attempt: int = 1,
    now: datetime | None = None,
    cap: float = 3600.0,
) -> Decision:
    """What to do with a response (``decide`` for a status)."""
    return decide(status=status, headers=headers, attempt=attempt, now=now, cap=cap)
