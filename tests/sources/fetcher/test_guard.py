"""sources.fetcher.guard and policy: the address guard, URL syntax, the allow-list and settings."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any

import pytest
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
    RedirectRefused,
    TooLarge,
    TooManyRedirects,
    URLRefused,
    address_problem,
    fetch,
    parse_allowlist,
    validate_url,
)
from tests.sources.fetcher.support import PUBLIC_IP, ConnectSpy, CountingResolver, make_policy
from tests.sources.hostile_server import (
    RawServer,
    header_value,
    respond,
)

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
