"""The wire: the only module that opens sockets. One HTTP exchange with one validated address.

The connection goes to the validated IP while the Host header, SNI and the certificate check use the original host
name; the body is read in chunks with a cap on *decoded* bytes; a watchdog enforces the total deadline by shutting
the socket down (per-socket timeouts only bound a single ``recv``). Environment proxies are never used (urllib3
connections don't read them).
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import ConnectTimeoutError, DecodeError, NewConnectionError, ProtocolError, ReadTimeoutError
from urllib3.exceptions import SSLError as Urllib3SSLError
from urllib3.response import BaseHTTPResponse
from urllib3.util.ssl_match_hostname import CertificateError as Urllib3CertificateError

from sources.fetcher.content import header
from sources.fetcher.errors import (
    ConnectionFailed,
    ContentDecodingFailed,
    FetchError,
    FetchTimeout,
    TooLarge,
    deadline_error,
)
from sources.fetcher.guard import ParsedURL
from sources.fetcher.policy import FetchPolicy

HeaderList = list[tuple[str, str]]

READ_CHUNK = 64 * 1024
MAX_ADDRESSES_TRIED = 4
# Content codings we advertise and let urllib3 decode (incrementally, bounded).
SUPPORTED_CODINGS = frozenset({"gzip", "x-gzip", "deflate"} | ({"br"} if urllib3.response.brotli else set()))
MAX_CODING_LAYERS = 3
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ACCEPT_ENCODING = ", ".join(c for c in ("gzip", "deflate", "br") if c in SUPPORTED_CODINGS)
_TLS_ERRORS = (ssl.SSLError, ssl.CertificateError, Urllib3SSLError, Urllib3CertificateError)
_HTTP_VERSIONS = {9: "HTTP/0.9", 10: "HTTP/1.0", 11: "HTTP/1.1", 20: "HTTP/2"}


class Deadline:
    """The total deadline of one hop, and its watchdog: shuts the socket down when the deadline passes, whatever
    the socket is blocked on. ``check`` is the one place that turns "past the deadline" into ``FetchTimeout``."""

    def __init__(self, at: float, *, seconds: float, url: str) -> None:
        self.at = at
        self.seconds = seconds
        self.url = url
        self.fired = False
        self._lock = threading.Lock()
        self._dup: socket.socket | None = None
        self._timer: threading.Timer | None = None

    def check(self, cause: BaseException | None = None) -> None:
        """Raise the deadline error if the watchdog fired or the time is up."""
        if self.fired or time.monotonic() >= self.at:
            raise deadline_error(self.url, self.seconds) from cause

    def remaining(self) -> float:
        self.check()
        return self.at - time.monotonic()

    def arm(self, sock: socket.socket) -> None:
        with self._lock:
            self._dup = sock.dup()  # survives the TLS wrap, which detaches the original object
            self._timer = threading.Timer(max(0.0, self.at - time.monotonic()), self._fire)
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
    _deadline: Deadline | None = None

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        if self._deadline is not None:
            self._deadline.arm(sock)
        return sock


class _PinnedHTTPConnection(_PinnedMixin, HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedMixin, HTTPSConnection):
    pass


def _make_connection(parsed: ParsedURL, address: str, policy: FetchPolicy, deadline: Deadline) -> HTTPConnection:
    timeout = min(policy.connect_timeout, deadline.remaining())
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
    conn._deadline = deadline
    return conn


@dataclass
class Hop:
    """One request and its response, as exchanged."""

    status: int
    reason: str
    http_version: str
    request_headers: HeaderList
    response_headers: HeaderList
    body: bytes
    content_encoding: str
    body_decoded: bool
    peer_ip: str


def request_headers(parsed: ParsedURL, policy: FetchPolicy) -> HeaderList:
    return [
        ("Host", parsed.host_header),
        ("User-Agent", policy.user_agent),
        ("Accept", ACCEPT),
        ("Accept-Encoding", ACCEPT_ENCODING),
        ("Connection", "close"),
    ]


@dataclass(frozen=True)
class Outgoing:
    """What a hop sends besides our own headers: webhooks POST a signed body (GET sends nothing)."""

    method: str = "GET"
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()


GET = Outgoing()


def one_hop(
    parsed: ParsedURL,
    addresses: list[str],
    policy: FetchPolicy,
    deadline_at: float,
    timings: dict[str, float],
    want_body: Callable[[int, HeaderList], bool],
    outgoing: Outgoing = GET,
) -> Hop:
    """GET ``parsed`` from the first of ``addresses`` that accepts a connection (transient errors try the next)."""
    last_error: FetchError | None = None
    for address in addresses[:MAX_ADDRESSES_TRIED]:
        deadline = Deadline(deadline_at, seconds=policy.deadline, url=parsed.url)
        conn = _make_connection(parsed, address, policy, deadline)
        try:
            t0 = time.monotonic()
            last_error = _connect(conn, parsed, address, deadline)
            if last_error is not None:
                continue
            timings["connect"] = time.monotonic() - t0
            return _exchange(conn, parsed, address, policy, deadline, timings, want_body, outgoing)
        finally:
            deadline.disarm()
            conn.close()
    assert last_error is not None
    raise last_error


def _connect(conn: HTTPConnection, parsed: ParsedURL, address: str, deadline: Deadline) -> FetchError | None:
    """Connect; None when connected, the (transient) error when the next address should be tried."""
    where = f"{parsed.host} ({address}) port {parsed.port}"
    try:
        conn.connect()
    except _TLS_ERRORS as exc:
        deadline.check(exc)
        raise ConnectionFailed(
            f"TLS handshake with {parsed.host} ({address}) failed: {exc}",
            code="tls_error",
            permanent=True,
            url=parsed.url,
        ) from exc
    except NewConnectionError as exc:
        deadline.check(exc)
        return ConnectionFailed(f"could not connect to {where}: {_reason(exc)}", code="connect_failed", url=parsed.url)
    except (ConnectTimeoutError, TimeoutError) as exc:  # after NewConnectionError, its subclass
        deadline.check(exc)
        return FetchTimeout(f"connecting to {where} timed out", code="connect_timeout", url=parsed.url)
    except OSError as exc:
        deadline.check(exc)
        return ConnectionFailed(f"could not connect to {where}: {exc}", code="connect_failed", url=parsed.url)
    return None


def _reason(exc: BaseException) -> str:
    """The underlying OS error of a urllib3 connection error, without the object repr noise."""
    cause = exc.__cause__ or exc.__context__
    return str(cause) if cause is not None else str(exc)


def _set_timeout(conn: HTTPConnection, policy: FetchPolicy, deadline: Deadline) -> None:
    timeout = min(policy.read_timeout, deadline.remaining())
    conn.timeout = timeout
    if conn.sock is not None:
        conn.sock.settimeout(timeout)


def _exchange(
    conn: HTTPConnection,
    parsed: ParsedURL,
    address: str,
    policy: FetchPolicy,
    deadline: Deadline,
    timings: dict[str, float],
    want_body: Callable[[int, HeaderList], bool],
    outgoing: Outgoing = GET,
) -> Hop:
    url = parsed.url
    content_encoding = ""
    try:
        t0 = time.monotonic()
        headers = [*request_headers(parsed, policy), *outgoing.headers]
        if outgoing.body is not None:
            headers.append(("Content-Length", str(len(outgoing.body))))
        _set_timeout(conn, policy, deadline)
        conn.request(
            outgoing.method,
            parsed.target,
            body=outgoing.body,
            headers=dict(headers),
            preload_content=False,
            decode_content=False,
        )
        _set_timeout(conn, policy, deadline)
        response = conn.getresponse()
        timings["ttfb"] = time.monotonic() - t0
        hop = _hop_of(response, headers, address)
        content_encoding = hop.content_encoding
        if want_body(hop.status, hop.response_headers):
            t1 = time.monotonic()
            hop.body, hop.body_decoded = _read_body(conn, response, hop, policy, deadline)
            timings["download"] = time.monotonic() - t1
        return hop
    except FetchError:
        raise
    except DecodeError as exc:
        deadline.check(exc)
        raise ContentDecodingFailed(f"body could not be decoded as {content_encoding!r}: {exc}", url=url) from exc
    except (ReadTimeoutError, TimeoutError) as exc:
        deadline.check(exc)
        raise FetchTimeout(
            f"{parsed.host} sent nothing for {policy.read_timeout:g} s (read timeout)",
            code="read_timeout",
            url=url,
            params={"seconds": policy.read_timeout},
        ) from exc
    except (ProtocolError, http.client.HTTPException, OSError) as exc:
        deadline.check(exc)
        raise ConnectionFailed(
            f"connection to {parsed.host} ({address}) failed during the exchange: {exc}",
            code="protocol_error",
            url=url,
        ) from exc


def _hop_of(response: BaseHTTPResponse, headers: HeaderList, address: str) -> Hop:
    original = getattr(response, "_original_response", None)
    raw_items = list(original.msg.items()) if original is not None else list(response.headers.items())
    response_headers = [(k, re.sub(r"\r?\n[ \t]*", " ", v)) for k, v in raw_items]
    return Hop(
        status=response.status,
        reason=response.reason or "",
        http_version=_HTTP_VERSIONS.get(response.version, "HTTP/1.1"),
        request_headers=list(headers),
        response_headers=response_headers,
        body=b"",
        content_encoding=header(response_headers, "content-encoding") or "",
        body_decoded=True,
        peer_ip=address,
    )


def _read_body(
    conn: HTTPConnection, response: BaseHTTPResponse, hop: Hop, policy: FetchPolicy, deadline: Deadline
) -> tuple[bytes, bool]:
    """The body, decoded when its codings are supported, capped at ``policy.max_bytes`` (decoded and raw)."""
    cap, url = policy.max_bytes, deadline.url
    length = header(hop.response_headers, "content-length")
    if length and length.strip().isdigit() and int(length) > cap:
        raise TooLarge(
            f"Content-Length {int(length)} exceeds the {cap}-byte cap; not downloading", limit=cap, received=0, url=url
        )
    tokens = [t.strip().lower() for t in hop.content_encoding.split(",") if t.strip()]
    tokens = [t for t in tokens if t != "identity"]
    decode = bool(tokens) and all(t in SUPPORTED_CODINGS for t in tokens) and len(tokens) <= MAX_CODING_LAYERS
    body = bytearray()
    while True:
        _set_timeout(conn, policy, deadline)
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
    if deadline.fired:
        deadline.check()
    return bytes(body), decode or not tokens
