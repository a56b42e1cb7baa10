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
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

__all__ = [
    "SOFTWARE",
    "WARC_FIELDS",
    "CaptureInput",
    "WarcInfo",
    "decode_warc_fields",
    "encode_warc_fields",
    "read_metadata",
    "read_payload",
    "write_warc",
]

SOFTWARE = "factcheck-workbench sources.archiving.warc/1"
WARC_FIELDS = "application/warc-fields"
_FIELD_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # an HTTP/WARC field-name token

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


def _warcinfo_record(writer: WARCWriter, name: str, capture: CaptureInput, warc_date: str) -> ArcWarcRecord:
    user_agent = next((_clean(v) for k, v in capture.request_headers if k.lower() == "user-agent"), "")
    info = writer.create_warcinfo_record(
        name,
        {
            "software": SOFTWARE,
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "http-header-user-agent": user_agent,
            "fetcher-version": _clean(capture.fetcher_version),
        },
    )
    info.rec_headers.replace_header("WARC-Date", warc_date)
    return info


def _response_record(
    writer: WARCWriter, capture: CaptureInput, body: bytes, common: Mapping[str, str], version: str
) -> tuple[ArcWarcRecord, dict[str, list[str]]]:
    stored_headers, dropped = _stored_response_headers(capture.response_headers, len(body))
    reason = _clean(capture.reason) or _REASONS.get(capture.status, "")
    response = writer.create_warc_record(
        capture.target_url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        warc_headers_dict=dict(common),
        http_headers=StatusAndHeaders(f"{capture.status} {reason}".strip(), stored_headers, protocol=version),
    )
    return response, dropped


def _request_record(
    writer: WARCWriter, capture: CaptureInput, common: Mapping[str, str], response_id: str, version: str
) -> ArcWarcRecord:
    request_headers = [(_clean(k), _clean(v)) for k, v in capture.request_headers if _clean(k)]
    return writer.create_warc_record(
        capture.target_url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        warc_headers_dict={**common, "WARC-Concurrent-To": response_id},
        http_headers=StatusAndHeaders(
            _request_line(capture.method, capture.target_url, version), request_headers, is_http_request=True
        ),
    )


def _metadata_facts(
    capture: CaptureInput, body: bytes, version: str, dropped: Mapping[str, list[str]]
) -> dict[str, Any]:
    """The circumstances of the fetch; Content-Encoding is here because the stored response body is the decoded one."""
    return {
        "fetcher_version": capture.fetcher_version,
        "original_content_encoding": capture.content_encoding,
        "dropped_response_headers": dict(dropped),
        "peer_ip": capture.peer_ip,
        "redirect_chain": list(capture.redirect_chain),
        "timings": dict(capture.timings),
        "robots": capture.robots,
        "payload_sha256": hashlib.sha256(body).hexdigest(),
        "payload_length": len(body),
        "http_version": version,
        **dict(capture.extra_metadata),
    }


def encode_warc_fields(facts: Mapping[str, Any]) -> bytes:
    """``application/warc-fields`` (one ``name: value`` line per fact, CRLF-terminated), each value JSON-encoded.

    JSON keeps nested facts (redirect chain, timings) exact and escapes every control character, so a value can never
    end its line early. Names must be field-name tokens (they are our own keys); anything else is a programming error.
    """
    lines = []
    for name in sorted(facts):
        if not _FIELD_NAME.fullmatch(name):
            raise ValueError(f"metadata name {name!r} is not a WARC field name")
        value = json.dumps(facts[name], ensure_ascii=False, sort_keys=True, default=str)
        lines.append(f"{name}: {value}\r\n")
    return "".join(lines).encode("utf-8")


def decode_warc_fields(block: bytes) -> dict[str, Any]:
    """Inverse of ``encode_warc_fields``."""
    facts: dict[str, Any] = {}
    for line in block.decode("utf-8").split("\r\n"):
        if line:
            name, _, value = line.partition(":")
            facts[name.strip()] = json.loads(value)
    return facts


def _metadata_record(
    writer: WARCWriter, capture: CaptureInput, facts: Mapping[str, Any], common: Mapping[str, str], response_id: str
) -> ArcWarcRecord:
    """A metadata record replay tools do not index as a capture of the page (they skip ``application/warc-fields``).

    It keeps the page's ``WARC-Target-URI`` (the resource it describes, as Heritrix writes it) and points at the
    response through ``WARC-Refers-To`` and ``WARC-Concurrent-To``.
    """
    block = encode_warc_fields(facts)
    return writer.create_warc_record(
        capture.target_url,
        "metadata",
        payload=io.BytesIO(block),
        length=len(block),
        warc_content_type=WARC_FIELDS,
        warc_headers_dict={**common, "WARC-Concurrent-To": response_id, "WARC-Refers-To": response_id},
    )


def _write_records(sink: _HashingWriter, path: Path, capture: CaptureInput, warc_date: str) -> WarcInfo:
    body = bytes(capture.body)
    version = _http_version(capture.http_version)
    writer = WARCWriter(sink, gzip=True, warc_version="1.1")
    info = _warcinfo_record(writer, path.name, capture, warc_date)
    writer.write_record(info)
    common = {"WARC-Date": warc_date, "WARC-Warcinfo-ID": info.rec_headers.get_header("WARC-Record-ID")}
    if capture.peer_ip:
        common["WARC-IP-Address"] = _clean(capture.peer_ip)
    response, dropped = _response_record(writer, capture, body, common, version)
    response_id = str(response.rec_headers.get_header("WARC-Record-ID"))
    writer.write_record(_request_record(writer, capture, common, response_id, version))  # request first
    writer.write_record(response)
    facts = _metadata_facts(capture, body, version, dropped)
    writer.write_record(_metadata_record(writer, capture, facts, common, response_id))
    return WarcInfo(
        path=path,
        sha256="",  # filled in once the file is complete
        size=0,
        payload_sha256=facts["payload_sha256"],
        payload_length=len(body),
        payload_digest=str(response.rec_headers.get_header("WARC-Payload-Digest")),
        response_record_id=response_id,
        warc_date=warc_date,
    )


def write_warc(path: Path, *, capture: CaptureInput) -> WarcInfo:
    """Write ``capture`` as ``warcinfo`` + ``request`` + ``response`` + ``metadata`` records into a gzipped WARC.

    The request and metadata records point at the response record (``WARC-Concurrent-To``); all records share the
    target URI, the capture date and (when known) the peer IP. The file appears at ``path`` only when complete.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    warc_date = _warc_date(capture.fetched_at)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp_path = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            sink = _HashingWriter(raw)
            written = _write_records(sink, path, capture, warc_date)
            raw.flush()
            _datasync(raw.fileno())  # the data (and its length) must be on disk before the row says "archived"
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return replace(written, sha256=sink.sha256.hexdigest(), size=sink.size)


def read_metadata(path: Path) -> dict[str, Any]:
    """Return the facts of the fetch (``_metadata_facts``) stored in the metadata record of a WARC we wrote."""
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "metadata" and record.rec_headers.get_header("Content-Type") == WARC_FIELDS:
                return decode_warc_fields(record.content_stream().read())
    raise ValueError(f"{path} contains no WARC metadata record")


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
