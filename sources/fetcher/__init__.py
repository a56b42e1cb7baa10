"""All outgoing HTTP of the workbench goes through this package.

The URLs we fetch come from users, so every request is treated as a possible server-side request forgery. One
module per concern, in the order a request meets them:

* ``policy``  — the limits and switches, read from settings in one place (``FetchPolicy.from_settings``);
* ``guard``   — URL syntax and the address guard: resolve once, refuse if *any* address is non-public (IPv4-mapped,
  6to4, Teredo and NAT64 unwrapped, explicit deny list), the allow-list the only way around it;
* ``gates``   — politeness: per-host spacing and concurrency across workers (file locks or Redis);
* ``wire``    — the only module that opens sockets: the connection pinned to the validated IP (Host, SNI and the
  certificate check on the original name), a watchdog for the total deadline, a capped decoded read;
* ``client``  — ``fetch()``: each hop guarded again, redirects followed here one at a time;
* ``retry``   — the one retry decision (``decide``) from a status or an error and the attempt number;
* ``content`` — header lookup, media type, content sniffing and charset decoding;
* ``errors``  — what can go wrong, as sentences a reviewer can read.

The fetcher does not raise for HTTP error statuses; callers ask ``decide`` / ``classify_status`` what to do.
Environment proxies are never used.
"""

from sources.fetcher.client import REDIRECT_STATUSES, FetchResult, fetch
from sources.fetcher.content import decode_text, header, media_type, sniff
from sources.fetcher.errors import (
    ConnectionFailed,
    ContentDecodingFailed,
    FetchError,
    FetchTimeout,
    HostBusy,
    RedirectRefused,
    TooLarge,
    TooManyRedirects,
    URLRefused,
)
from sources.fetcher.gates import REDIS_SLOT_LEASE, FileHostGate, HostGate, RedisHostGate, default_gate
from sources.fetcher.guard import ParsedURL, Resolver, address_problem, default_resolver, validate_url
from sources.fetcher.policy import FetchPolicy, parse_allowlist
from sources.fetcher.retry import Decision, backoff_delay, classify_status, decide, retry_after_seconds

__all__ = [
    "REDIRECT_STATUSES",
    "REDIS_SLOT_LEASE",
    "ConnectionFailed",
    "ContentDecodingFailed",
    "Decision",
    "FetchError",
    "FetchPolicy",
    "FetchResult",
    "FetchTimeout",
    "FileHostGate",
    "HostBusy",
    "HostGate",
    "ParsedURL",
    "RedirectRefused",
    "RedisHostGate",
    "Resolver",
    "TooLarge",
    "TooManyRedirects",
    "URLRefused",
    "address_problem",
    "backoff_delay",
    "classify_status",
    "decide",
    "decode_text",
    "default_gate",
    "default_resolver",
    "fetch",
    "header",
    "media_type",
    "parse_allowlist",
    "retry_after_seconds",
    "sniff",
    "validate_url",
]
