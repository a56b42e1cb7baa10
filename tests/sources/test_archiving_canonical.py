"""Tests for sources.archiving.canonical (pure, no database)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sources.archiving.canonical import TRACKING_PARAMS, canonicalize, domain_of, find_rel_canonical
from sources.fetcher.errors import URLRefused
from sources.fetcher.guard import parse_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://Example.COM", "http://example.com/"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a#section-2", "https://example.com/a"),
        ("https://example.com/%7euser/%2fx", "https://example.com/~user/%2Fx"),
        ("https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"),
        ("https://example.com/café", "https://example.com/caf%C3%A9"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://Bücher.example/x", "https://xn--bcher-kva.example/x"),
        ("https://straße.de/", "https://xn--strae-oqa.de/"),
        ("https://example.com./x", "https://example.com/x"),
        ("  https://example.com/x  ", "https://example.com/x"),
        (
            "https://www.lemonde.fr/a.html?utm_source=tw&utm_medium=social&id=3&fbclid=AbC&xtor=RSS-1",
            "https://www.lemonde.fr/a.html?id=3",
        ),
        (
            "https://e.com/?gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&igshid=6&_ga=7&yclid=8&ref_src=9",
            "https://e.com/",
        ),
        ("https://e.com/?UTM_Source=x&b=2&a=1", "https://e.com/?b=2&a=1"),
        ("https://e.com/?utm%5Fsource=x&q=1", "https://e.com/?q=1"),
        ("https://e.com/?z=1&a=2&m=3", "https://e.com/?z=1&a=2&m=3"),
        ("https://e.com/?q=a+b&r=%2f%26", "https://e.com/?q=a+b&r=%2F%26"),
        ("https://e.com/?&&a=1&", "https://e.com/?a=1"),
        ("http://[2001:DB8::1]:80/x", "http://[2001:db8::1]/x"),
    ],
)
def test_canonicalize_examples(raw: str, expected: str) -> None:
    assert canonicalize(raw) == expected
    assert canonicalize(expected) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "example.com/x",
        "ftp://example.com/",
        "mailto:a@b.c",
        "http://",
        "http://h:99999/",
        "http://a..b/",
        "http://exa mple.com/",
        "http://exa\nmple.com/",
        "javascript:alert(1)",
    ],
)
def test_canonicalize_rejects_unusable_input(bad: str) -> None:
    with pytest.raises(ValueError, match=r"URL"):
        canonicalize(bad)


def test_canonicalize_rejects_non_string() -> None:
    with pytest.raises(ValueError, match="string"):
        canonicalize(None)  # type: ignore[arg-type]


def test_domain_of() -> None:
    assert domain_of("https://WWW.LeMonde.fr/politique/article?utm_source=x") == "lemonde.fr"
    assert domain_of("https://news.example.co.uk:8080/") == "news.example.co.uk"
    assert domain_of("https://www.com/") == "www.com"
    assert domain_of("http://[::1]:8000/") == "[::1]"
    with pytest.raises(ValueError):
        domain_of("not a url")


def test_find_rel_canonical() -> None:
    html = (
        "<!doctype html><html><head><title>x</title>"
        '<link rel="alternate" href="/amp">'
        '<link rel="Canonical" href="/2024/05/story.html?utm_source=feed#top">'
        "</head><body><p>hello</p></body></html>"
    )
    assert find_rel_canonical(html, "https://Example.com/amp/story") == "https://example.com/2024/05/story.html"


def test_find_rel_canonical_uses_base_href_and_ignores_body_links() -> None:
    html = '<html><head><base href="https://cdn.example.org/news/"><link rel="canonical" href="a.html"></head></html>'
    assert find_rel_canonical(html, "https://example.com/") == "https://cdn.example.org/news/a.html"
    assert find_rel_canonical("<html><head></head><body></body></html>", "https://e.com/") is None
    assert find_rel_canonical("", "https://e.com/") is None
    assert find_rel_canonical('<link rel="canonical" href="javascript:void(0)">', "https://e.com/") is None
    assert find_rel_canonical("\x00\x01 junk", "https://e.com/") is None


# --- properties -------------------------------------------------------------------------------------------------

_label = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789é-", min_size=1, max_size=10)
_hosts = st.lists(_label.filter(lambda s: not s.startswith("-") and not s.endswith("-")), min_size=1, max_size=3).map(
    ".".join
)
_chars = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20)
_keys = st.one_of(st.sampled_from([*sorted(TRACKING_PARAMS), "utm_source", "utm_campaign", "UTM_Term"]), _chars)
_params = st.lists(st.tuples(_keys, _chars), max_size=6)


@st.composite
def urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "HttpS"]))
    host = draw(_hosts)
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    path = draw(st.lists(_chars, max_size=4).map(lambda parts: "/" + "/".join(parts)))
    params = draw(_params)
    query = "&".join(f"{k}={v}" for k, v in params)
    fragment = draw(_chars)
    return f"{scheme}://{host}{port}{path}" + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


def _valid(url: str) -> str | None:
    try:
        return canonicalize(url)
    except ValueError:
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(urls())
def test_canonicalize_is_idempotent_and_strips_tracking_and_fragments(url: str) -> None:
    once = _valid(url)
    if once is None:
        return
    assert canonicalize(once) == once
    parts = urlsplit(once)
    assert "#" not in once and parts.fragment == ""
    assert parts.scheme in {"http", "https"}
    assert parts.path.startswith("/")
    assert parts.port != {"http": 80, "https": 443}[parts.scheme]
    for key, _value in parse_qsl(parts.query, keep_blank_values=True):
        low = key.strip().lower()
        assert low not in TRACKING_PARAMS
        assert not low.startswith("utm_")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_canonicalize_never_crashes_with_other_errors(raw: str) -> None:
    result = _valid(raw)
    if result is not None:
        assert canonicalize(result) == result


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("https://user:secret@example.com/a", "userinfo"),
        ("https://@example.com/a", "userinfo"),
        ("https://example.com\\@evil.example/", "backslash"),
        ("http://[::1/", "IPv6"),
        ("http://[foo]/", "IPv6"),
        ("http://ex%41mple.com/", "percent"),
        ("http://1.2.3.999/", "IPv4"),
    ],
)
def test_canonicalize_refuses_what_the_fetcher_refuses_with_its_reason(raw: str, reason: str) -> None:
    with pytest.raises(URLRefused, match=reason):
        parse_url(raw)
    with pytest.raises(ValueError, match=reason):
        canonicalize(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://0x7f.1/a", "http://127.0.0.1/a"),
        ("http://2130706433:8080/", "http://127.0.0.1:8080/"),
        ("https://[0:0::1]/", "https://[::1]/"),
    ],
)
def test_canonical_host_is_the_host_the_fetcher_would_contact(raw: str, expected: str) -> None:
    assert canonicalize(raw) == expected
    parts = parse_url(expected)
    assert canonicalize(raw) == f"{parts.scheme}://{urlsplit(expected).netloc}{parts.remainder}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(urls())
def test_canonicalize_and_the_fetcher_guard_accept_the_same_urls(url: str) -> None:
    try:
        parse_url(url.strip())
        guard_accepts = True
    except URLRefused:
        guard_accepts = False
    assert (_valid(url) is not None) == guard_accepts
