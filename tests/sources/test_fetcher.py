"""Tests for sources.fetcher: SSRF guard, redirects, limits, retries, charsets, politeness.

Every server here listens on 127.0.0.1 and is reached only through an explicit
allow-list entry in the test's policy; default settings allow nothing private.
Public-looking addresses never get a real connection: ``socket.connect`` is
replaced by a spy that refuses anything outside the loopback range.
"""

from __future__ import annotations

import gzip
import ipaddress
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import brotli
import pytest
import trustme
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from sources import fetcher
from sources.fetcher import (
    ConnectionFailed,
    FetchPolicy,
    FetchTimeout,
    FileHostGate,
    HostBusy,
    RedirectRefused,
    RedisHostGate,
    TooLarge,
    TooManyRedirects,
    URLRefused,
    address_problem,
    backoff_delay,
    classify_status,
    decode_text,
    fetch,
    gates,
    parse_allowlist,
    retry_after_seconds,
    validate_url,
)

from .hostile_server import (
    RawServer,
    drip_body,
    drip_headers,
    endless_chunked,
    header_value,
    never_answer,
    respond,
)

MiB = 1024 * 1024
PUBLIC_IP = "93.184.216.34"  # never really contacted: the connect spy refuses non-loopback addresses


# --------------------------------------------------------------------------- fixtures and helpers


def make_policy(*allow: tuple[str, int], **overrides: Any) -> FetchPolicy:
    values: dict[str, Any] = {
        "allowlist": frozenset(allow),
        "allowed_ports": frozenset({80, 443}),
        "max_bytes": 1 * MiB,
        "connect_timeout": 2.0,
        "read_timeout": 3.0,
        "deadline": 10.0,
        "max_redirects": 5,
        "user_agent": "fetcher-tests/1.0",
        "per_host_delay": 0.0,
        "per_host_concurrency": 1,
        "ca_bundle": None,
    }
    values.update(overrides)
    return FetchPolicy(**values)


@pytest.fixture
def gate(tmp_path: Path) -> FileHostGate:
    return FileHostGate(tmp_path / "hosts", delay=0.0)


@pytest.fixture
def servers() -> Iterator[Callable[..., RawServer]]:
    started: list[RawServer] = []

    def start(handler: Any, **kwargs: Any) -> RawServer:
        server = RawServer(handler, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def web() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


class ConnectSpy:
    """Records every socket.connect address; only loopback addresses really connect."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []


@pytest.fixture
def connect_spy(monkeypatch: pytest.MonkeyPatch) -> ConnectSpy:
    spy = ConnectSpy()
    real = socket.socket.connect

    def connect(sock: socket.socket, address: Any) -> Any:
        spy.calls.append(tuple(address))
        host = str(address[0])
        if host.startswith("127.") or host == "::1":
            return real(sock, address)
        raise ConnectionRefusedError(111, "refused by test spy (no real network)")

    monkeypatch.setattr(socket.socket, "connect", connect)
    return spy


class CountingResolver:
    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, int]] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append((host, port))
        replies = self.answers.get(host)
        if not replies:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        index = min(len(self.calls_for(host)) - 1, len(replies) - 1)
        return list(replies[index])

    def calls_for(self, host: str) -> list[tuple[str, int]]:
        return [c for c in self.calls if c[0] == host]


# --------------------------------------------------------------------------- the address guard

LOOPBACK_AND_PRIVATE = [
    "http://127.0.0.1:{port}/",
    "http://localhost:{port}/",
    "http://LOCALHOST.:{port}/",
    "http://app.localhost:{port}/",
    "http://[::1]:{port}/",
    "http://127.1:{port}/",
    "http://2130706433:{port}/",
    "http://0x7f000001:{port}/",
    "http://0177.0.0.1:{port}/",
    "http://0x7f.1:{port}/",
    "http://１２７.０.０.１:{port}/",  # fullwidth digits: IDNA maps them to ASCII
    "http://127。0。0。1:{port}/",  # ideographic full stops
    "http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ:{port}/",
    "http://0.0.0.0:{port}/",
    "http://0:{port}/",
    "http://[::]:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://[::127.0.0.1]:{port}/",
    "http://[64:ff9b::7f00:1]:{port}/",
    "http://[64:ff9b:1::7f00:1]:{port}/",
    "http://[2002:7f00:1::]:{port}/",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:{port}/",  # Teredo, client 127.0.0.1
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://100.100.100.200/latest/meta-data/",
    "http://100.64.0.1/",
    "http://10.0.0.1/",
    "http://10.255.255.255/",
    "http://172.16.0.1/",
    "http://172.31.255.254/",
    "http://192.168.0.1/",
    "http://192.168.255.255/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "http://255.255.255.255/",
    "http://198.18.0.1/",
    "http://192.0.2.1/",
    "http://[2001:db8::1]/",
    "http://[fc00::1]/",
    "http://[fec0::1]/",
]


@pytest.mark.parametrize("template", LOOPBACK_AND_PRIVATE)
def test_it_refuses_loopback_private_and_metadata_addresses_before_any_socket_opens(
    template: str, servers: Callable[..., RawServer], connect_spy: ConnectSpy, gate: FileHostGate
) -> None:
    server = servers(respond(body=b"secret"))
    url = template.format(port=server.port)
    resolver = CountingResolver({"localhost": [["127.0.0.1", "::1"]], "app.localhost": [["127.0.0.1"]]})
    policy = make_policy(allowed_ports=frozenset({80, 443, server.port}))  # the port is fine, the address is not

    with pytest.raises(URLRefused) as caught:
        fetch(url, policy=policy, resolver=resolver, gate=gate)

    assert caught.value.code == "non_public_address"
    assert caught.value.permanent
    assert "not public" in str(caught.value) or "loopback" in str(caught.value)
    assert connect_spy.calls == []
    assert server.connections == 0


def test_the_local_test_server_is_reachable_once_allowlisted(
    servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    """Control for the test above: the same server does answer when its exact host:port is allowlisted."""
    server = servers(respond(body=b"secret"))
    result = fetch(f"http://127.0.0.1:{server.port}/", policy=make_policy(("127.0.0.1", server.port)), gate=gate)
    assert result.body == b"secret"
    assert server.connections == 1


def test_ipaddress_is_global_alone_would_let_embedded_loopback_through() -> None:
    # Documents why an explicit deny list is needed on this Python.
    slipping = ["::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "100.64.0.1"]
    for text in slipping:
        assert address_problem(text) is not None, text


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "64:ff9b::808:808", "::ffff:8.8.8.8", "2002:808:808::"],
)
def test_address_problem_allows_public_unicast(address: str) -> None:
    assert address_problem(address) is None


DENIED_V4 = [
    ipaddress.IPv4Network(n)
    for n in [
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "224.0.0.0/4",
        "240.0.0.0/4",
    ]
]


@st.composite
def denied_ipv4(draw: st.DrawFn) -> ipaddress.IPv4Address:
    net = draw(st.sampled_from(DENIED_V4))
    offset = draw(st.integers(min_value=0, max_value=net.num_addresses - 1))
    return net.network_address + offset


@given(inner=denied_ipv4())
def test_every_ipv6_wrapping_of_a_denied_ipv4_is_refused(inner: ipaddress.IPv4Address) -> None:
    value = int(inner)
    wrapped = [
        ipaddress.IPv6Address(0xFFFF << 32 | value),  # ::ffff:a.b.c.d
        ipaddress.IPv6Address(value if value > 1 else value | 0x100),  # ::a.b.c.d
        ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | value),  # NAT64
        ipaddress.IPv6Address(0x2002 << 112 | value << 80),  # 6to4
        ipaddress.IPv6Address(0x20010000 << 96 | (value ^ 0xFFFFFFFF)),  # Teredo client
    ]
    assert address_problem(inner) is not None
    for address in wrapped:
        assert address_problem(address) is not None, address


@given(inner=denied_ipv4(), form=st.sampled_from(["decimal", "hex", "octal", "short", "dotted-hex"]))
def test_numeric_spellings_of_denied_ipv4_addresses_are_refused(inner: ipaddress.IPv4Address, form: str) -> None:
    value = int(inner)
    a, b, c, d = inner.packed
    spelled = {
        "decimal": str(value),
        "hex": hex(value),
        "octal": "0" + oct(value)[2:],
        "short": f"{a}.{(b << 16) | (c << 8) | d}",
        "dotted-hex": f"{hex(a)}.{hex(b)}.{hex(c)}.{hex(d)}",
    }[form]
    with pytest.raises(URLRefused):
        validate_url(f"http://{spelled}/", make_policy())


def test_it_refuses_a_host_resolving_to_a_public_address_and_loopback(
    connect_spy: ConnectSpy, gate: FileHostGate
) -> None:
    resolver = CountingResolver({"mixed.example": [[PUBLIC_IP, "127.0.0.1"]]})
    with pytest.raises(URLRefused) as caught:
        fetch("http://mixed.example/", policy=make_policy(), resolver=resolver, gate=gate)
    assert "127.0.0.1" in str(caught.value)
    assert caught.value.code == "non_public_address"
    assert connect_spy.calls == []


def test_dns_rebinding_gets_one_lookup_and_the_connection_goes_to_the_validated_ip(
    connect_spy: ConnectSpy, gate: FileHostGate, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolver = CountingResolver({"rebind.example": [[PUBLIC_IP], ["127.0.0.1"]]})
    system_lookups: list[Any] = []
    real_getaddrinfo = socket.getaddrinfo

    def spy_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        system_lookups.append(host)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", spy_getaddrinfo)
    with pytest.raises(ConnectionFailed):  # the spy refuses the public IP: no real traffic
        fetch("http://rebind.example/", policy=make_policy(), resolver=resolver, gate=gate)

    assert resolver.calls == [("rebind.example", 80)]
    assert connect_spy.calls == [(PUBLIC_IP, 80)]
    assert "rebind.example" not in system_lookups  # nobody resolved the name a second time


def test_dns_rebinding_against_a_local_server_uses_the_first_answer(
    servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    server = servers(respond(body=b"pinned"))
    resolver = CountingResolver({"rebind.example": [["127.0.0.1"], ["127.0.0.2"]]})
    policy = make_policy(("rebind.example", server.port))
    result = fetch(f"http://rebind.example:{server.port}/", policy=policy, resolver=resolver, gate=gate)
    assert result.peer_ip == "127.0.0.1"
    assert result.body == b"pinned"
    assert len(resolver.calls) == 1
    assert header_value(server.requests[0], "Host") == f"rebind.example:{server.port}"


# --------------------------------------------------------------------------- URL syntax


@pytest.mark.parametrize(
    ("url", "code", "fragment"),
    [
        ("http://example.com:8080/", "url_port", "port 8080 is not allowed"),
        ("https://example.com:22/", "url_port", "port 22 is not allowed"),
        ("http://example.com:0/", "url_port", "invalid port"),
        ("http://example.com:99999/", "url_port", "invalid port"),
        ("http://example.com:80a/", "url_port", "invalid port"),
        ("http://user:pass@example.com/", "url_userinfo", "user name or password"),
        ("http://user@example.com/", "url_userinfo", "user name or password"),
        ("http://example.com@127.0.0.1/", "url_userinfo", "user name or password"),
        ("http://example.com\\@127.0.0.1/", "url_backslash", "backslash"),
        ("http:\\\\example.com/", "url_backslash", "backslash"),
        ("http://example.com/a\\b", "url_backslash", "backslash"),
        ("http://example.com/\r\nX-Injected: 1", "url_control_chars", "control characters"),
        ("http://example.com\n/", "url_control_chars", "control characters"),
        ("http://exa\tmple.com/", "url_control_chars", "control characters"),
        ("http://example.com/%0d%0a\x00", "url_control_chars", "control characters"),
        ("http://" + "a" * 60 + "." + ".".join(["b" * 60] * 4) + ".com/", "url_host_too_long", "longer than 253"),
        ("ftp://example.com/", "url_scheme", "only http and https"),
        ("file:///etc/passwd", "url_scheme", "only http and https"),
        ("gopher://example.com/", "url_scheme", "only http and https"),
        ("data:text/html,hi", "url_scheme", "only http and https"),
        ("javascript:alert(1)", "url_scheme", "only http and https"),
        ("//example.com/", "url_scheme", "must start with"),
        ("http:example.com", "url_syntax", "scheme://host"),
        ("http:///path", "url_host", "no host"),
        ("http://exa mple.com/", "url_host", "spaces"),
        ("http://%31%32%37.0.0.1/", "url_host", "percent"),
        ("http://[::1/", "url_host", "unterminated"),
        ("http://[fe80::1%25eth0]/", "url_host", "percent"),
        ("http://1.2.3.4.5/", "url_host", "not a valid IPv4"),
        ("http://256.256.256.256/", "url_host", "not a valid IPv4"),
        ("http://exa_mple!.com/", "url_host", "not a valid host name"),
        ("http://::1/", "url_host", "brackets"),
    ],
)
def test_it_rejects_bad_ports_userinfo_backslashes_crlf_and_long_hosts_with_a_clear_message(
    url: str, code: str, fragment: str
) -> None:
    with pytest.raises(URLRefused) as caught:
        validate_url(url, make_policy())
    assert caught.value.code == code, str(caught.value)
    assert fragment in str(caught.value)
    assert caught.value.permanent


def test_the_port_allow_list_is_configurable() -> None:
    policy = make_policy(allowed_ports=frozenset({443, 8443}))
    assert validate_url("https://example.com:8443/", policy).port == 8443
    with pytest.raises(URLRefused, match=r"port 80 is not allowed \(allowed ports: 443, 8443\)"):
        validate_url("http://example.com/", policy)


def test_fetch_errors_carry_code_message_permanence_and_retry_after() -> None:
    with pytest.raises(fetcher.FetchError) as caught:
        validate_url("http://user@example.com/", make_policy())
    exc = caught.value
    assert (exc.code, exc.permanent, exc.retry_after) == ("url_userinfo", True, None)
    assert exc.message == str(exc) == "URL must not contain a user name or password (userinfo)"
    assert not FetchTimeout("x").permanent and not ConnectionFailed("x").permanent
    assert TooLarge("x", limit=1).permanent and RedirectRefused("x", chain=[]).permanent
    assert TooManyRedirects("x", chain=[]).permanent


def test_url_refused_is_also_the_domain_refused_url_error() -> None:
    from factcheck.lib.errors import RefusedURL

    with pytest.raises(RefusedURL):
        validate_url("gopher://example.com/", make_policy())


def test_validate_url_normalises_hosts_ports_and_paths() -> None:
    parsed = validate_url("HTTPS://Straße.Example.:443/a b/é?q=1#frag", make_policy())
    assert parsed.scheme == "https"
    assert parsed.host == "xn--strae-oqa.example"
    assert parsed.port == 443
    assert parsed.target == "/a%20b/%C3%A9?q=1"
    assert parsed.url == "https://xn--strae-oqa.example/a%20b/%C3%A9?q=1"
    assert parsed.host_header == "xn--strae-oqa.example"
    assert validate_url("http://example.com", make_policy()).target == "/"


def test_a_host_of_exactly_253_characters_is_accepted() -> None:
    host = ".".join(["a" * 63] * 3 + ["b" * 61])
    assert len(host) == 253
    assert validate_url(f"http://{host}/", make_policy()).host == host


def test_the_allowlist_exempts_exactly_that_host_and_port() -> None:
    policy = make_policy(("127.0.0.1", 8123), ("localhost", 9000))
    assert validate_url("http://127.0.0.1:8123/", policy).allowlisted
    assert validate_url("http://localhost:9000/", policy).allowlisted
    with pytest.raises(URLRefused, match="port 8124 is not allowed"):
        validate_url("http://127.0.0.1:8124/", policy)
    with pytest.raises(URLRefused, match="port 8123 is not allowed"):
        validate_url("http://localhost:8123/", policy)
    with pytest.raises(URLRefused, match="not public"):
        validate_url("http://127.0.0.1/", policy)
    with pytest.raises(URLRefused, match="port 8123 is not allowed"):
        validate_url("http://127.0.0.2:8123/", policy)
    with pytest.raises(URLRefused, match="loopback name"):
        validate_url("http://localhost/", policy)


def test_parse_allowlist_reads_host_port_pairs() -> None:
    assert parse_allowlist(["localhost:8123", "127.0.0.1:80", "[::1]:8080", " News.Example:443 "]) == {
        ("localhost", 8123),
        ("127.0.0.1", 80),
        ("::1", 8080),
        ("news.example", 443),
    }
    assert parse_allowlist("a.example:1, b.example:2") == {("a.example", 1), ("b.example", 2)}
    assert parse_allowlist([]) == frozenset()
    for bad in ["localhost", "localhost:", "localhost:http", ":80", "host:70000"]:
        with pytest.raises(ValueError, match="FETCH_ALLOWLIST"):
            parse_allowlist([bad])


url_text = st.lists(
    st.sampled_from([*list("abcxyz019:/@?#[]%.\\-_ \r\n\t\x00é"), "http://", "https://", "127.0.0.1", "[::1]", ":80"]),
    max_size=25,
).map("".join)


@hsettings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text=url_text)
def test_validate_url_only_returns_safe_normalised_urls(text: str) -> None:
    policy = make_policy()
    try:
        parsed = validate_url(text, policy)
    except URLRefused as exc:
        assert str(exc)
        return
    assert parsed.scheme in {"http", "https"}
    assert parsed.port in policy.allowed_ports
    assert "@" not in parsed.host and "\\" not in parsed.url
    assert not any(ch in parsed.url for ch in "\r\n\t\x00 ")
    assert 0 < len(parsed.host) <= 253
    if parsed.ip is not None:
        assert address_problem(parsed.ip) is None
    assert validate_url(parsed.url, policy) == parsed  # idempotent


@given(
    position=st.integers(min_value=0, max_value=30),
    bad=st.sampled_from(["\r", "\n", "\r\n", "\\", "\x00", "\t"]),
)
def test_crlf_and_backslashes_anywhere_are_refused(position: int, bad: str) -> None:
    url = "https://news.example/path?q=1"
    position = min(position, len(url))
    with pytest.raises(URLRefused):
        validate_url(url[:position] + bad + url[position:], make_policy())


# --------------------------------------------------------------------------- redirects


def test_it_follows_relative_redirects_and_records_the_chain(web: HTTPServer, gate: FileHostGate) -> None:
    web.expect_request("/start").respond_with_data("", status=301, headers={"Location": "next/step"})
    web.expect_request("/next/step").respond_with_data("", status=302, headers={"Location": "/final?x=1"})
    web.expect_request("/final").respond_with_data("done", content_type="text/plain")
    base = f"http://127.0.0.1:{web.port}"
    result = fetch(f"{base}/start", policy=make_policy(("127.0.0.1", web.port)), gate=gate)
    assert result.status == 200
    assert result.body == b"done"
    assert result.final_url == f"{base}/final?x=1"
    assert result.requested_url == f"{base}/start"
    assert result.redirect_chain == [
        {"url": f"{base}/start", "status": 301, "location": f"{base}/next/step"},
        {"url": f"{base}/next/step", "status": 302, "location": f"{base}/final?x=1"},
    ]


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1/admin",
        "http://127.0.0.2:{port}/",
        "http://[::1]:{port}/",
        "http://localhost:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://2130706433/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_it_rejects_redirect_to_loopback(location: str, web: HTTPServer, gate: FileHostGate) -> None:
    location = location.format(port=web.port)
    web.expect_request("/go").respond_with_data("", status=302, headers={"Location": location})
    with pytest.raises(RedirectRefused) as caught:
        fetch(f"http://127.0.0.1:{web.port}/go", policy=make_policy(("127.0.0.1", web.port)), gate=gate)
    chain = caught.value.chain
    assert len(chain) == 1
    assert chain[0]["status"] == 302
    assert chain[0]["location"] == location
    assert chain[0]["blocked"]
    assert caught.value.permanent
    assert "refused" in str(caught.value)
    assert len(web.log) == 1


@pytest.mark.parametrize(
    "location",
    ["http://[::1", "http://[foo]/", "//[127.0.0.1]/", "http://[①②⑦.0.0.1]/", "http://[::1]x/"],
)
def test_a_redirect_to_a_malformed_bracketed_host_is_a_permanent_readable_refusal(
    location: str, servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    """urljoin raised ValueError on these before the URL was validated: the snapshot went *retrying* with
    "Unexpected error" and the hostile server was asked again on every attempt."""
    wire_value = location.encode("utf-8").decode("latin-1")  # the raw UTF-8 bytes, as a hostile server sends them
    server = servers(respond("302 Found", [("Location", wire_value)]))
    with pytest.raises(RedirectRefused) as caught:
        fetch(f"http://127.0.0.1:{server.port}/go", policy=make_policy(("127.0.0.1", server.port)), gate=gate)
    assert caught.value.permanent and caught.value.code == "redirect_refused"
    assert "refused" in str(caught.value) and caught.value.chain[-1]["blocked"]
    assert fetcher.decide(error=caught.value, attempt=1).kind == "permanent"
    assert len(server.requests) == 1


def test_it_rejects_redirect_to_a_name_that_resolves_to_loopback(web: HTTPServer, gate: FileHostGate) -> None:
    web.expect_request("/go").respond_with_data("", status=307, headers={"Location": "http://evil.example/"})
    resolver = CountingResolver({"evil.example": [["127.0.0.1"]], "start.example": [["127.0.0.1"]]})
    policy = make_policy(("start.example", web.port))
    with pytest.raises(RedirectRefused) as caught:
        fetch(f"http://start.example:{web.port}/go", policy=policy, resolver=resolver, gate=gate)
    assert caught.value.chain[-1]["location"] == "http://evil.example/"
    assert "127.0.0.1" in caught.value.chain[-1]["blocked"]
    assert resolver.calls_for("evil.example") == [("evil.example", 80)]
    assert len(web.log) == 1


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "gopher://127.0.0.1:70/_GET", "ftp://example.com/x", "data:text/html,<h1>hi</h1>"],
)
def test_it_rejects_redirect_to_non_http_schemes(location: str, web: HTTPServer, gate: FileHostGate) -> None:
    web.expect_request("/go").respond_with_data("", status=301, headers={"Location": location})
    with pytest.raises(RedirectRefused) as caught:
        fetch(f"http://127.0.0.1:{web.port}/go", policy=make_policy(("127.0.0.1", web.port)), gate=gate)
    assert caught.value.chain[-1]["location"].split(":")[0] == location.split(":")[0]
    assert "only http and https" in caught.value.chain[-1]["blocked"]


def test_it_stops_a_redirect_chain_longer_than_the_limit(web: HTTPServer, gate: FileHostGate) -> None:
    for i in range(10):
        web.expect_request(f"/r/{i}").respond_with_data("", status=302, headers={"Location": f"/r/{i + 1}"})
    policy = make_policy(("127.0.0.1", web.port), max_redirects=3)
    with pytest.raises(TooManyRedirects) as caught:
        fetch(f"http://127.0.0.1:{web.port}/r/0", policy=policy, gate=gate)
    chain = caught.value.chain
    assert [hop["url"].rsplit("/", 1)[-1] for hop in chain] == ["0", "1", "2", "3"]
    assert chain[-1]["blocked"] == "too many redirects"
    assert len(web.log) == 4
    assert caught.value.permanent


def test_it_stops_a_redirect_loop_and_records_the_chain(web: HTTPServer, gate: FileHostGate) -> None:
    web.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    web.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with pytest.raises(TooManyRedirects) as caught:
        fetch(f"http://127.0.0.1:{web.port}/a", policy=make_policy(("127.0.0.1", web.port)), gate=gate)
    assert caught.value.code == "redirect_loop"
    assert [hop["location"].rsplit("/", 1)[-1] for hop in caught.value.chain] == ["b", "a"]
    assert len(web.log) == 2


def test_a_redirect_without_location_is_returned_as_is(web: HTTPServer, gate: FileHostGate) -> None:
    web.expect_request("/x").respond_with_data("moved?", status=302)
    result = fetch(f"http://127.0.0.1:{web.port}/x", policy=make_policy(("127.0.0.1", web.port)), gate=gate)
    assert result.status == 302
    assert result.redirect_chain == []


# --------------------------------------------------------------------------- environment and settings


def test_it_ignores_http_proxy_in_the_environment(
    servers: Callable[..., RawServer], web: HTTPServer, gate: FileHostGate, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = servers(respond(body=b"from the proxy"))
    for name in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"]:
        monkeypatch.setenv(name, f"http://127.0.0.1:{proxy.port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    web.expect_request("/page").respond_with_data("direct")
    result = fetch(f"http://127.0.0.1:{web.port}/page", policy=make_policy(("127.0.0.1", web.port)), gate=gate)
    assert result.body == b"direct"
    assert proxy.connections == 0


def test_an_invalid_allowlist_setting_is_a_configuration_error(settings: Any) -> None:
    from django.core.exceptions import ImproperlyConfigured

    settings.FETCH_ALLOWLIST = ["no-port-here"]
    with pytest.raises(ImproperlyConfigured, match="host:port"):
        FetchPolicy.from_settings()


def test_fetch_allowlist_is_empty_in_default_settings() -> None:
    from django.conf import settings

    assert settings.FETCH_ALLOWLIST == []
    policy = FetchPolicy.from_settings()
    assert policy.allowlist == frozenset()
    assert policy.allowed_ports == frozenset({80, 443})
    with pytest.raises(URLRefused):
        validate_url("http://127.0.0.1/", policy)


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


def test_a_pdf_served_as_text_html_is_kept_raw_with_both_types_recorded(
    servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256))
    server = servers(respond(headers=[("Content-Type", "Text/HTML; charset=UTF-8")], body=pdf))
    result = fetch(f"http://127.0.0.1:{server.port}/", policy=make_policy(("127.0.0.1", server.port)), gate=gate)
    assert result.body == pdf
    assert result.content_type == "text/html"
    assert result.sniffed_type == "application/pdf"
    text, encoding = decode_text(result.body, result.response_headers)
    assert encoding == "utf-8" and text  # no crash, deterministic replacement


@pytest.mark.parametrize("content_type", [None, "", "garbage", "text/html; charset=no-such-charset", "image/png"])
def test_missing_or_wrong_content_type_and_binary_junk_do_not_crash(
    content_type: str | None, servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    junk = os.urandom(5000) + b"\x00\xff\xfe"
    headers = [] if content_type is None else [("Content-Type", content_type)]
    server = servers(respond(headers=headers, body=junk))
    result = fetch(f"http://127.0.0.1:{server.port}/", policy=make_policy(("127.0.0.1", server.port)), gate=gate)
    assert result.body == junk
    assert result.content_type == ("" if not content_type else content_type.split(";")[0].lower())
    text, encoding = decode_text(result.body, result.response_headers)
    assert isinstance(text, str) and encoding


def test_request_and_response_headers_are_recorded_as_exchanged(
    servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    server = servers(respond(headers=[("Set-Cookie", "a=1"), ("X-B", "2"), ("Set-Cookie", "c=3")], body=b"x"))
    resolver = CountingResolver({"news.example": [["127.0.0.1"]]})
    policy = make_policy(("news.example", server.port))
    result = fetch(f"http://news.example:{server.port}/p?q=1", policy=policy, resolver=resolver, gate=gate)
    sent = server.requests[0].decode("latin-1").split("\r\n")
    assert sent[0] == "GET /p?q=1 HTTP/1.1"
    received = [tuple(line.split(": ", 1)) for line in sent[1:] if line]
    assert received == result.request_headers
    assert result.request_headers[0] == ("Host", f"news.example:{server.port}")
    assert ("User-Agent", "fetcher-tests/1.0") in result.request_headers
    assert result.response_headers[:3] == [("Set-Cookie", "a=1"), ("X-B", "2"), ("Set-Cookie", "c=3")]
    assert result.http_version == "HTTP/1.1"
    assert result.reason == "OK"
    assert set(result.timings) >= {"dns", "connect", "total"}


@pytest.mark.parametrize(
    ("body", "headers", "expected_text", "expected_encoding"),
    [
        # BOM beats everything
        (b"\xef\xbb\xbfcaf\xc3\xa9", [("Content-Type", "text/html; charset=iso-8859-2")], "café", "utf-8"),
        ("\ufeffcafé".encode("utf-16-le"), [("Content-Type", "text/html; charset=utf-8")], "café", "utf-16-le"),
        ("\ufeffcafé".encode("utf-16-be"), [], "café", "utf-16-be"),
        # then the HTTP header
        (
            b'<meta charset="utf-8">caf\xe9',
            [("Content-Type", "text/html; charset=ISO-8859-1")],
            '<meta charset="utf-8">café',
            "cp1252",
        ),
        ("Привет".encode("koi8-r"), [("Content-Type", 'text/plain; charset="KOI8-R"')], "Привет", "koi8-r"),
        # then <meta>
        (
            b'<html><head><meta charset="windows-1251"></head>\xcf\xf0\xe8\xe2\xe5\xf2',
            [("Content-Type", "text/html")],
            '<html><head><meta charset="windows-1251"></head>Привет',
            "cp1251",
        ),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">\x93\xfa\x96\x7b',
            [("Content-Type", "text/html; charset=bogus")],
            '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">日本',
            "cp932",
        ),
        # then detection
        ("naïve café ünïcödé".encode(), [], "naïve café ünïcödé", "utf-8"),
    ],
)
def test_decode_text_prefers_bom_then_header_then_meta_then_detection(
    body: bytes, headers: list[tuple[str, str]], expected_text: str, expected_encoding: str
) -> None:
    assert decode_text(body, headers) == (expected_text, expected_encoding)


def test_decode_text_detects_a_legacy_encoding_without_declarations() -> None:
    sample = ("Съешь же ещё этих мягких французских булок, да выпей чаю. " * 20).encode("cp1251")
    text, encoding = decode_text(sample, [])
    assert "французских" in text
    assert encoding != "utf-8"


def test_invalid_bytes_decode_deterministically_while_the_body_stays_verbatim(
    servers: Callable[..., RawServer], gate: FileHostGate
) -> None:
    raw = b"<p>ok \xff\xfe broken \xc3( utf-8</p>"
    server = servers(respond(headers=[("Content-Type", "text/html; charset=utf-8")], body=raw))
    result = fetch(f"http://127.0.0.1:{server.port}/", policy=make_policy(("127.0.0.1", server.port)), gate=gate)
    assert result.body == raw
    first = decode_text(result.body, result.response_headers)
    assert first == decode_text(result.body, result.response_headers)
    assert first[0] == "<p>ok \ufffd\ufffd broken \ufffd( utf-8</p>"
    assert result.body == raw


@given(body=st.binary(max_size=400), charset=st.sampled_from(["", "utf-8", "latin1", "nope", "utf-16", "utf-7"]))
def test_decode_text_never_fails_and_is_deterministic(body: bytes, charset: str) -> None:
    headers = [("Content-Type", f"text/html; charset={charset}")] if charset else []
    first = decode_text(body, headers)
    assert first == decode_text(body, headers)
    assert first[1] != "utf-7"


# --------------------------------------------------------------------------- politeness


def two_host_setup(server: RawServer) -> tuple[CountingResolver, FetchPolicy]:
    resolver = CountingResolver({"a.example": [["127.0.0.1"]], "b.example": [["127.0.0.1"]]})
    policy = make_policy(("a.example", server.port), ("b.example", server.port), per_host_delay=0.6)
    return resolver, policy


def test_fetches_to_one_host_are_spaced_and_other_hosts_are_not_delayed(
    servers: Callable[..., RawServer], tmp_path: Path
) -> None:
    server = servers(respond(body=b"x"))
    resolver, policy = two_host_setup(server)
    gate = FileHostGate(tmp_path / "hosts", delay=policy.per_host_delay)
    base = f":{server.port}/"

    fetch("http://a.example" + base, policy=policy, resolver=resolver, gate=gate)
    started = time.monotonic()
    fetch("http://b.example" + base, policy=policy, resolver=resolver, gate=gate)
    other_host = time.monotonic() - started
    second = fetch("http://a.example" + base, policy=policy, resolver=resolver, gate=gate)

    times = server.request_times
    assert times[2] - times[0] >= 0.6 - 0.02
    assert other_host < 0.3
    assert second.timings["wait"] > 0.2


def test_concurrent_fetches_to_one_host_are_limited_and_other_hosts_run_in_parallel(
    servers: Callable[..., RawServer], tmp_path: Path
) -> None:
    def slow(conn: socket.socket, head: bytes, server: RawServer) -> None:
        server.wait(0.4)
        respond(body=b"done")(conn, head, server)

    server = servers(slow)
    resolver, policy = two_host_setup(server)
    policy = make_policy(*policy.allowlist, per_host_delay=0.0)
    gate = FileHostGate(tmp_path / "hosts", delay=0.0, concurrency=1)
    errors: list[BaseException] = []

    def run(host: str) -> None:
        try:
            fetch(f"http://{host}:{server.port}/", policy=policy, resolver=resolver, gate=gate)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(h,)) for h in ["a.example", "a.example", "a.example"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors
    assert server.max_active == 1
    same_host_times = sorted(server.request_times)
    assert same_host_times[-1] - same_host_times[0] >= 0.75

    server.max_active = 0
    threads = [threading.Thread(target=run, args=(h,)) for h in ["a.example", "b.example"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors
    assert server.max_active == 2


def test_the_file_gate_spaces_separate_processes(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from sources.fetcher import FileHostGate\n"
        "gate = FileHostGate(sys.argv[1], delay=0.5)\n"
        "with gate.slot('news.example'):\n"
        "    print(time.time(), flush=True)\n"
    )
    repo = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings"}
    procs = [
        subprocess.Popen(
            [os.sys.executable, "-c", script, str(tmp_path / "hosts"), repo],  # type: ignore[attr-defined]
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    stamps = sorted(float(p.communicate(timeout=30)[0].strip()) for p in procs)
    assert stamps[1] - stamps[0] >= 0.45


def test_the_default_gate_uses_file_locks_under_var_dir_without_redis(settings: Any, tmp_path: Path) -> None:
    settings.REDIS_URL = ""
    settings.VAR_DIR = tmp_path
    gate = fetcher.default_gate(make_policy(per_host_delay=0.25))
    assert isinstance(gate, FileHostGate)
    assert gate.directory == tmp_path / "hosts"
    assert gate.delay == 0.25


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(5)


def test_the_redis_gate_spaces_one_host_and_leaves_others_alone(redis_url: str, settings: Any) -> None:
    import redis

    settings.REDIS_URL = redis_url
    gates._gate_cache.clear()
    gate = fetcher.default_gate(make_policy(per_host_delay=0.5))
    assert isinstance(gate, RedisHostGate)
    gate2 = RedisHostGate(redis.Redis.from_url(redis_url), delay=0.5)
    starts: dict[str, list[float]] = {"a": [], "b": []}
    with gate.slot("a.example"):
        starts["a"].append(time.monotonic())
    began = time.monotonic()
    with gate2.slot("b.example"):
        starts["b"].append(time.monotonic())
    assert starts["b"][0] - began < 0.2
    with gate2.slot("a.example") as waited:
        starts["a"].append(time.monotonic())
    assert starts["a"][1] - starts["a"][0] >= 0.45
    assert waited > 0.2
    gates._gate_cache.clear()


def test_a_redis_slot_outlives_its_lease_while_the_holder_lives_and_frees_within_it_when_killed(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    holder = (
        "import sys, time, redis\n"
        "from sources.fetcher import RedisHostGate\n"
        f"gate = RedisHostGate(redis.Redis.from_url({redis_url!r}), delay=0, lease=1.0)\n"
        "with gate.slot('killed.example'):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder], cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "held"
        time.sleep(2.0)  # twice the lease: the holder's renewals keep the slot
        with pytest.raises(HostBusy), RedisHostGate(client, delay=0, lease=1.0, max_wait=0.3).slot("killed.example"):
            pass
    finally:
        proc.kill()
        proc.wait(5)
    killed = time.monotonic()
    with RedisHostGate(client, delay=0, lease=1.0, max_wait=5.0).slot("killed.example") as waited:
        freed_after = time.monotonic() - killed
    assert freed_after <= 1.0 + 0.3  # one lease (the dead holder's last renewal) and the polling step
    assert waited <= 1.0 + 0.3
    assert not list(client.scan_iter("factcheck:fetchgate:*:slot:*"))  # released on exit


def test_a_redis_slot_is_released_only_by_its_holder(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    gate = RedisHostGate(client, delay=0, lease=1.0)
    with gate.slot("shared.example"):
        (slot_key,) = client.scan_iter("factcheck:fetchgate:*:slot:*")
        client.set(slot_key, "someone-else", px=5000)  # our lease ran out and another worker took the slot
    assert client.get(slot_key) == b"someone-else"
    time.sleep(0.5)  # our renewer must not extend the other holder's lease either
    assert 0 < client.pttl(slot_key) <= 4500


def test_the_default_redis_gate_uses_a_short_lease(redis_url: str, settings: Any) -> None:
    settings.REDIS_URL = redis_url
    gates._gate_cache.clear()
    gate = fetcher.default_gate(make_policy(deadline=60.0))
    assert isinstance(gate, RedisHostGate)
    assert gate.lease_ms == int(fetcher.REDIS_SLOT_LEASE * 1000) <= 15_000
    gates._gate_cache.clear()
