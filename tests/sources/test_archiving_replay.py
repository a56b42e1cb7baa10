"""Our WARCs replay as the page: a replay indexer resolves the page's URL to the response record, not our metadata.

Replay tools (pywb ``wb-manager add`` + ``wayback``, replayweb.page) index a WARC into CDXJ lines and serve, for a
URL, the capture its line points at. The indexer here is ``cdxj-indexer`` (Webrecorder's, the same record filter as
pywb 2.10's own indexer); pywb itself is not installed because it pins ``redis<3`` and gevent, which would replace
the Redis client Celery needs. Reading the indexed record back at the line's offset/length is what replay does.
"""

from __future__ import annotations

import gzip
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cdxj_indexer.main import CDXJIndexer
from django.core.management import call_command
from pytest_httpserver import HTTPServer
from warcio.archiveiterator import ArchiveIterator

from sources.archiving.warc import CaptureInput, read_metadata, write_warc

URL = "https://www.example.org/news/2024/story.html?id=3"


def _index(warc: Path) -> list[tuple[str, str, dict[str, str]]]:
    out = io.StringIO()
    CDXJIndexer(out, [str(warc)]).process_all()
    rows = []
    for line in out.getvalue().splitlines():
        urlkey, timestamp, fields = line.split(" ", 2)
        rows.append((urlkey, timestamp, json.loads(fields)))
    return rows


def _replay(warc: Path, url: str) -> tuple[dict[str, str], Any]:
    """The capture row replay picks for ``url`` and the record read at its offset/length."""
    rows = [fields for _, _, fields in _index(warc) if fields["url"] == url]
    assert len(rows) == 1, rows  # one capture of the page: nothing else competes for the URL
    row = rows[0]
    with open(warc, "rb") as stream:
        stream.seek(int(row["offset"]))
        member = stream.read(int(row["length"]))
    record = next(iter(ArchiveIterator(io.BytesIO(member))))
    return row, record


@pytest.mark.parametrize(
    ("body", "content_type", "mime"),
    [
        ("<!doctype html><p>Bonjour été</p>".encode(), "text/html; charset=utf-8", "text/html"),
        (b"%PDF-1.4\n%%EOF\n", "application/pdf", "application/pdf"),
        (bytes(range(256)) * 8 + b"\r\n\r\nWARC/1.1\r\n", "application/octet-stream", "application/octet-stream"),
    ],
    ids=["html", "pdf", "binary"],
)
def test_the_pages_url_replays_the_response_record(tmp_path: Path, body: bytes, content_type: str, mime: str) -> None:
    capture = CaptureInput(
        target_url=URL,
        status=200,
        body=body,
        fetched_at=datetime(2024, 5, 17, 8, 30, 12, tzinfo=UTC),
        response_headers=[("Content-Type", content_type), ("Content-Encoding", "gzip")],
        content_encoding="gzip",
        robots="allowed",
        peer_ip="203.0.113.7",
    )
    info = write_warc(tmp_path / "snap.warc.gz", capture=capture)

    row, record = _replay(info.path, URL)

    assert (row["mime"], row["status"], row["digest"]) == (mime, "200", info.payload_digest)
    assert record.rec_type == "response"
    assert record.rec_headers.get_header("WARC-Record-ID") == info.response_record_id
    assert record.http_headers.get_statuscode() == "200"
    assert record.http_headers.get_header("Content-Type") == content_type
    assert record.content_stream().read() == body
    # The metadata is still in the file, facts intact, but it is no capture replay could serve.
    assert all(fields["mime"] != "application/json" for _, _, fields in _index(info.path))
    assert read_metadata(info.path)["original_content_encoding"] == "gzip"


@pytest.mark.django_db
def test_an_archived_page_replays_with_the_bytes_the_reader_saw(site: HTTPServer) -> None:
    page = "<!doctype html><html><head><title>Port</title></head><body><p>Le port a traité 4,2 millions.</p>"
    site.expect_request("/port").respond_with_data(
        gzip.compress(page.encode()),
        headers={"Content-Encoding": "gzip"},
        content_type="text/html; charset=utf-8",
    )
    out = io.StringIO()
    call_command("archive_url", site.url_for("/port"), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["status"] == "archived"

    row, record = _replay(Path(data["warc"]), site.url_for("/port"))

    assert (row["mime"], row["status"]) == ("text/html", "200")
    assert record.rec_type == "response"
    assert record.http_headers.get_header("Content-Type") == "text/html; charset=utf-8"
    assert record.content_stream().read() == page.encode()
