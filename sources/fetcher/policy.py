"""The limits and switches of one fetch, read from Django settings in one place (``FetchPolicy.from_settings``).

The defaults live in ``factcheck/settings.py`` only (and ``.env.example``); this module has none of its own.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sources.fetcher.hosts import canonical_ip, idna_host, looks_numeric_ipv4


def parse_allowlist(entries: Iterable[str] | str | None) -> frozenset[tuple[str, int]]:
    """Parse ``["host:port", "[::1]:8080"]`` (or a comma-separated string) into ``{(host, port)}``."""
    if entries is None:
        return frozenset()
    if isinstance(entries, str):
        entries = entries.split(",")
    result: set[tuple[str, int]] = set()
    for raw in entries:
        entry = raw.strip()
        if not entry:
            continue
        host, sep, port_text = entry.rpartition(":")
        if not sep or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise ValueError(f"FETCH_ALLOWLIST entry {entry!r} must look like host:port")
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        result.add((_normalise_allowlist_host(host), int(port_text)))
    return frozenset(result)


def _normalise_allowlist_host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    ip = canonical_ip(host)
    if ip is not None:
        return ip
    try:
        return socket.inet_ntoa(socket.inet_aton(host)) if looks_numeric_ipv4(host) else idna_host(host)
    except (OSError, ValueError) as exc:
        raise ValueError(f"FETCH_ALLOWLIST host {host!r} is not valid") from exc


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and switches for one fetch; ``from_settings()`` builds the one the workbench uses."""

    allowlist: frozenset[tuple[str, int]]
    allowed_ports: frozenset[int]
    max_bytes: int
    connect_timeout: float
    read_timeout: float
    deadline: float
    max_redirects: int
    user_agent: str
    per_host_delay: float
    per_host_concurrency: int
    ca_bundle: str | None  # PEM file used *instead of* the system store
    # MODERATION HOOK (issue 9): host -> reason it is blocked (editors' domain blocks), or None. Checked before
    # the first request and on every redirect hop; sources.domains.block_reason is passed by the capture step.
    host_blocked: Callable[[str], str | None] | None = None

    @classmethod
    def from_settings(cls) -> FetchPolicy:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        try:
            allowlist = parse_allowlist(settings.FETCH_ALLOWLIST)
        except ValueError as exc:
            raise ImproperlyConfigured(str(exc)) from exc
        return cls(
            allowlist=allowlist,
            allowed_ports=frozenset(int(p) for p in settings.FETCH_ALLOWED_PORTS),
            max_bytes=int(settings.FETCH_MAX_BYTES),
            connect_timeout=float(settings.FETCH_CONNECT_TIMEOUT),
            read_timeout=float(settings.FETCH_READ_TIMEOUT),
            deadline=float(settings.FETCH_DEADLINE),
            max_redirects=int(settings.FETCH_MAX_REDIRECTS),
            user_agent=str(settings.FETCH_USER_AGENT),
            per_host_delay=float(settings.FETCH_PER_HOST_DELAY),
            per_host_concurrency=max(1, int(settings.FETCH_PER_HOST_CONCURRENCY)),
            ca_bundle=settings.FETCH_CA_BUNDLE or None,
        )
