"""sources.fetcher.wire: TLS on the pinned address, size caps, timeouts and the total deadline."""

from __future__ import annotations

import gzip
import socket
import ssl
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import brotli
import pytest
import trustme

from sources import fetcher
from sources.fetcher import (
    ConnectionFailed,
    FetchTimeout,
    FileHostGate,
    TooLarge,
    fetch,
)
from tests.sources.fetcher.support import CountingResolver, MiB, make_policy
from tests.sources.hostile_server import (
    RawServer,
    drip_body,
    drip_headers,
    endless_chunked,
    header_value,
    never_answer,
    respond,
)

# --------------------------------------------------------------------------- TLS


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def tls_server_context(ca: trustme.CA, name: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(name).configure_cert(context)
    return context


def test_tls_is_verified_against_the_host_name_with_sni_while_connecting_to_the_pinned_ip(
    ca: trustme.CA, servers: Callable[..., RawServer], gate: FileHostGate, tmp_path: Path
) -> None:
    server = servers(
        respond(headers=[("Content-Type", "text/html")], body=b"<p>ok</p>"), tls=tls_server_context(ca, "news.example")
    )
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    resolver = CountingResolver({"news.example": [["127.0.0.1"]]})
    policy = make_policy(("news.example", server.port), ca_bundle=str(ca_file))

    result = fetch(f"https://news.example:{server.port}/story", policy=policy, resolver=resolver, gate=gate)

    assert result.status == 200
    assert result.body == b"<p>ok</p>"
    assert result.peer_ip == "127.0.0.1"
    assert server.sni == ["news.example"]
    assert header_value(server.requests[0], "Host") == f"news.example:{server.port}"
    assert resolver.calls == [("news.example", server.port)]


def test_tls_refuses_a_certificate_for_another_host_name(
    ca: trustme.CA, servers: Callable[..., RawServer], gate: FileHostGate, tmp_path: Path
) -> None:
    server = servers(respond(body=b"imposter"), tls=tls_server_context(ca, "other.example"))
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    resolver = CountingResolver({"news.example": [["127.0.0.1"]]})
    policy = make_policy(("news.example", server.port), ca_bundle=str(ca_file))
    with pytest.raises(ConnectionFailed) as caught:
        fetch(f"https://news.example:{server.port}/", policy=policy, resolver=resolver, gate=gate)
    assert caught.value.code == "tls_error"
    assert "other.example" in str(caught.value)
    assert server.requests in ([], [b""])  # handshake may finish server-side, but no HTTP request is sent


def test_tls_refuses_a_certificate_from_an_untrusted_ca(
    ca: trustme.CA, servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    server = servers(respond(body=b"self-signed"), tls=tls_server_context(ca, "news.example"))
    resolver = CountingResolver({"news.example": [["127.0.0.1"]]})
    policy = make_policy(("news.example", server.port))  # system trust store only
    with pytest.raises(ConnectionFailed) as caught:
        fetch(f"https://news.example:{server.port}/", policy=policy, resolver=resolver, gate=gate)
    assert caught.value.code == "tls_error"
    assert server.requests == []


# --------------------------------------------------------------------------- size limits


def test_it_aborts_when_content_length_exceeds_the_cap_before_reading_the_body(
    servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    def huge(conn: socket.socket, _head: bytes, server: RawServer) -> None:
        server.send(conn, b"HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n")
        server.wait(20)  # sends no body: reading it would hang until the timeout

    server = servers(huge)
    started = time.monotonic()
    with pytest.raises(TooLarge) as caught:
        fetch(f"http://127.0.0.1:{server.port}/", policy=make_policy(("127.0.0.1", server.port)), gate=gate)
    assert time.monotonic() - started < 2
    assert caught.value.received == 0
    assert "Content-Length 10000000000" in str(caught.value)


def fetch_too_large_measuring_memory(server: RawServer, gate: FileHostGate) -> tuple[TooLarge, int]:
    """Fetch from `server` with a 1 MiB cap, expecting TooLarge; return it and the peak traced memory."""
    policy = make_policy(("127.0.0.1", server.port), max_bytes=1 * MiB)
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge) as caught:
            fetch(f"http://127.0.0.1:{server.port}/", policy=policy, gate=gate)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return caught.value, peak


def test_it_aborts_a_chunked_body_at_cap_plus_one_byte_with_bounded_memory(
    servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    server = servers(endless_chunked())
    caught, peak = fetch_too_large_measuring_memory(server, gate)
    assert caught.received == 1 * MiB + 1
    assert caught.limit == 1 * MiB
    assert peak < 8 * MiB


def _compress(encoding: str, size: int) -> bytes:
    zeros = b"\0" * MiB
    if encoding == "br":
        comp = brotli.Compressor(quality=5)
        return b"".join(comp.process(zeros) for _ in range(size // MiB)) + comp.finish()
    wbits = {"gzip": 31, "deflate": 15}[encoding]
    zobj = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return b"".join(zobj.compress(zeros) for _ in range(size // MiB)) + zobj.flush()


BOMBS: dict[str, bytes] = {}


def bomb(encoding: str) -> bytes:
    if encoding not in BOMBS:
        if encoding == "gzip, gzip":
            BOMBS[encoding] = gzip.compress(_compress("gzip", 256 * MiB))
        else:
            BOMBS[encoding] = _compress(encoding, 256 * MiB)
    return BOMBS[encoding]


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "gzip, gzip"])
def test_it_aborts_a_compression_bomb_at_the_decoded_cap(
    encoding: str, servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    payload = bomb(encoding)
    assert len(payload) < 1 * MiB  # small on the wire, 256 MiB once decoded
    server = servers(respond(headers=[("Content-Type", "text/html"), ("Content-Encoding", encoding)], body=payload))
    caught, peak = fetch_too_large_measuring_memory(server, gate)
    assert caught.received == 1 * MiB + 1
    assert peak < 16 * MiB


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "gzip, gzip"])
def test_it_decodes_small_compressed_bodies_and_records_the_encoding(
    encoding: str, servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    text = b"<html><body>" + b"hello " * 1000 + b"</body></html>"
    if encoding == "br":
        payload = brotli.compress(text)
    elif encoding == "deflate":
        payload = zlib.compress(text)
    elif encoding == "gzip":
        payload = gzip.compress(text)
    else:
        payload = gzip.compress(gzip.compress(text))
    server = servers(respond(headers=[("Content-Type", "text/html"), ("Content-Encoding", encoding)], body=payload))
    result = fetch(f"http://127.0.0.1:{server.port}/", policy=make_policy(("127.0.0.1", server.port)), gate=gate)
    assert result.body == text
    assert result.content_encoding == encoding
    assert result.body_decoded


def test_an_unknown_content_encoding_is_kept_raw(servers: Callable[..., RawServer], gate: FileHostGate) -> None:
    server = servers(respond(headers=[("Content-Encoding", "x-custom")], body=b"\x01\x02opaque"))
    result = fetch(f"http://127.0.0.1:{server.port}/", policy=make_policy(("127.0.0.1", server.port)), gate=gate)
    assert result.body == b"\x01\x02opaque"
    assert result.content_encoding == "x-custom"
    assert not result.body_decoded


def test_a_corrupt_gzip_body_is_a_permanent_decoding_error(
    servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    server = servers(respond(headers=[("Content-Encoding", "gzip")], body=b"\x1f\x8b\x08\x00garbage" * 10))
    with pytest.raises(fetcher.ContentDecodingFailed) as caught:
        fetch(f"http://127.0.0.1:{server.port}/", policy=make_policy(("127.0.0.1", server.port)), gate=gate)
    assert caught.value.permanent


# --------------------------------------------------------------------------- timeouts


def test_a_server_that_never_sends_headers_hits_the_read_timeout(
    servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    server = servers(never_answer)
    policy = make_policy(("127.0.0.1", server.port), read_timeout=0.5, deadline=10)
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        fetch(f"http://127.0.0.1:{server.port}/", policy=policy, gate=gate)
    elapsed = time.monotonic() - started
    assert caught.value.code == "read_timeout"
    assert not caught.value.permanent
    assert 0.4 < elapsed < 3


def test_one_byte_every_few_tenths_of_a_second_hits_the_total_deadline(
    servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    server = servers(drip_body(0.2))  # each read succeeds well within the read timeout
    policy = make_policy(("127.0.0.1", server.port), read_timeout=1.0, deadline=2.0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        fetch(f"http://127.0.0.1:{server.port}/", policy=policy, gate=gate)
    elapsed = time.monotonic() - started
    assert caught.value.code == "deadline"
    assert 1.8 < elapsed < 4
    assert server.bytes_sent > 5  # it really was dripping


def test_headers_dripping_forever_hit_the_total_deadline(servers: Callable[..., RawServer], gate: FileHostGate) -> None:
    server = servers(drip_headers(0.2))
    policy = make_policy(("127.0.0.1", server.port), read_timeout=1.0, deadline=2.0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        fetch(f"http://127.0.0.1:{server.port}/", policy=policy, gate=gate)
    assert caught.value.code == "deadline"
    assert 1.8 < time.monotonic() - started < 4


def test_a_closed_port_is_a_transient_connection_failure(gate: FileHostGate) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ConnectionFailed) as caught:
        fetch(f"http://127.0.0.1:{port}/", policy=make_policy(("127.0.0.1", port)), gate=gate)
    assert not caught.value.permanent
    assert caught.value.code == "connect_failed"
