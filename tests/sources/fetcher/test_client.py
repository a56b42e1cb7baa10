"""sources.fetcher.client: redirects followed one hop at a time, each checked again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytest_httpserver import HTTPServer

from sources import fetcher
from sources.fetcher import (
    FileHostGate,
    RedirectRefused,
    TooManyRedirects,
    fetch,
)
from tests.sources.fetcher.support import CountingResolver, make_policy
from tests.sources.hostile_server import (
    RawServer,
    respond,
)

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
