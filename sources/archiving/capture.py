"""One capture of a page, in plain Python: robots.txt → fetch → WARC on a local path → text extraction.

The result is a ``CaptureResult`` for the sources service layer (``sources/snapshots.py``) to record; nothing here
touches the database or Django's storage. Outgoing HTTP goes through ``sources.fetcher`` (looked up on the package
at call time, so a test or a fault-injection hook that replaces ``sources.fetcher.fetch`` is honoured).
"""

from __future__ import annotations

import hashlib
import logging
import time
import urllib.robotparser
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sources import fetcher
from sources.archiving.warc import CaptureInput, write_warc

logger = logging.getLogger(__name__)


class RobotsDisallowed(Exception):
    """The site's robots.txt forbids archiving the URL (only when robots.txt is respected)."""


class HttpFailure(Exception):
    """The server answered with an error status; ``decision`` says whether and when to try again."""

    def __init__(self, result: fetcher.FetchResult, decision: fetcher.Decision) -> None:
        super().__init__(decision.reason)
        self.result = result
        self.decision = decision


@dataclass
class Extracted:
    text: str = ""
    title: str = ""
    author: str = ""
    published: date | None = None
    language: str = ""
    page_canonical_url: str = ""
    error: str = ""  # English detail; error_code and error_params are what the reader sees (sources.problems)
    error_code: str = ""
    error_params: dict[str, Any] = field(default_factory=dict)


@dataclass
class CaptureResult:
    result: fetcher.FetchResult
    robots: str
    warc_path: Path
    warc_sha256: str
    payload_sha256: str
    extracted: Extracted
    fetched_at: datetime
    timings: dict[str, float] = field(default_factory=dict)


def robots_decision(url: str, policy: fetcher.FetchPolicy, *, respect_robots: bool) -> str:
    """ "not checked" unless ``respect_robots``; raises RobotsDisallowed when robots.txt forbids the URL."""
    if not respect_robots:
        return "not checked"
    parts = urlsplit(url)
    robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
    try:
        result = fetcher.fetch(robots_url, policy=policy)
    except fetcher.FetchError as exc:
        return f"allowed (robots.txt unavailable: {exc.code})"[:64]
    if result.status >= 400:
        return f"allowed (robots.txt {result.status})"
    parser = urllib.robotparser.RobotFileParser()
    text, _codec = fetcher.decode_text(result.body, result.response_headers)
    parser.parse(text.splitlines())
    if parser.can_fetch(policy.user_agent, url):
        return "allowed by robots.txt"
    raise RobotsDisallowed(f"The site's robots.txt does not allow archiving {url}.")


def extract(result: fetcher.FetchResult, *, time_limit: float) -> Extracted:
    """Text and metadata of the page; errors are recorded, never raised (the raw bytes are archived anyway)."""
    from sources.archiving.extract import extract_page  # trafilatura and the language models: loaded on first use

    try:
        page = extract_page(
            result.body,
            content_type=result.content_type,
            headers=result.response_headers,
            url=result.final_url,
            time_limit=time_limit,
        )
    except Exception as exc:  # a hostile page must not fail the capture: the WARC is what matters
        logger.warning("extraction failed for %s", result.final_url, exc_info=True)
        return Extracted(
            error=f"Text extraction failed: {exc}"[:2000],
            error_code="text_failed",
            error_params={"error": type(exc).__name__},
        )
    error, code, params = page.error, page.error_code, dict(page.error_params)
    if page.kind in {"pdf", "image", "binary"}:
        real = result.sniffed_type or page.kind
        error = (
            f"No text extracted: the response is {real} (served as {result.content_type or 'no content type'}); "
            "its bytes are in the archive."
        )
        code, params = "not_text", {"type": real, "served_as": (result.content_type or "")[:255]}
    return Extracted(
        text=page.text or "",
        title=(page.title or "")[:500],
        author=(page.author or "")[:500],
        published=_as_date(page.published),
        language=(page.language or "")[:16],
        page_canonical_url=page.page_canonical_url or "",
        error=error,
        error_code=code,
        error_params=params,
    )


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _warc_input(result: fetcher.FetchResult, robots: str, fetched_at: datetime, metadata: Mapping[str, Any]) -> Any:
    return CaptureInput(
        target_url=result.final_url,
        status=result.status,
        body=result.body,
        fetched_at=fetched_at,
        request_headers=list(result.request_headers),
        response_headers=list(result.response_headers),
        http_version=str(result.http_version),
        reason=result.reason,
        content_encoding=result.content_encoding,
        peer_ip=result.peer_ip or None,
        redirect_chain=result.redirect_chain,
        timings=result.timings,
        robots=robots,
        extra_metadata={"requested_url": result.requested_url, **metadata},
    )


def capture(
    url: str,
    *,
    policy: fetcher.FetchPolicy,
    warc_path: Path,
    fetched_at: datetime,
    attempt: int = 1,
    respect_robots: bool = False,
    extraction_time_limit: float = 20.0,
    metadata: Mapping[str, Any] | None = None,
) -> CaptureResult:
    """Fetch ``url`` and write its WARC at ``warc_path``; raises FetchError / RobotsDisallowed / HttpFailure.

    ``attempt`` (1 for the first) is what the retry delay of an error status grows with.
    """
    robots = robots_decision(url, policy, respect_robots=respect_robots)
    result = fetcher.fetch(url, policy=policy)
    decision = fetcher.classify_status(result.status, result.response_headers, attempt=attempt)
    if decision.kind != "ok":
        raise HttpFailure(result, decision)
    t0 = time.monotonic()
    info = write_warc(warc_path, capture=_warc_input(result, robots, fetched_at, metadata or {}))
    t1 = time.monotonic()
    extracted = extract(result, time_limit=extraction_time_limit)
    timings = {**result.timings, "warc": t1 - t0, "extract": time.monotonic() - t1}
    return CaptureResult(
        result=result,
        robots=robots,
        warc_path=warc_path,
        warc_sha256=info.sha256,
        payload_sha256=info.payload_sha256 or hashlib.sha256(result.body).hexdigest(),
        extracted=extracted,
        fetched_at=fetched_at,
        timings={k: round(float(v), 4) for k, v in timings.items()},
    )
