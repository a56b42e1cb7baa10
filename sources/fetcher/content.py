"""What a response's bytes are: the one header lookup, media type, content sniffer and charset decoder of the project.

The archiving side (``sources.archiving.extract``) and the fetcher both use these, so a page is never sniffed or
decoded two different ways.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Mapping

Headers = Iterable[tuple[str, str]] | Mapping[str, str] | None


def header(headers: Headers, name: str) -> str | None:
    """First value of header ``name`` (case-insensitive) from a mapping or a list of pairs; None when absent."""
    if headers is None:
        return None
    items = headers.items() if isinstance(headers, Mapping) else headers
    wanted = name.lower()
    for key, value in items:
        if str(key).lower() == wanted:
            return str(value)
    return None


def media_type(content_type: str | None) -> str:
    """``text/html; charset=utf-8`` → ``text/html`` ("" when absent)."""
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


# Magic numbers, checked before any declared type (a PDF served as text/html is a PDF).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!", "application/vnd.rar"),
    (b"OggS", "application/ogg"),
    (b"ID3", "audio/mpeg"),
    (b"\x1a\x45\xdf\xa3", "video/webm"),
    (b"wOFF", "font/woff"),
    (b"wOF2", "font/woff2"),
    (b"\x7fELF", "application/x-executable"),
    (b"\xd0\xcf\x11\xe0", "application/x-ole-storage"),
)
# WHATWG MIME sniffing: a body starting (after whitespace) with one of these tags is HTML.
_HTML_START_RE = re.compile(
    rb"^<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>/]",
    re.IGNORECASE,
)
_XML_HTML_RE = re.compile(rb"^<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html)", re.IGNORECASE | re.DOTALL)


def sniff(body: bytes) -> str:
    """The media type the first bytes show ("" when they show none): magic numbers, then an HTML or XML start."""
    head = body[:1024]
    if b"%PDF-" in head:
        return "application/pdf"
    for magic, media in _MAGIC:
        if head.startswith(magic):
            return media
    if head[:4] == b"RIFF":
        return "image/webp" if head[8:12] == b"WEBP" else "application/octet-stream"
    stripped = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if _HTML_START_RE.match(stripped) or _XML_HTML_RE.match(stripped):
        return "text/html"
    if stripped.startswith(b"<?xml"):
        return "text/xml"
    return ""


_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# WHATWG Encoding Standard: what browsers actually use for these labels.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "x-sjis": "cp932",
    "unicode-1-1-utf-8": "utf-8",
    "utf8": "utf-8",
}
_REFUSED_CODECS = {"utf-7", "rot-13", "base64", "hex", "zlib", "bz2", "quopri", "uu"}
_CHARSET_PARAM_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.+\-]+)""", re.IGNORECASE)
_META_RE = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+\-]+)""", re.IGNORECASE)


def _codec_for(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if info.name in _REFUSED_CODECS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _detect(body: bytes) -> str:
    sample = body[:65536]
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:  # detection is best effort
        best = None
    if best is not None:
        codec = _codec_for(best.encoding)
        if codec:
            return codec
    return "cp1252"


def decode_text(body: bytes, headers: Iterable[tuple[str, str]] | Mapping[str, str]) -> tuple[str, str]:
    """Decode an HTML/text body: BOM, then the HTTP charset, then ``<meta>``, then detection.

    Invalid bytes become U+FFFD (``errors="replace"``), so the result is deterministic;
    the raw bytes are never modified. Returns ``(text, python_codec_name)``.
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    content_type = header(headers, "content-type") or ""
    param = _CHARSET_PARAM_RE.search(content_type)
    codec = _codec_for(param.group(1)) if param else None
    if codec is None:
        meta = _META_RE.search(body[:4096])
        if meta:
            codec = _codec_for(meta.group(1).decode("ascii", "replace"))
            if codec and codec.startswith("utf-16"):
                codec = "utf-8"  # a document that can carry an ASCII <meta> is not UTF-16
    if codec is None:
        codec = _detect(body)
    return body.decode(codec, errors="replace"), codec
