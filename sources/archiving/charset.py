"""Deterministic bytes → text decoding for fetched pages.

Newsroom sources still serve windows-1252, ISO-8859-x and mislabelled pages. Offsets of quotes are stored against
the decoded text, so decoding must be deterministic: the same bytes and headers always give the same string. Order
(close to the WHATWG encoding sniffing algorithm): BOM, then the HTTP ``Content-Type`` charset, then a
``<meta charset>`` / ``http-equiv`` prescan of the first bytes, then strict UTF-8, then charset-normalizer
detection, and finally UTF-8. Invalid bytes always become U+FFFD (``errors="replace"``), never an exception.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Mapping

__all__ = ["Headers", "charset_from_content_type", "decode_text", "header_value", "sniff_meta_charset"]

Headers = Mapping[str, str] | Iterable[tuple[str, str]] | None

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels that browsers decode with a superset codec (WHATWG): latin-1 and ASCII labels mean windows-1252, etc.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
    "x-user-defined": "cp1252",
}
_CHARSET_RE = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE)
_CT_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE)
_META_SCAN_BYTES = 4096
_DETECT_BYTES = 200_000


def header_value(headers: Headers, name: str) -> str:
    """First value of header ``name`` (case-insensitive) from a mapping or a list of pairs; "" when absent."""
    if headers is None:
        return ""
    items = headers.items() if isinstance(headers, Mapping) else headers
    wanted = name.lower()
    for key, value in items:
        if str(key).lower() == wanted:
            return str(value)
    return ""


def _codec(label: str | None) -> str | None:
    """Python codec name for a charset label, or None when unknown (an unknown label is ignored, not fatal)."""
    if not label:
        return None
    cleaned = label.strip().strip("\"'").lower()
    cleaned = _ALIASES.get(cleaned, cleaned)
    try:
        return codecs.lookup(cleaned).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str) -> str | None:
    """Codec named by ``charset=`` in a Content-Type value, if Python knows it."""
    match = _CT_CHARSET_RE.search(content_type or "")
    return _codec(match.group(1)) if match else None


def sniff_meta_charset(body: bytes) -> str | None:
    """Codec declared by ``<meta charset>`` or ``<meta http-equiv content="...; charset=">`` in the first 4 KB."""
    match = _CHARSET_RE.search(body[:_META_SCAN_BYTES])
    if not match:
        return None
    codec = _codec(match.group(1).decode("ascii", "replace"))
    # A meta tag can only be read by an ASCII-compatible decoder, so a UTF-16/32 claim there means UTF-8 (WHATWG).
    if codec and codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec


def _detect(body: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - pinned in requirements.txt
        return None
    best = from_bytes(body[:_DETECT_BYTES]).best()
    return _codec(best.encoding) if best is not None else None


def decode_text(body: bytes, headers: Headers = None, *, content_type: str = "") -> tuple[str, str]:
    """Decode ``body`` and return ``(text, codec_name)``; see the module docstring for the order of evidence.

    ``content_type`` overrides the ``Content-Type`` found in ``headers`` when given. A leading BOM is removed from
    the text. Never raises on bad bytes: they are replaced with U+FFFD.
    """
    data = bytes(body)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name

    declared = charset_from_content_type(content_type or header_value(headers, "content-type"))
    if declared is None:
        declared = sniff_meta_charset(data)
    if declared is not None:
        return data.decode(declared, errors="replace"), declared

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    detected = _detect(data) or "utf-8"
    return data.decode(detected, errors="replace"), detected
