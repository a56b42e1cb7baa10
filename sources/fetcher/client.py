"""``fetch()``: one GET with every hop guarded, politeness respected and redirects followed here, one at a time.

Each hop's URL is validated and its host resolved once (``guard``), the host's politeness gate entered (``gates``),
and the exchange made with the validated address (``wire``). HTTP error statuses are returned, not raised; the
caller asks ``retry.decide`` what to do with them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from sources.fetcher.content import header, media_type, sniff
from sources.fetcher.errors import RedirectRefused, TooManyRedirects, URLRefused
from sources.fetcher.gates import HostGate, default_gate
from sources.fetcher.guard import ParsedURL, Resolver, default_resolver, resolve_checked, validate_url
from sources.fetcher.policy import FetchPolicy
from sources.fetcher.wire import HeaderList, Hop, Outgoing, one_hop

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass
class FetchResult:
    requested_url: str
    final_url: str
    status: int
    reason: str
    http_version: str
    request_headers: HeaderList  # as sent for the final hop (incl. Host)
    response_headers: HeaderList  # final hop, in order, as received
    body: bytes  # payload after Content-Encoding decoding (capped)
    content_encoding: str  # original Content-Encoding ("" if none)
    content_type: str  # media type, lowercased, no parameters ("" if absent)
    redirect_chain: list[dict[str, Any]]
    peer_ip: str
    timings: dict[str, float]
    sniffed_type: str = ""  # media type guessed from the first bytes ("" if unknown)
    body_decoded: bool = True  # False when the Content-Encoding was unknown and the body is still encoded


def _fix_location(value: str) -> str:
    # http.client decodes header bytes as latin-1; undo that for UTF-8 Location values.
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _wants_body(status: int, headers: HeaderList) -> bool:
    """Redirect bodies are not read: we only need the Location."""
    return not (status in REDIRECT_STATUSES and header(headers, "location") is not None)


def _addresses(current: ParsedURL, resolver: Resolver, chain: list[dict[str, Any]], url: str) -> list[str]:
    """The validated addresses of this hop; a redirect target that resolves somewhere private is a refused redirect."""
    try:
        return resolve_checked(current, resolver)
    except URLRefused as exc:
        if not chain:
            raise
        chain[-1]["blocked"] = exc.message
        raise RedirectRefused(
            f"redirect to {current.url} refused: {exc.message}", chain=chain, code="redirect_refused", url=url
        ) from exc


def check_host_block(parsed: ParsedURL, policy: FetchPolicy) -> None:
    """MODERATION HOOK (issue 9): refuse a host an editor blocked, before any socket opens."""
    reason = policy.host_blocked(parsed.host) if policy.host_blocked is not None else None
    if reason:
        raise URLRefused(reason, code="domain_blocked", url=parsed.url)


def _follow(
    current: ParsedURL,
    hop: Hop,
    location: str,
    *,
    chain: list[dict[str, Any]],
    seen: set[str],
    url: str,
    policy: FetchPolicy,
) -> ParsedURL:
    """The next hop of a redirect, checked like the first; raises RedirectRefused / TooManyRedirects."""
    raw = _fix_location(location.strip())
    entry: dict[str, Any] = {"url": current.url, "status": hop.status, "location": raw}
    chain.append(entry)
    try:
        # urljoin itself raises ValueError on a malformed bracketed host ("http://[::1", "//[foo]/"): refuse it
        # permanently with the reason, instead of an unexpected error that would ask the server again and again.
        next_url = urljoin(current.url, raw)
        entry["location"] = next_url
        nxt = validate_url(next_url, policy)
        check_host_block(nxt, policy)  # MODERATION HOOK (issue 9)
    except (URLRefused, ValueError) as exc:
        reason = exc.message if isinstance(exc, URLRefused) else f"malformed Location ({exc})"
        entry["blocked"] = reason
        raise RedirectRefused(
            f"redirect from {current.url} to {entry['location']} refused: {reason}", chain=chain, url=url
        ) from exc
    if nxt.url in seen:
        entry["blocked"] = "redirect loop"
        raise TooManyRedirects(
            f"redirect loop: {current.url} leads back to {nxt.url}", chain=chain, code="redirect_loop", url=url
        )
    if len(chain) > policy.max_redirects:
        entry["blocked"] = "too many redirects"
        raise TooManyRedirects(
            f"more than {policy.max_redirects} redirects starting at {url}",
            chain=chain,
            url=url,
            params={"limit": policy.max_redirects},
        )
    seen.add(nxt.url)
    return nxt


def fetch(
    url: str,
    *,
    policy: FetchPolicy | None = None,
    resolver: Resolver | None = None,
    gate: HostGate | None = None,
    method: str = "GET",
    body: bytes | None = None,
    headers: HeaderList | None = None,
) -> FetchResult:
    """GET ``url`` safely, following redirects ourselves. HTTP error statuses are returned, not raised.

    Webhooks use ``method="POST"`` with a ``body`` and extra ``headers``: same guard, limits and
    deadline; a POST never follows a redirect (the 3xx is returned as the result).
    """
    outgoing = Outgoing(method=method, body=body, headers=tuple(headers or ()))
    policy = policy or FetchPolicy.from_settings()
    resolver = resolver or default_resolver
    gate = gate if gate is not None else default_gate(policy)
    started = time.monotonic()
    deadline_at = started + policy.deadline
    timings: dict[str, float] = {"dns": 0.0, "wait": 0.0}
    chain: list[dict[str, Any]] = []

    current = validate_url(url, policy)
    check_host_block(current, policy)  # MODERATION HOOK (issue 9)
    seen = {current.url}
    while True:
        t0 = time.monotonic()
        addresses = _addresses(current, resolver, chain, url)
        timings["dns"] += time.monotonic() - t0
        with gate.slot(current.host) as waited:
            timings["wait"] += waited
            deadline_at += waited  # politeness waiting is not the server's fault
            hop = one_hop(current, addresses, policy, deadline_at, timings, _wants_body, outgoing)
        location = header(hop.response_headers, "location")
        if method == "GET" and hop.status in REDIRECT_STATUSES and location is not None:
            current = _follow(current, hop, location, chain=chain, seen=seen, url=url, policy=policy)
            continue
        timings["total"] = time.monotonic() - started
        return FetchResult(
            requested_url=url,
            final_url=current.url,
            status=hop.status,
            reason=hop.reason,
            http_version=hop.http_version,
            request_headers=hop.request_headers,
            response_headers=hop.response_headers,
            body=hop.body,
            content_encoding=hop.content_encoding,
            content_type=media_type(header(hop.response_headers, "content-type")),
            redirect_chain=chain,
            peer_ip=hop.peer_ip,
            timings=timings,
            sniffed_type=sniff(hop.body),
            body_decoded=hop.body_decoded,
        )
