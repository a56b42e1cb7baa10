"""Tests for sources.archiving.warc: files must pass `warcio check`/`warcio index` and round-trip the payload."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from sources.archiving.warc import CaptureInput, decode_warc_fields, read_metadata, read_payload, write_warc

WARCIO = str(Path(sys.executable).with_name("warcio"))

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _capture(body: bytes, **overrides: object) -> CaptureInput:
    values: dict[str, object] = {
        "target_url": "https://www.example.org/news/2024/story.html?id=3",
        "status": 200,
        "reason": "OK",
        "body": body,
        "fetched_at": datetime(2024, 5, 17, 8, 30, 12, 123456, tzinfo=UTC),
        "request_headers": [("User-Agent", "factcheck-bot/1.0"), ("Accept-Encoding", "gzip, br")],
        "response_headers": [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Length", "999"),
            ("Set-Cookie", "a=1"),
            ("Set-Cookie", "b=2"),
        ],
        "http_version": "HTTP/1.1",
        "content_encoding": "gzip",
        "peer_ip": "203.0.113.7",
        "redirect_chain": [{"url": "http://example.org/s", "status": 301, "location": "https://www.example.org/news"}],
        "timings": {"connect": 0.012, "total": 0.25},
        "robots": "allowed",
        "fetcher_version": "fetcher/0.1",
    }
    values.update(overrides)
    return CaptureInput(**values)  # type: ignore[arg-type]


def _records(path: Path) -> list[tuple[str, dict[str, str], object, bytes]]:
    out = []
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            headers = dict(record.rec_headers.headers)
            out.append((record.rec_type, headers, record.http_headers, record.content_stream().read()))
    return out


def _warcio(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([WARCIO, *args], capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(
    "body",
    [
        b"<!doctype html><html><head><title>t</title></head><body><p>Bonjour \xc3\xa9t\xc3\xa9</p></body></html>",
        bytes(range(256)) * 64 + b"\r\n\r\nWARC/1.1\r\n" + os.urandom(4096),
        PDF,
        b"",
    ],
    ids=["html", "binary-junk", "pdf", "empty"],
)
def test_written_warc_is_valid_and_round_trips(tmp_path: Path, body: bytes) -> None:
    target = tmp_path / "captures" / "snap.warc.gz"
    info = write_warc(target, capture=_capture(body))

    assert target.exists()
    assert [p.name for p in target.parent.iterdir()] == ["snap.warc.gz"]  # no temp file left behind
    raw = target.read_bytes()
    assert raw[:2] == b"\x1f\x8b"
    assert info.size == len(raw)
    assert info.sha256 == hashlib.sha256(raw).hexdigest()
    assert info.payload_sha256 == hashlib.sha256(body).hexdigest()
    assert info.payload_length == len(body)

    check = _warcio("check", "-v", str(target))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "digest pass" in check.stdout
    index = _warcio("index", str(target))
    assert index.returncode == 0, index.stderr
    types = [json.loads(line)["warc-type"] for line in index.stdout.splitlines()]
    assert types == ["warcinfo", "request", "response", "metadata"]

    records = _records(target)
    by_type = {rec_type: (headers, http, payload) for rec_type, headers, http, payload in records}
    resp_headers, resp_http, resp_body = by_type["response"]
    assert resp_body == body
    expected_digest = "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()
    assert resp_headers["WARC-Payload-Digest"] == expected_digest == info.payload_digest
    assert resp_headers["WARC-Target-URI"] == "https://www.example.org/news/2024/story.html?id=3"
    assert resp_headers["WARC-IP-Address"] == "203.0.113.7"
    assert resp_headers["WARC-Date"] == "2024-05-17T08:30:12.123456Z" == info.warc_date
    assert resp_headers["WARC-Record-ID"] == info.response_record_id
    warcinfo_id = by_type["warcinfo"][0]["WARC-Record-ID"]
    for rec_type in ("request", "metadata"):
        headers = by_type[rec_type][0]
        assert headers["WARC-Concurrent-To"] == info.response_record_id
        assert headers["WARC-Target-URI"] == resp_headers["WARC-Target-URI"]
        assert headers["WARC-Warcinfo-ID"] == warcinfo_id
    assert by_type["metadata"][0]["WARC-Refers-To"] == info.response_record_id
    assert by_type["metadata"][0]["Content-Type"] == "application/warc-fields"

    # Stored body is decoded: encoding headers are gone and Content-Length matches what is stored.
    stored = resp_http.headers  # type: ignore[attr-defined]
    names = [name.lower() for name, _ in stored]
    assert "content-encoding" not in names and "transfer-encoding" not in names
    assert ("Content-Length", str(len(body))) in stored
    assert names.count("set-cookie") == 2
    assert resp_http.get_statuscode() == "200"  # type: ignore[attr-defined]

    request_http = by_type["request"][1]
    assert request_http.protocol == "GET"  # type: ignore[attr-defined]
    assert request_http.statusline == "/news/2024/story.html?id=3 HTTP/1.1"  # type: ignore[attr-defined]

    meta = decode_warc_fields(by_type["metadata"][2])
    assert meta == read_metadata(target)
    assert meta["original_content_encoding"] == "gzip"
    assert meta["dropped_response_headers"]["content-length"] == ["999"]
    assert meta["redirect_chain"][0]["status"] == 301
    assert meta["robots"] == "allowed"
    assert meta["peer_ip"] == "203.0.113.7"
    assert meta["timings"]["total"] == 0.25
    assert meta["fetcher_version"] == "fetcher/0.1"
    assert meta["payload_sha256"] == info.payload_sha256
    assert meta["payload_length"] == len(body)
    assert meta["http_version"] == "HTTP/1.1"

    headers, payload = read_payload(target)
    assert payload == body
    assert ("Content-Type", "text/html; charset=utf-8") in headers
    assert read_payload(target, max_bytes=3)[1] == body[:3]


def test_optional_fields_and_header_injection(tmp_path: Path) -> None:
    capture = _capture(
        b"hello",
        peer_ip=None,
        http_version=11,
        reason="",
        status=404,
        request_headers=[("X-Evil", "a\r\nWARC-Type: response")],
        response_headers=[("Content-Type", "text/plain")],
        fetched_at=datetime(2024, 1, 1, 12, 0, 0),
        redirect_chain=[{"at": datetime(2024, 1, 1, tzinfo=UTC)}],
    )
    info = write_warc(tmp_path / "x.warc.gz", capture=capture)
    assert _warcio("check", str(info.path)).returncode == 0
    records = _records(info.path)
    assert [r[0] for r in records] == ["warcinfo", "request", "response", "metadata"]
    response = records[2]
    assert "WARC-IP-Address" not in response[1]
    assert response[2].statusline == "404 Not Found"  # type: ignore[attr-defined]
    request_http = records[1][2]
    assert request_http.get_header("X-Evil") == "a WARC-Type: response"  # type: ignore[attr-defined]


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    class Boom:
        def __str__(self) -> str:
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_warc(tmp_path / "bad.warc.gz", capture=_capture(b"x", fetcher_version=Boom()))
    assert list(tmp_path.iterdir()) == []


def test_read_payload_without_response(tmp_path: Path) -> None:
    info = write_warc(tmp_path / "ok.warc.gz", capture=_capture(b"abc"))
    # Keep only the first (warcinfo) gzip member: a valid WARC without a response record.
    first_member_end = _warcio("index", str(info.path)).stdout.splitlines()[1]
    offset = int(json.loads(first_member_end)["offset"])
    only_info = tmp_path / "info.warc.gz"
    only_info.write_bytes(info.path.read_bytes()[:offset])
    with pytest.raises(ValueError, match="no WARC response"):
        read_payload(only_info)


def test_overwrites_atomically(tmp_path: Path) -> None:
    target = tmp_path / "same.warc.gz"
    write_warc(target, capture=_capture(b"first"))
    info = write_warc(target, capture=_capture(b"second"))
    assert read_payload(target)[1] == b"second"
    assert info.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()


def test_metadata_keeps_every_fact_exactly_even_hostile_text(tmp_path: Path) -> None:
    hostile = "allowed\r\nWARC-Type: response\r\n\r\nété"
    capture = _capture(
        b"x",
        robots=hostile,
        redirect_chain=[{"url": "http://a.example/\u2028", "status": 302, "headers": [["X", "1"]]}],
        extra_metadata={"requested_url": "http://a.example/", "snapshot_id": 42},
    )
    info = write_warc(tmp_path / "m.warc.gz", capture=capture)
    meta = read_metadata(info.path)
    assert meta["robots"] == hostile
    assert meta["redirect_chain"] == [{"url": "http://a.example/\u2028", "status": 302, "headers": [["X", "1"]]}]
    assert meta["requested_url"] == "http://a.example/" and meta["snapshot_id"] == 42
    assert meta["dropped_response_headers"] == {
        "content-encoding": ["gzip"],
        "transfer-encoding": ["chunked"],
        "content-length": ["999"],
    }
    assert [r[0] for r in _records(info.path)] == ["warcinfo", "request", "response", "metadata"]


def test_metadata_name_that_is_not_a_field_token_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a WARC field name"):
        write_warc(tmp_path / "bad.warc.gz", capture=_capture(b"x", extra_metadata={"bad: name": 1}))
    assert list(tmp_path.iterdir()) == []
