"""Write one capture (request + response + fetch metadata) as a standalone gzipped WARC/1.1 file.

A WARC is the archival format courts, the Internet Archive and replay tools understand, so each snapshot of a source
keeps its exact bytes and the circumstances of the fetch (redirects, peer IP, robots decision, timings) in a file
that can be handed over and re-verified independently of our database. One capture = one small file, written
atomically (temp file in the same folder + ``os.replace``) so a crash never leaves a half-written archive behind.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

__all__ = ["SOFTWARE", "CaptureInput", "WarcInfo", "read_payload", "write_warc"]

SOFTWARE = "factcheck-workbench sources.archiving.warc/1"

# Hop-by-hop / encoding headers that no longer describe the stored body (see ``_stored_response_headers``).
_DROPPED_RESPONSE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_datasync = getattr(os, "fdatasync", os.fsync)  # fdatasync skips the inode times; macOS only has fsync
_REASONS = {200: "OK", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 404: "Not Found"}


@dataclass(frozen=True, slots=True)
class CaptureInput:
    """Everything the fetcher knows about one HTTP exchange. ``body`` is already content-decoded (gzip/br removed)."""

    target_url: str
    status: int
    body: bytes
    fetched_at: datetime
    request_headers: Sequence[tuple[str, str]] = ()
    response_headers: Sequence[tuple[str, str]] = ()
    method: str = "GET"
    http_version: str = "HTTP/1.1"
    reason: str = ""
    content_encoding: str = ""
    peer_ip: str | None = None
    redirect_chain: Sequence[Mapping[str, Any]] = ()
    timings: Mapping[str, Any] = field(default_factory=dict)
    robots: str = ""
    fetcher_version: str = ""
    extra_metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WarcInfo:
    """What the caller stores about the written file (hashes are lower-case hex)."""

    path: Path
    sha256: str
    size: int
    payload_sha256: str
    payload_length: int
    payload_digest: str  # the WARC-Payload-Digest header value (``sha1:<base32>``)
    response_record_id: str
    warc_date: str


class _HashingWriter:
    """File-like sink that hashes and counts what warcio writes, so the file is not read back to hash it."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.size += len(data)
        return self._raw.write(data)

    def flush(self) -> None:
        self._raw.flush()


def _clean(value: object) -> str:
    """Header values must not carry CR/LF (header injection into the archive) and must be strings."""
    return " ".join(str(value).replace("\r", " ").replace("\n", " ").split())


def _http_version(raw: str | int) -> str:
    """Accept ``HTTP/1.1``, ``1.1`` or urllib3's integer ``11``; WARC tools expect ``HTTP/x.y`` status lines."""
    text = str(raw).strip().upper()
    mapping = {"9": "HTTP/0.9", "10": "HTTP/1.0", "11": "HTTP/1.1", "20": "HTTP/2", "2": "HTTP/2", "3": "HTTP/3"}
    if text in mapping:
        return mapping[text]
    if text.startswith("HTTP/"):
        return text
    return f"HTTP/{text}" if text else "HTTP/1.1"


def _stored_response_headers(
    headers: Iterable[tuple[str, str]], body_length: int
) -> tuple[list[tuple[str, str]], dict]:
    """HTTP headers as stored in the WARC response record.

    We store the body *decoded* (the fetcher hands us decompressed bytes and that is what readers, hashing and replay
    need). Keeping ``Content-Encoding: gzip`` or ``Transfer-Encoding: chunked`` would make every WARC reader try to
    decode the payload again and fail, and the original ``Content-Length`` would be wrong, so those headers are
    dropped, ``Content-Length`` is set to the stored length, and the original values go into the metadata record.
    """
    kept: list[tuple[str, str]] = []
    dropped: dict[str, list[str]] = {}
    for name, value in headers:
        key = _clean(name)
        if not key:
            continue
        if key.lower() in _DROPPED_RESPONSE_HEADERS:
            dropped.setdefault(key.lower(), []).append(_clean(value))
            continue
        kept.append((key, _clean(value)))
    kept.append(("Content-Length", str(body_length)))
    return kept, dropped


def _request_line(method: str, url: str, version: str) -> str:
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return f"{_clean(method).upper() or 'GET'} {target} {version}"


def _warc_date(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return str(datetime_to_iso_date(moment, use_micros=True))


def write_warc(path: Path, *, capture: CaptureInput) -> WarcInfo:
    """Write ``capture`` as ``warcinfo`` + ``request`` + ``response`` + ``metadata`` records into a gzipped WARC.

    The request and metadata records carry ``WARC-Concurrent-To`` pointing at the response record; all records share
    the target URI, the capture date and (when known) the peer IP. The file appears at ``path`` only when complete.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = bytes(capture.body)
    payload_sha256 = hashlib.sha256(body).hexdigest()
    version = _http_version(capture.http_version)
    warc_date = _warc_date(capture.fetched_at)
    stored_headers, dropped = _stored_response_headers(capture.response_headers, len(body))
    ip_header = {"WARC-IP-Address": _clean(capture.peer_ip)} if capture.peer_ip else {}

    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp_path = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            sink = _HashingWriter(raw)
            writer = WARCWriter(sink, gzip=True, warc_version="1.1")

            info = writer.create_warcinfo_record(
                path.name,
                {
                    "software": SOFTWARE,
                    "format": "WARC File Format 1.1",
                    "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                    "http-header-user-agent": next(
                        (_clean(v) for k, v in capture.request_headers if k.lower() == "user-agent"), ""
                    ),
                    "fetcher-version": _clean(capture.fetcher_version),
                },
            )
            info.rec_headers.replace_header("WARC-Date", warc_date)
            info_id = info.rec_headers.get_header("WARC-Record-ID")
            writer.write_record(info)

            common = {"WARC-Date": warc_date, "WARC-Warcinfo-ID": info_id, **ip_header}
            reason = _clean(capture.reason) or _REASONS.get(capture.status, "")
            response = writer.create_warc_record(
                capture.target_url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                warc_headers_dict=dict(common),
                http_headers=StatusAndHeaders(f"{capture.status} {reason}".strip(), stored_headers, protocol=version),
            )
            response_id = response.rec_headers.get_header("WARC-Record-ID")
            payload_digest = response.rec_headers.get_header("WARC-Payload-Digest")

            request_headers = [(_clean(k), _clean(v)) for k, v in capture.request_headers if _clean(k)]
            request = writer.create_warc_record(
                capture.target_url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                warc_headers_dict={**common, "WARC-Concurrent-To": response_id},
                http_headers=StatusAndHeaders(
                    _request_line(capture.method, capture.target_url, version),
                    request_headers,
                    is_http_request=True,
                ),
            )
            writer.write_record(request)  # request first, as crawlers and replay tools expect
            writer.write_record(response)

            # Content-Encoding is recorded here because the stored response body is the decoded one.
            metadata = {
                "fetcher_version": capture.fetcher_version,
                "original_content_encoding": capture.content_encoding,
                "dropped_response_headers": dropped,
                "peer_ip": capture.peer_ip,
                "redirect_chain": list(capture.redirect_chain),
                "timings": dict(capture.timings),
                "robots": capture.robots,
                "payload_sha256": payload_sha256,
                "payload_length": len(body),
                "http_version": version,
                **dict(capture.extra_metadata),
            }
            meta_bytes = json.dumps(metadata, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
            meta = writer.create_warc_record(
                capture.target_url,
                "metadata",
                payload=io.BytesIO(meta_bytes),
                length=len(meta_bytes),
                warc_content_type="application/json",
                warc_headers_dict={**common, "WARC-Concurrent-To": response_id},
            )
            writer.write_record(meta)
            raw.flush()
            _datasync(raw.fileno())  # the data (and its length) must be on disk before the row says "archived"
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise

    return WarcInfo(
        path=path,
        sha256=sink.sha256.hexdigest(),
        size=sink.size,
        payload_sha256=payload_sha256,
        payload_length=len(body),
        payload_digest=str(payload_digest),
        response_record_id=str(response_id),
        warc_date=warc_date,
    )


def read_payload(path: Path, *, max_bytes: int | None = None) -> tuple[list[tuple[str, str]], bytes]:
    """Return ``(http_headers, body)`` of the first ``response`` record, e.g. for the "raw page" download.

    The body is returned exactly as stored (already content-decoded, see ``_stored_response_headers``). Raises
    ``ValueError`` when the file holds no response record. ``max_bytes`` truncates very large payloads.
    """
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            headers = list(record.http_headers.headers) if record.http_headers else []
            reader = record.raw_stream
            body = reader.read() if max_bytes is None else reader.read(max_bytes)
            return [(str(k), str(v)) for k, v in headers], bytes(body)
    raise ValueError(f"{path} contains no WARC response record")
