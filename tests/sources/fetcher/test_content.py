"""sources.fetcher.content and what fetch() records: content types, sniffing, headers, charsets."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sources.fetcher import (
    FileHostGate,
    decode_text,
    fetch,
)
from tests.sources.fetcher.support import CountingResolver, make_policy
from tests.sources.hostile_server import (
    RawServer,
    respond,
)


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
