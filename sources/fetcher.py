"""All outgoing HTTP of the workbench goes through this module.

The URLs we fetch come from users, so every request is treated as a possible
server-side request forgery:

* the URL is checked syntactically first (scheme, port, userinfo, control
  characters, backslashes, host length, numeric IPv4 spellings);
* the host is resolved exactly once per hop and *every* address must be public
  (after unwrapping IPv4-mapped, IPv4-compatible, 6to4, Teredo and NAT64
  addresses and checking an explicit deny list, because ``ipaddress.is_global``
  alone lets several of them through);
* the connection goes to that validated IP, while the Host header, SNI and the
  certificate check use the original host name;
* redirects are followed here, one hop at a time, each new URL checked and
  resolved again;
* the body is read in chunks with a cap on *decoded* bytes and a total deadline
  enforced by a watchdog that shuts the socket down (per-socket timeouts only
  bound a single ``recv``);
* environment proxies are never used (urllib3 connections don't read them).

``settings.FETCH_ALLOWLIST`` (``host:port`` entries, empty by default) is the
only way around the address and port checks: it exists for tests and intranet
deployments and applies to that exact host and port only.

The fetcher does not raise for HTTP error statuses; callers use
``classify_status`` to decide between success, retry and permanent failure.
"""

from __future__ import annotations

import codecs
import contextlib
import email.utils
import fcntl
import hashlib
import http.client
import ipaddress
import logging
import os
import random
import re
import socket
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import quote, urljoin

import idna
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.exceptions import (
    SSLError as Urllib3SSLError,
)
from urllib3.util.ssl_match_hostname import CertificateError as Urllib3CertificateError

from factcheck.lib.errors import RefusedURL

logger = logging.getLogger(__name__)

__all__ = [
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
    "TooLarge",
    "TooManyRedirects",
    "URLRefused",
    "address_problem",
    "backoff_delay",
    "classify_status",
    "decode_text",
    "default_gate",
    "default_resolver",
    "fetch",
    "fetch_with_retries",
    "is_public_address",
    "parse_allowlist",
    "retry_after_seconds",
    "validate_url",
]

Resolver = Callable[[str, int], list[str]]
HeaderList = list[tuple[str, str]]

MAX_URL_LENGTH = 8192
MAX_HOST_LENGTH = 253
READ_CHUNK = 64 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_PORTS = {"http": 80, "https": 443}
# Content codings we advertise and let urllib3 decode (incrementally, bounded).
SUPPORTED_CODINGS = frozenset({"gzip", "x-gzip", "deflate"} | ({"br"} if urllib3.response.brotli else set()))
MAX_CODING_LAYERS = 3
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ACCEPT_ENCODING = ", ".join(c for c in ("gzip", "deflate", "br") if c in SUPPORTED_CODINGS)


# --------------------------------------------------------------------------- errors


class FetchError(Exception):
    """Base class. ``str(exc)`` is a sentence a reviewer can read."""

    code: str = "fetch_error"
    permanent: bool = False

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        permanent: bool | None = None,
        retry_after: float | None = None,
        url: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if permanent is not None:
            self.permanent = permanent
        self.retry_after = retry_after
        self.url = url

    def __str__(self) -> str:
        return self.message


class URLRefused(FetchError, RefusedURL):
    """The URL is malformed, not http(s), on a disallowed port or points at a non-public address."""

    code = "url_refused"
    permanent = True


class RedirectRefused(FetchError):
    """A redirect pointed somewhere we will not go. ``chain`` lists every hop, the blocked one last."""

    code = "redirect_refused"
    permanent = True

    def __init__(self, message: str, *, chain: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.chain = chain


class TooManyRedirects(FetchError):
    """The redirect chain exceeded the limit or looped."""

    code = "too_many_redirects"
    permanent = True

    def __init__(self, message: str, *, chain: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.chain = chain


class TooLarge(FetchError):
    """The (decoded) body exceeded the cap. ``received`` is how many bytes were read when we stopped."""

    code = "too_large"
    permanent = True

    def __init__(self, message: str, *, limit: int, received: int | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.limit = limit
        self.received = received


class FetchTimeout(FetchError):
    """Connect or read timeout (``code="connect_timeout"/"read_timeout"``) or the total deadline (``"deadline"``)."""

    code = "timeout"
    permanent = False


class ConnectionFailed(FetchError):
    """DNS failure, refused or reset connection, TLS failure, malformed response."""

    code = "connection_failed"
    permanent = False


class ContentDecodingFailed(FetchError):
    """The body could not be decoded with its declared Content-Encoding."""

    code = "bad_content_encoding"
    permanent = True


class HostBusy(FetchError):
    """The per-host politeness gate could not be entered in time."""

    code = "host_busy"
    permanent = False


# --------------------------------------------------------------------------- policy


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
    try:
        return ipaddress.ip_address(host).compressed
    except ValueError:
        pass
    try:
        return socket.inet_ntoa(socket.inet_aton(host)) if _looks_numeric_ipv4(host) else _idna(host)
    except (OSError, ValueError) as exc:
        raise ValueError(f"FETCH_ALLOWLIST host {host!r} is not valid") from exc


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and switches for one fetch. ``from_settings()`` reads Django settings lazily."""

    allowlist: frozenset[tuple[str, int]] = frozenset()
    allowed_ports: frozenset[int] = frozenset({80, 443})
    max_bytes: int = 20 * 1024 * 1024
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_redirects: int = 10
    user_agent: str = "FactcheckWorkbench/1.0"
    per_host_delay: float = 1.0
    # Additions beyond the original contract (all with defaults):
    ca_bundle: str | None = None  # settings.FETCH_CA_BUNDLE: PEM file used *instead of* the system store
    per_host_concurrency: int = 1  # settings.FETCH_PER_HOST_CONCURRENCY
    max_attempts: int = 5  # settings.FETCH_MAX_ATTEMPTS (fetch_with_retries)
    retry_after_cap: float = 3600.0  # longest Retry-After we honour
    # MODERATION HOOK (issue 9): host -> reason it is blocked (editors' domain blocks), or None. Checked before
    # the first request and on every redirect hop; sources.domains.block_reason is passed by the capture step.
    host_blocked: Callable[[str], str | None] | None = None

    @classmethod
    def from_settings(cls) -> FetchPolicy:
        from django.conf import settings

        def get(name: str, default: Any) -> Any:
            return getattr(settings, name, default)

        try:
            allowlist = parse_allowlist(get("FETCH_ALLOWLIST", []))
        except ValueError as exc:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(str(exc)) from exc
        return cls(
            allowlist=allowlist,
            allowed_ports=frozenset(int(p) for p in get("FETCH_ALLOWED_PORTS", [80, 443])),
            max_bytes=int(get("FETCH_MAX_BYTES", 20 * 1024 * 1024)),
            connect_timeout=float(get("FETCH_CONNECT_TIMEOUT", 10.0)),
            read_timeout=float(get("FETCH_READ_TIMEOUT", 20.0)),
            deadline=float(get("FETCH_DEADLINE", 60.0)),
            max_redirects=int(get("FETCH_MAX_REDIRECTS", 10)),
            user_agent=str(get("FETCH_USER_AGENT", "FactcheckWorkbench/1.0")),
            per_host_delay=float(get("FETCH_PER_HOST_DELAY", 1.0)),
            ca_bundle=get("FETCH_CA_BUNDLE", None) or None,
            per_host_concurrency=max(1, int(get("FETCH_PER_HOST_CONCURRENCY", 1))),
            max_attempts=max(1, int(get("FETCH_MAX_ATTEMPTS", 5))),
        )


# --------------------------------------------------------------------------- addresses

_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Checked in addition to ``is_global``: some of these are "global" in some Python versions.
_V4_DENY: list[tuple[ipaddress.IPv4Network, str]] = [
    (_V4("0.0.0.0/8"), "'this network' / unspecified"),
    (_V4("10.0.0.0/8"), "private (RFC 1918)"),
    (_V4("100.64.0.0/10"), "carrier-grade NAT (RFC 6598)"),
    (_V4("127.0.0.0/8"), "loopback"),
    (_V4("169.254.0.0/16"), "link-local (cloud metadata)"),
    (_V4("172.16.0.0/12"), "private (RFC 1918)"),
    (_V4("192.0.0.0/24"), "IETF protocol assignments"),
    (_V4("192.0.2.0/24"), "documentation"),
    (_V4("192.88.99.0/24"), "6to4 relay anycast"),
    (_V4("192.168.0.0/16"), "private (RFC 1918)"),
    (_V4("198.18.0.0/15"), "benchmarking"),
    (_V4("198.51.100.0/24"), "documentation"),
    (_V4("203.0.113.0/24"), "documentation"),
    (_V4("224.0.0.0/4"), "multicast"),
    (_V4("240.0.0.0/4"), "reserved"),
    (_V4("255.255.255.255/32"), "broadcast"),
]
_V6_DENY: list[tuple[ipaddress.IPv6Network, str]] = [
    (_V6("::/128"), "unspecified"),
    (_V6("::1/128"), "loopback"),
    (_V6("::/96"), "IPv4-compatible (deprecated)"),
    (_V6("::ffff:0:0/96"), "IPv4-mapped"),
    (_V6("::ffff:0:0:0/96"), "IPv4-translated"),
    (_V6("64:ff9b:1::/48"), "local-use NAT64"),
    (_V6("100::/64"), "discard-only"),
    (_V6("2001::/23"), "IETF protocol assignments (Teredo, benchmarking, ORCHID)"),
    (_V6("2001:db8::/32"), "documentation"),
    (_V6("3fff::/20"), "documentation"),
    (_V6("5f00::/16"), "SRv6 segment identifiers"),
    (_V6("fc00::/7"), "unique local (private)"),
    (_V6("fe80::/10"), "link-local"),
    (_V6("fec0::/10"), "site-local (deprecated)"),
    (_V6("ff00::/8"), "multicast"),
]
_NAT64 = _V6("64:ff9b::/96")
_TEREDO = _V6("2001::/32")
_SIXTOFOUR = _V6("2002::/16")
_V4_COMPAT = _V6("::/96")


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """IPv4 addresses carried inside an IPv6 address, with the mechanism's name."""
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    if addr.ipv4_mapped is not None:
        found.append(("IPv4-mapped", addr.ipv4_mapped))
    if addr in _V4_COMPAT and int(addr) > 1:
        found.append(("IPv4-compatible", ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)))
    if addr in _NAT64:
        found.append(("NAT64", ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)))
    if addr in _SIXTOFOUR and addr.sixtofour is not None:
        found.append(("6to4", addr.sixtofour))
    if addr in _TEREDO and addr.teredo is not None:
        server, client = addr.teredo
        found.extend([("Teredo server", server), ("Teredo client", client)])
    return found


def _ipv4_problem(addr: ipaddress.IPv4Address) -> str | None:
    for net, reason in _V4_DENY:
        if addr in net:
            return reason
    if not addr.is_global:
        return "not globally routable"
    return None


def address_problem(address: str | IPAddress) -> str | None:
    """Why ``address`` must not be contacted, or ``None`` if it is a public unicast address."""
    if isinstance(address, str):
        text = address.split("%", 1)[0]  # scope id
        try:
            addr: IPAddress = ipaddress.ip_address(text)
        except ValueError:
            return "not an IP address"
    else:
        addr = address
    if isinstance(addr, ipaddress.IPv4Address):
        return _ipv4_problem(addr)
    if addr.ipv4_mapped is not None:  # dialled as plain IPv4 (see _connect_address)
        problem = _ipv4_problem(addr.ipv4_mapped)
        return f"IPv4-mapped address embedding {addr.ipv4_mapped} ({problem})" if problem else None
    for mechanism, inner in _embedded_ipv4(addr):
        problem = _ipv4_problem(inner)
        if problem:
            return f"{mechanism} address embedding {inner} ({problem})"
    for net6, reason in _V6_DENY:
        if addr in net6:
            return reason
    if not addr.is_global:
        return "not globally routable"
    return None


def is_public_address(address: str | IPAddress) -> bool:
    return address_problem(address) is None


def _connect_address(address: str) -> str:
    """The address to actually dial: IPv4-mapped IPv6 goes out as plain IPv4."""
    try:
        addr = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return str(addr.ipv4_mapped)
    return address


# --------------------------------------------------------------------------- URL validation


@dataclass(frozen=True)
class ParsedURL:
    scheme: Literal["http", "https"]
    host: str  # lowercase ASCII (IDNA) name or canonical IP text, no brackets, no trailing dot
    port: int
    target: str  # request target: path + query, always starting with "/"
    url: str  # normalised URL (no fragment, no default port)
    ip: str | None  # set when the host is an IP literal
    allowlisted: bool

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_LABEL_RE = re.compile(r"^[a-z0-9_](?:[a-z0-9_\-]{0,61}[a-z0-9_])?$")
_NUMERIC_LABEL_RE = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")
_PATH_SAFE = "!#$%&'()*+,/:;=?@[]~"


def _looks_numeric_ipv4(host: str) -> bool:
    """WHATWG 'ends in a number': such hosts are IPv4 addresses (possibly in odd spellings)."""
    last = host.rsplit(".", 1)[-1]
    return bool(_NUMERIC_LABEL_RE.match(last))


def _idna(host: str) -> str:
    if host.isascii():
        return host.lower()
    return idna.encode(host, uts46=True, transitional=False).decode("ascii")


def _refuse(url: str, message: str, code: str = "url_refused") -> URLRefused:
    return URLRefused(message, code=code, url=url)


def validate_url(url: str, policy: FetchPolicy) -> ParsedURL:
    """Check a URL without touching the network. Raises ``URLRefused`` with a readable reason.

    Besides syntax this refuses IP literals that are not public (no DNS needed for
    those) and ``localhost`` names, unless the exact host:port is allowlisted.
    """
    if not isinstance(url, str):
        raise _refuse(str(url), "URL must be a string")
    if len(url) > MAX_URL_LENGTH:
        raise _refuse(url[:100], f"URL is longer than {MAX_URL_LENGTH} characters", "url_too_long")
    if _CONTROL_RE.search(url):
        raise _refuse(url, "URL contains control characters (CR, LF, TAB or NUL)", "url_control_chars")
    if "\\" in url:
        raise _refuse(url, "URL contains a backslash", "url_backslash")
    url = url.strip(" ")
    match = _SCHEME_RE.match(url)
    if not match:
        raise _refuse(url, "URL must start with http:// or https://", "url_scheme")
    scheme = match.group(1).lower()
    if scheme not in DEFAULT_PORTS:
        raise _refuse(url, f"scheme {scheme!r} is not allowed: only http and https", "url_scheme")
    rest = url[match.end() :]
    if not rest.startswith("//"):
        raise _refuse(url, "URL must look like scheme://host/...", "url_syntax")
    rest = rest[2:]
    end = len(rest)
    for sep in "/?#":
        pos = rest.find(sep)
        if pos != -1:
            end = min(end, pos)
    authority, remainder = rest[:end], rest[end:]
    if "@" in authority:
        raise _refuse(url, "URL must not contain a user name or password (userinfo)", "url_userinfo")
    if " " in authority or "%" in authority:
        raise _refuse(url, "host contains spaces or percent-escapes", "url_host")

    ip: str | None = None
    port_text = ""
    if authority.startswith("["):
        close = authority.find("]")
        if close == -1:
            raise _refuse(url, "unterminated IPv6 address in host", "url_host")
        literal, after = authority[1:close], authority[close + 1 :]
        if after and not after.startswith(":"):
            raise _refuse(url, "unexpected characters after IPv6 address", "url_host")
        port_text = after[1:]
        try:
            ip = ipaddress.IPv6Address(literal).compressed
        except ValueError:
            raise _refuse(url, f"{literal!r} is not a valid IPv6 address", "url_host") from None
        host = ip
    else:
        if authority.count(":") > 1:
            raise _refuse(url, "IPv6 addresses must be written in brackets", "url_host")
        host, _, port_text = authority.partition(":")
        if host.endswith("."):
            host = host[:-1]
        if not host:
            raise _refuse(url, "URL has no host", "url_host")
        try:
            host = _idna(host)
        except (idna.IDNAError, UnicodeError, ValueError):
            raise _refuse(url, f"{host!r} is not a valid domain name", "url_host") from None
        if len(host) > MAX_HOST_LENGTH:
            raise _refuse(url, f"host name is longer than {MAX_HOST_LENGTH} characters", "url_host_too_long")
        if _looks_numeric_ipv4(host):
            try:
                ip = socket.inet_ntoa(socket.inet_aton(host))
            except OSError:
                raise _refuse(url, f"{host!r} is not a valid IPv4 address", "url_host") from None
            host = ip
        else:
            labels = host.split(".")
            if not all(_LABEL_RE.match(label) for label in labels):
                raise _refuse(url, f"{host!r} is not a valid host name", "url_host")

    if port_text:
        if not port_text.isdigit() or len(port_text) > 5 or not 0 < int(port_text) < 65536:
            raise _refuse(url, f"invalid port {port_text!r}", "url_port")
        port = int(port_text)
    else:
        port = DEFAULT_PORTS[scheme]

    allowlisted = (host, port) in policy.allowlist
    if not allowlisted:
        if port not in policy.allowed_ports:
            allowed = ", ".join(str(p) for p in sorted(policy.allowed_ports))
            raise _refuse(url, f"port {port} is not allowed (allowed ports: {allowed})", "url_port")
        if host == "localhost" or host.endswith(".localhost"):
            raise _refuse(url, f"{host} is a loopback name", "non_public_address")
        if ip is not None:
            problem = address_problem(ip)
            if problem:
                raise _refuse(url, f"address {ip} is not public: {problem}", "non_public_address")

    path = remainder.split("#", 1)[0]
    if not path.startswith("/"):
        path = "/" + path
    target = quote(path, safe=_PATH_SAFE)
    url_host = f"[{host}]" if ":" in host else host
    netloc = url_host if port == DEFAULT_PORTS[scheme] else f"{url_host}:{port}"
    return ParsedURL(
        scheme=scheme,  # type: ignore[arg-type]
        host=host,
        port=port,
        target=target,
        url=f"{scheme}://{netloc}{target}",
        ip=ip,
        allowlisted=allowlisted,
    )


# --------------------------------------------------------------------------- resolving


def default_resolver(host: str, port: int) -> list[str]:
    """One ``getaddrinfo`` call; the distinct addresses in the order returned."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in seen:
            seen.append(address)
    return seen


def _resolve_checked(parsed: ParsedURL, resolver: Resolver) -> list[str]:
    """Resolve once and refuse if any address is non-public (unless allowlisted)."""
    if parsed.ip is not None:
        return [parsed.ip]
    try:
        addresses = list(resolver(parsed.host, parsed.port))
    except (OSError, UnicodeError) as exc:
        raise ConnectionFailed(f"could not resolve {parsed.host}: {exc}", code="dns_failure", url=parsed.url) from exc
    if not addresses:
        raise ConnectionFailed(f"{parsed.host} did not resolve to any address", code="dns_failure", url=parsed.url)
    if not parsed.allowlisted:
        for address in addresses:
            problem = address_problem(address)
            if problem:
                raise URLRefused(
                    f"{parsed.host} resolves to {address}, which is not public ({problem})",
                    code="non_public_address",
                    url=parsed.url,
                )
    return [_connect_address(a) for a in addresses]


# --------------------------------------------------------------------------- connections


class _Watchdog:
    """Shuts the socket down when the total deadline passes, whatever the socket is blocked on."""

    def __init__(self, deadline_at: float) -> None:
        self.deadline_at = deadline_at
        self.fired = False
        self._lock = threading.Lock()
        self._dup: socket.socket | None = None
        self._timer: threading.Timer | None = None

    def arm(self, sock: socket.socket) -> None:
        with self._lock:
            self._dup = sock.dup()  # survives the TLS wrap, which detaches the original object
            self._timer = threading.Timer(max(0.0, self.deadline_at - time.monotonic()), self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            if self._dup is not None:
                with contextlib.suppress(OSError):
                    self._dup.shutdown(socket.SHUT_RDWR)

    def disarm(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            if self._dup is not None:
                self._dup.close()
                self._dup = None


class _PinnedMixin:
    _watchdog: _Watchdog | None = None

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        if self._watchdog is not None:
            self._watchdog.arm(sock)
        return sock


class _PinnedHTTPConnection(_PinnedMixin, HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedMixin, HTTPSConnection):
    pass


def _make_connection(
    parsed: ParsedURL, address: str, policy: FetchPolicy, timeout: float, watchdog: _Watchdog
) -> HTTPConnection:
    conn: HTTPConnection
    if parsed.scheme == "https":
        conn = _PinnedHTTPSConnection(
            host=address,
            port=parsed.port,
            timeout=timeout,
            server_hostname=parsed.host,
            assert_hostname=parsed.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=policy.ca_bundle,
        )
    else:
        conn = _PinnedHTTPConnection(host=address, port=parsed.port, timeout=timeout)
    conn._watchdog = watchdog
    return conn


# --------------------------------------------------------------------------- politeness


class HostGate(Protocol):
    def slot(self, host: str) -> contextlib.AbstractContextManager[float]:
        """Enter when this host may be contacted; yields the seconds spent waiting."""
        ...


def _host_key(host: str) -> str:
    return hashlib.sha256(host.lower().encode()).hexdigest()[:32]


class FileHostGate:
    """Per-host spacing and concurrency across processes of one machine, with ``fcntl`` locks.

    ``concurrency`` lock files per host bound parallel fetches; a small state file
    holds the earliest time the next request to the host may start.
    """

    def __init__(self, directory: Path | str, *, delay: float, concurrency: int = 1, max_wait: float = 120.0) -> None:
        self.directory = Path(directory)
        self.delay = max(0.0, delay)
        self.concurrency = max(1, concurrency)
        self.max_wait = max_wait

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[float]:
        self.directory.mkdir(parents=True, exist_ok=True)
        key = _host_key(host)
        started = time.monotonic()
        give_up = started + self.max_wait
        slot_fd: int | None = None
        while slot_fd is None:
            for index in range(self.concurrency):
                fd = os.open(self.directory / f"{key}.slot{index}", os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                slot_fd = fd
                break
            if slot_fd is None:
                if time.monotonic() > give_up:
                    raise HostBusy(f"{host} is busy: no free fetch slot", retry_after=self.delay or 1.0)
                time.sleep(0.02)
        try:
            self._wait_for_spacing(key, host, give_up)
            yield time.monotonic() - started
        finally:
            fcntl.flock(slot_fd, fcntl.LOCK_UN)
            os.close(slot_fd)

    def _wait_for_spacing(self, key: str, host: str, give_up: float) -> None:
        if self.delay <= 0:
            return
        state = self.directory / f"{key}.next"
        while True:
            fd = os.open(state, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                raw = os.read(fd, 64).decode("ascii", "replace").strip()
                try:
                    next_start = float(raw) if raw else 0.0
                except ValueError:
                    next_start = 0.0
                now = time.time()
                if now >= next_start:
                    os.lseek(fd, 0, os.SEEK_SET)
                    os.ftruncate(fd, 0)
                    os.write(fd, repr(now + self.delay).encode("ascii"))
                    return
                wait = min(next_start - now, self.delay)  # a clock jump can't make us wait forever
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
            if time.monotonic() + wait > give_up:
                raise HostBusy(f"{host} is busy: waited too long for politeness spacing", retry_after=wait)
            time.sleep(wait)


# Compare-and-delete / compare-and-extend: only the holder (the token it wrote) may release or renew a slot.
_RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
_RENEW_SCRIPT = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"
)
REDIS_SLOT_LEASE = 10.0  # seconds; renewed every third of it while the holder is alive


class RedisHostGate:
    """The same gate across machines: lease keys (``SET NX PX``) for slots and a spacing key per host.

    A slot is a short lease (``lease`` seconds, 10 by default) that a daemon thread of the holding process renews
    every ``lease / 3`` while the fetch runs, however long it takes. A holder that dies (SIGKILL, OOM, power loss)
    stops renewing, so its slot frees within one lease instead of blocking the host for the whole fetch deadline.
    Release and renewal are atomic compare-and-act Lua scripts on the holder's random token, so a holder whose lease
    ran out (e.g. paused past it) can neither free nor extend the slot someone else took meanwhile.
    """

    def __init__(
        self,
        client: Any,
        *,
        delay: float,
        concurrency: int = 1,
        lease: float = REDIS_SLOT_LEASE,
        max_wait: float = 120.0,
        prefix: str = "factcheck:fetchgate",
    ) -> None:
        self.client = client
        self.delay = max(0.0, delay)
        self.concurrency = max(1, concurrency)
        self.lease_ms = max(1000, int(lease * 1000))
        self.max_wait = max_wait
        self.prefix = prefix
        self._release = client.register_script(_RELEASE_SCRIPT)
        self._renew = client.register_script(_RENEW_SCRIPT)
        self._held: dict[str, str] = {}  # slot key -> token, for the renewer
        self._held_lock = threading.Lock()
        self._renewer_pid = 0

    def _hold(self, slot_key: str, token: str) -> None:
        if self._renewer_pid != os.getpid():  # first use in this process (or a forked child): its own renewer
            self._held_lock = threading.Lock()
            self._held = {}
            self._renewer_pid = os.getpid()
            renewer = threading.Thread(target=self._renew_loop, args=(os.getpid(),), name="fetchgate-renewer")
            renewer.daemon = True
            renewer.start()
        with self._held_lock:
            self._held[slot_key] = token

    def _drop(self, slot_key: str) -> None:
        with self._held_lock:
            self._held.pop(slot_key, None)

    def _renew_loop(self, pid: int) -> None:
        interval = self.lease_ms / 3000
        while self._renewer_pid == pid:
            time.sleep(interval)
            with self._held_lock:
                held = list(self._held.items())
            for slot_key, token in held:
                try:
                    self._renew(keys=[slot_key], args=[token, self.lease_ms])
                except Exception:  # Redis briefly away: the next round tries again (the lease has 2 more thirds)
                    logger.warning("could not renew the fetch slot %s", slot_key, exc_info=True)

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[float]:
        key = _host_key(host)
        token = uuid.uuid4().hex
        started = time.monotonic()
        give_up = started + self.max_wait
        held: str | None = None
        while held is None:
            for index in range(self.concurrency):
                slot_key = f"{self.prefix}:{key}:slot:{index}"
                if self.client.set(slot_key, token, nx=True, px=self.lease_ms):
                    held = slot_key
                    break
            if held is None:
                if time.monotonic() > give_up:
                    raise HostBusy(f"{host} is busy: no free fetch slot", retry_after=self.delay or 1.0)
                time.sleep(0.05)
        self._hold(held, token)
        try:
            if self.delay > 0:
                spacing_key = f"{self.prefix}:{key}:spacing"
                while not self.client.set(spacing_key, token, nx=True, px=max(1, int(self.delay * 1000))):
                    ttl_ms = self.client.pttl(spacing_key)
                    wait = min(self.delay, max(0.01, (ttl_ms if ttl_ms and ttl_ms > 0 else 10) / 1000))
                    if time.monotonic() + wait > give_up:
                        raise HostBusy(f"{host} is busy: waited too long for politeness spacing", retry_after=wait)
                    time.sleep(wait)
            yield time.monotonic() - started
        finally:
            self._drop(held)
            # Release only our own lease (it may have expired and been taken by someone else), atomically.
            self._release(keys=[held], args=[token])


_gate_cache: dict[tuple[Any, ...], HostGate] = {}
_gate_lock = threading.Lock()


def default_gate(policy: FetchPolicy) -> HostGate:
    """Redis-backed when ``settings.REDIS_URL`` is set, else file locks under ``VAR_DIR/hosts``."""
    from django.conf import settings

    redis_url = getattr(settings, "REDIS_URL", "") or ""
    max_wait = policy.deadline + policy.per_host_delay + 5.0
    key: tuple[Any, ...]
    if redis_url:
        key = ("redis", redis_url, policy.per_host_delay, policy.per_host_concurrency, max_wait)
    else:
        key = ("file", str(settings.VAR_DIR), policy.per_host_delay, policy.per_host_concurrency, max_wait)
    with _gate_lock:
        gate = _gate_cache.get(key)
        if gate is None:
            if redis_url:
                import redis

                gate = RedisHostGate(
                    redis.Redis.from_url(redis_url),
                    delay=policy.per_host_delay,
                    concurrency=policy.per_host_concurrency,
                    lease=REDIS_SLOT_LEASE,
                    max_wait=max_wait,
                )
            else:
                gate = FileHostGate(
                    Path(settings.VAR_DIR) / "hosts",
                    delay=policy.per_host_delay,
                    concurrency=policy.per_host_concurrency,
                    max_wait=max_wait,
                )
            _gate_cache[key] = gate
        return gate


# --------------------------------------------------------------------------- fetching


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


@dataclass
class _Hop:
    status: int
    reason: str
    http_version: str
    request_headers: HeaderList
    response_headers: HeaderList
    body: bytes
    content_encoding: str
    body_decoded: bool
    peer_ip: str


def _header(headers: Iterable[tuple[str, str]] | Mapping[str, str], name: str) -> str | None:
    items = headers.items() if isinstance(headers, Mapping) else headers
    lname = name.lower()
    for key, value in items:
        if key.lower() == lname:
            return value
    return None


def _media_type(content_type: str | None) -> str:
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


_SNIFF: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
]


def _sniff(body: bytes) -> str:
    for magic, media in _SNIFF:
        if body.startswith(magic):
            return media
    if body[:4] == b"RIFF" and body[8:12] == b"WEBP":
        return "image/webp"
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "text/html"
    if head.startswith(b"<?xml"):
        return "text/xml"
    return ""


def _coding_tokens(value: str) -> list[str]:
    return [t.strip().lower() for t in value.split(",") if t.strip()]


def _fix_location(value: str) -> str:
    # http.client decodes header bytes as latin-1; undo that for UTF-8 Location values.
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _request_headers(parsed: ParsedURL, policy: FetchPolicy) -> HeaderList:
    return [
        ("Host", parsed.host_header),
        ("User-Agent", policy.user_agent),
        ("Accept", ACCEPT),
        ("Accept-Encoding", ACCEPT_ENCODING),
        ("Connection", "close"),
    ]


def _deadline_error(url: str, policy: FetchPolicy) -> FetchTimeout:
    return FetchTimeout(f"gave up after the total deadline of {policy.deadline:g} s", code="deadline", url=url)


def _one_hop(
    parsed: ParsedURL,
    addresses: list[str],
    policy: FetchPolicy,
    deadline_at: float,
    timings: dict[str, float],
    want_body: Callable[[int, HeaderList], bool],
) -> _Hop:
    headers = _request_headers(parsed, policy)
    last_error: FetchError | None = None
    for address in addresses[:4]:
        remaining = deadline_at - time.monotonic()
        if remaining <= 0:
            raise _deadline_error(parsed.url, policy)
        watchdog = _Watchdog(deadline_at)
        conn = _make_connection(parsed, address, policy, min(policy.connect_timeout, remaining), watchdog)
        try:
            t0 = time.monotonic()
            try:
                conn.connect()
            except (ssl.SSLError, ssl.CertificateError, Urllib3SSLError, Urllib3CertificateError) as exc:
                if watchdog.fired:
                    raise _deadline_error(parsed.url, policy) from exc
                raise ConnectionFailed(
                    f"TLS handshake with {parsed.host} ({address}) failed: {exc}",
                    code="tls_error",
                    permanent=True,
                    url=parsed.url,
                ) from exc
            except NewConnectionError as exc:
                if watchdog.fired:
                    raise _deadline_error(parsed.url, policy) from exc
                last_error = ConnectionFailed(
                    f"could not connect to {parsed.host} ({address}) port {parsed.port}: {_reason(exc)}",
                    code="connect_failed",
                    url=parsed.url,
                )
                continue
            except (ConnectTimeoutError, TimeoutError) as exc:  # after NewConnectionError, its subclass
                last_error = FetchTimeout(
                    f"connecting to {parsed.host} ({address}) port {parsed.port} timed out",
                    code="connect_timeout",
                    url=parsed.url,
                )
                if watchdog.fired:
                    raise _deadline_error(parsed.url, policy) from exc
                continue
            except OSError as exc:
                if watchdog.fired:
                    raise _deadline_error(parsed.url, policy) from exc
                last_error = ConnectionFailed(
                    f"could not connect to {parsed.host} ({address}) port {parsed.port}: {exc}",
                    code="connect_failed",
                    url=parsed.url,
                )
                continue
            timings["connect"] = time.monotonic() - t0
            return _exchange(conn, parsed, address, headers, policy, deadline_at, timings, watchdog, want_body)
        finally:
            watchdog.disarm()
            conn.close()
    assert last_error is not None
    raise last_error


def _reason(exc: BaseException) -> str:
    """The underlying OS error of a urllib3 connection error, without the object repr noise."""
    cause = exc.__cause__ or exc.__context__
    return str(cause) if cause is not None else str(exc)


def _set_timeout(conn: HTTPConnection, policy: FetchPolicy, deadline_at: float) -> None:
    remaining = deadline_at - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("deadline")
    timeout = min(policy.read_timeout, remaining)
    conn.timeout = timeout
    if conn.sock is not None:
        conn.sock.settimeout(timeout)


def _exchange(
    conn: HTTPConnection,
    parsed: ParsedURL,
    address: str,
    headers: HeaderList,
    policy: FetchPolicy,
    deadline_at: float,
    timings: dict[str, float],
    watchdog: _Watchdog,
    want_body: Callable[[int, HeaderList], bool],
) -> _Hop:
    url = parsed.url
    try:
        t0 = time.monotonic()
        _set_timeout(conn, policy, deadline_at)
        conn.request("GET", parsed.target, headers=dict(headers), preload_content=False, decode_content=False)
        _set_timeout(conn, policy, deadline_at)
        response = conn.getresponse()
        timings["ttfb"] = time.monotonic() - t0
        original = response._original_response
        raw_items = list(original.msg.items()) if original is not None else list(response.headers.items())
        response_headers = [(k, re.sub(r"\r?\n[ \t]*", " ", v)) for k, v in raw_items]
        version = {9: "HTTP/0.9", 10: "HTTP/1.0", 11: "HTTP/1.1", 20: "HTTP/2"}.get(response.version, "HTTP/1.1")
        content_encoding = _header(response_headers, "content-encoding") or ""
        hop = _Hop(
            status=response.status,
            reason=response.reason or "",
            http_version=version,
            request_headers=list(headers),
            response_headers=response_headers,
            body=b"",
            content_encoding=content_encoding,
            body_decoded=True,
            peer_ip=address,
        )
        if not want_body(response.status, response_headers):
            return hop

        length = _header(response_headers, "content-length")
        if length and length.strip().isdigit() and int(length) > policy.max_bytes:
            raise TooLarge(
                f"Content-Length {int(length)} exceeds the {policy.max_bytes}-byte cap; not downloading",
                limit=policy.max_bytes,
                received=0,
                url=url,
            )
        tokens = [t for t in _coding_tokens(content_encoding) if t != "identity"]
        decode = bool(tokens) and all(t in SUPPORTED_CODINGS for t in tokens) and len(tokens) <= MAX_CODING_LAYERS
        hop.body_decoded = decode or not tokens
        t1 = time.monotonic()
        body = bytearray()
        cap = policy.max_bytes
        while True:
            _set_timeout(conn, policy, deadline_at)
            chunk = response.read1(min(READ_CHUNK, cap + 1 - len(body)), decode_content=decode)
            if not chunk:
                break
            body += chunk
            if len(body) > cap:
                raise TooLarge(
                    f"body exceeds the {cap}-byte cap after decoding; stopped at {len(body)} bytes",
                    limit=cap,
                    received=len(body),
                    url=url,
                )
            if response.tell() > cap:
                raise TooLarge(
                    f"raw body exceeds the {cap}-byte cap; stopped after {response.tell()} bytes",
                    limit=cap,
                    received=len(body),
                    url=url,
                )
        if watchdog.fired:
            raise _deadline_error(url, policy)
        timings["download"] = time.monotonic() - t1
        hop.body = bytes(body)
        return hop
    except FetchError:
        raise
    except DecodeError as exc:
        if watchdog.fired:
            raise _deadline_error(url, policy) from exc
        raise ContentDecodingFailed(f"body could not be decoded as {content_encoding!r}: {exc}", url=url) from exc
    except (ReadTimeoutError, TimeoutError) as exc:
        if watchdog.fired or time.monotonic() >= deadline_at:
            raise _deadline_error(url, policy) from exc
        raise FetchTimeout(
            f"{parsed.host} sent nothing for {policy.read_timeout:g} s (read timeout)", code="read_timeout", url=url
        ) from exc
    except (ProtocolError, http.client.HTTPException, OSError) as exc:
        if watchdog.fired:
            raise _deadline_error(url, policy) from exc
        raise ConnectionFailed(
            f"connection to {parsed.host} ({address}) failed during the exchange: {exc}",
            code="protocol_error",
            url=url,
        ) from exc


def _wants_body(status: int, headers: HeaderList) -> bool:
    """Redirect bodies are not read: we only need the Location."""
    return not (status in REDIRECT_STATUSES and _header(headers, "location") is not None)


def _check_host_block(parsed: ParsedURL, policy: FetchPolicy) -> None:
    """MODERATION HOOK (issue 9): refuse a host an editor blocked, before any socket opens."""
    reason = policy.host_blocked(parsed.host) if policy.host_blocked is not None else None
    if reason:
        raise _refuse(parsed.url, reason, "domain_blocked")


def fetch(
    url: str,
    *,
    policy: FetchPolicy | None = None,
    resolver: Resolver | None = None,
    gate: HostGate | None = None,
) -> FetchResult:
    """GET ``url`` safely, following redirects ourselves. HTTP error statuses are returned, not raised."""
    policy = policy or FetchPolicy.from_settings()
    resolver = resolver or default_resolver
    gate = gate if gate is not None else default_gate(policy)
    started = time.monotonic()
    deadline_at = started + policy.deadline
    timings: dict[str, float] = {"dns": 0.0, "wait": 0.0}
    chain: list[dict[str, Any]] = []

    current = validate_url(url, policy)
    _check_host_block(current, policy)  # MODERATION HOOK (issue 9)
    seen = {current.url}
    while True:
        t0 = time.monotonic()
        try:
            addresses = _resolve_checked(current, resolver)
        except URLRefused as exc:
            if not chain:
                raise
            chain[-1]["blocked"] = exc.message
            raise RedirectRefused(
                f"redirect to {current.url} refused: {exc.message}", chain=chain, code="redirect_refused", url=url
            ) from exc
        timings["dns"] += time.monotonic() - t0
        with gate.slot(current.host) as waited:
            timings["wait"] += waited
            deadline_at += waited  # politeness waiting is not the server's fault
            hop = _one_hop(current, addresses, policy, deadline_at, timings, _wants_body)
        location = _header(hop.response_headers, "location")
        if hop.status in REDIRECT_STATUSES and location is not None:
            next_url = urljoin(current.url, _fix_location(location.strip()))
            entry: dict[str, Any] = {"url": current.url, "status": hop.status, "location": next_url}
            chain.append(entry)
            try:
                nxt = validate_url(next_url, policy)
                _check_host_block(nxt, policy)  # MODERATION HOOK (issue 9)
            except URLRefused as exc:
                entry["blocked"] = exc.message
                raise RedirectRefused(
                    f"redirect from {current.url} to {next_url} refused: {exc.message}", chain=chain, url=url
                ) from exc
            if nxt.url in seen:
                entry["blocked"] = "redirect loop"
                raise TooManyRedirects(
                    f"redirect loop: {current.url} leads back to {nxt.url}", chain=chain, code="redirect_loop", url=url
                )
            if len(chain) > policy.max_redirects:
                entry["blocked"] = "too many redirects"
                raise TooManyRedirects(
                    f"more than {policy.max_redirects} redirects starting at {url}", chain=chain, url=url
                )
            seen.add(nxt.url)
            current = nxt
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
            content_type=_media_type(_header(hop.response_headers, "content-type")),
            redirect_chain=chain,
            peer_ip=hop.peer_ip,
            timings=timings,
            sniffed_type=_sniff(hop.body),
            body_decoded=hop.body_decoded,
        )


# --------------------------------------------------------------------------- retries


@dataclass(frozen=True)
class Decision:
    kind: Literal["ok", "retry", "permanent"]
    delay: float | None
    reason: str


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


def classify_status(
    status: int,
    headers: Iterable[tuple[str, str]] | Mapping[str, str] | None = None,
    *,
    attempt: int = 1,
    now: datetime | None = None,
    cap: float = 3600.0,
) -> Decision:
    """What to do with a response: ``ok``, ``retry`` (with a delay) or ``permanent`` failure."""
    if 200 <= status < 400:
        return Decision("ok", None, f"HTTP {status}")
    if status in PERMANENT_STATUSES:
        return Decision("permanent", None, f"HTTP {status}: the page is gone or does not exist")
    if status in RETRY_AFTER_STATUSES:
        delay = retry_after_seconds(_header(headers or [], "retry-after"), now=now, cap=cap)
        if delay is not None:
            return Decision("retry", delay, f"HTTP {status}: retrying after the server's Retry-After")
        return Decision("retry", backoff_delay(attempt), f"HTTP {status}: retrying with backoff")
    if status in RETRY_STATUSES or (status >= 500 and status not in {501, 505}):
        return Decision("retry", backoff_delay(attempt), f"HTTP {status}: server error, retrying with backoff")
    return Decision("permanent", None, f"HTTP {status}")


def fetch_with_retries(
    url: str,
    *,
    policy: FetchPolicy | None = None,
    resolver: Resolver | None = None,
    gate: HostGate | None = None,
    max_attempts: int | None = None,
    max_sleep: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchResult:
    """``fetch`` with bounded in-process retries for transient failures.

    Retries 429/503 after ``Retry-After`` (capped), other retryable 5xx and
    transient errors after ``backoff_delay``. 404/410 and permanent errors are
    not retried. If a wait would exceed ``max_sleep`` it stops and returns the
    response (or raises the error with ``retry_after`` set) so a task queue can
    reschedule instead of sleeping.
    """
    policy = policy or FetchPolicy.from_settings()
    attempts = max(1, max_attempts if max_attempts is not None else policy.max_attempts)
    for attempt in range(1, attempts + 1):
        try:
            result = fetch(url, policy=policy, resolver=resolver, gate=gate)
        except FetchError as exc:
            if exc.permanent:
                raise
            delay = exc.retry_after if exc.retry_after is not None else backoff_delay(attempt)
            exc.retry_after = delay
            if attempt == attempts or delay > max_sleep:
                raise
            sleep(delay)
            continue
        decision = classify_status(result.status, result.response_headers, attempt=attempt, cap=policy.retry_after_cap)
        if decision.kind != "retry" or attempt == attempts or (decision.delay or 0.0) > max_sleep:
            return result
        sleep(decision.delay or 0.0)
    raise AssertionError("unreachable")  # pragma: no cover


# --------------------------------------------------------------------------- text decoding

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# WHATWG Encoding Standard: what browsers actually use for these labels.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "x-sjis": "cp932",
    "unicode-1-1-utf-8": "utf-8",
    "utf8": "utf-8",
}
_REFUSED_CODECS = {"utf-7", "rot-13", "base64", "hex", "zlib", "bz2", "quopri", "uu"}
_CHARSET_PARAM_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.+\-]+)""", re.IGNORECASE)
_META_RE = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+\-]+)""", re.IGNORECASE)


def _codec_for(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if info.name in _REFUSED_CODECS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _detect(body: bytes) -> str:
    sample = body[:65536]
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:  # detection is best effort
        best = None
    if best is not None:
        codec = _codec_for(best.encoding)
        if codec:
            return codec
    return "cp1252"


def decode_text(body: bytes, headers: Iterable[tuple[str, str]] | Mapping[str, str]) -> tuple[str, str]:
    """Decode an HTML/text body: BOM, then the HTTP charset, then ``<meta>``, then detection.

    Invalid bytes become U+FFFD (``errors="replace"``), so the result is deterministic;
    the raw bytes are never modified. Returns ``(text, python_codec_name)``.
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    content_type = _header(headers, "content-type") or ""
    param = _CHARSET_PARAM_RE.search(content_type)
    codec = _codec_for(param.group(1)) if param else None
    if codec is None:
        meta = _META_RE.search(body[:4096])
        if meta:
            codec = _codec_for(meta.group(1).decode("ascii", "replace"))
            if codec and codec.startswith("utf-16"):
                codec = "utf-8"  # a document that can carry an ASCII <meta> is not UTF-16
    if codec is None:
        codec = _detect(body)
    return body.decode(codec, errors="replace"), codec
