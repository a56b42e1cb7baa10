"""Bounded main-text and metadata extraction from an archived response body.

The extracted text is what reviewers read, what quotes are anchored against and what passages are ranked from, so
it must be the article and not the navigation or footer (trafilatura, precision-leaning, comments excluded). The
input is hostile by nature (any URL a reviewer pastes), so extraction is *bounded*: bodies above ``max_bytes`` are
not handed to the HTML parser at all, and the work runs under a wall-clock alarm when we are in the main thread
(Celery prefork runs tasks in the main thread of the child process). Failures never raise: they are reported in
``PageExtract.error_code`` / ``error_params`` (put into words by ``sources.problems``; ``error`` is the English detail)
so the snapshot is still archived (the raw bytes live in the WARC).
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from types import FrameType
from typing import Any

from claims.extraction.language import detect_language
from claims.extraction.language import warm_up as language_warm_up
from sources.archiving.canonical import find_rel_canonical

# One decoder, header lookup and sniffer for the whole project (BOM, header, <meta>, detection; magic numbers).
from sources.fetcher.content import decode_text, header, media_type, sniff

Headers = Mapping[str, str] | Iterable[tuple[str, str]] | None

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIME_LIMIT",
    "PageExtract",
    "extract_page",
    "sniff_kind",
    "warm_up",
]

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIME_LIMIT = 20.0
_TITLE_MAX = 500
_LIBXML_MAX_DEPTH = 256  # Snapshot.title / Snapshot.author are CharField(max_length=500)

_HTML_MIMES = frozenset({"text/html", "application/xhtml+xml", "application/html", "application/vnd.wap.xhtml+xml"})
_TEXT_MIMES = frozenset({"application/json", "application/xml", "application/javascript", "application/ld+json"})
_UNKNOWN_MIMES = frozenset(
    {"", "application/octet-stream", "application/unknown", "unknown/unknown", "binary/octet-stream"}
)
_HTML_LANG_RE = re.compile(r"<html\b[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class PageExtract:
    """Result of :func:`extract_page`. ``error`` is "" when extraction went fine (including "nothing to extract")."""

    text: str = ""
    title: str = ""
    author: str = ""
    published: date | None = None
    language: str = ""  # ISO 639-1, "" when unknown
    page_canonical_url: str = ""  # the page's own rel=canonical (canonicalised), "" when absent
    encoding: str = ""  # Python codec name used to decode the body, "" for binary bodies
    error: str = ""  # English detail, for logs and the admin
    error_code: str = ""  # a key of sources.problems.EXTRACTION_ERRORS, "" when there is no error
    error_params: dict[str, Any] = field(default_factory=dict)
    kind: str = ""  # "html", "text", "pdf", "image", "binary" or "empty": how the body was treated


class _ExtractionTimeout(BaseException):
    """Raised by the SIGALRM handler. A BaseException so that libraries' ``except Exception`` cannot swallow it."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise ``_ExtractionTimeout`` in the main thread after ``seconds``; a no-op elsewhere.

    Signals are only delivered to the main thread, so in a thread pool we run without the alarm and rely on the
    size cap. An outer ITIMER_REAL (e.g. pytest-timeout) is suspended and re-armed with its remaining time.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    active = [True]

    def _on_alarm(signum: int, frame: FrameType | None) -> None:
        if active[0]:
            raise _ExtractionTimeout()

    previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
    started = time.monotonic()
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        active[0] = False  # from here on a late alarm is ignored instead of escaping the cleanup
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler if previous_handler is not None else signal.SIG_DFL)
        if previous_delay > 0:
            remaining = max(previous_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, remaining, previous_interval)


def _decode(body: bytes, content_type: str) -> tuple[str, str]:
    """``sources.fetcher.decode_text`` given the effective Content-Type (the only header it reads)."""
    return decode_text(body, [("Content-Type", content_type)] if content_type else [])


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x09 or 0x0E <= b < 0x20)
    return controls > len(head) // 20


def sniff_kind(body: bytes, content_type: str = "") -> str:
    """How to treat ``body``: "empty", "pdf", "image", "binary", "html" or "text".

    Magic numbers win over the declared type (a PDF served as text/html is a PDF); then a declared HTML type or an
    HTML-looking start; then declared text types; an undeclared or octet-stream body that looks like text is text.
    """
    if not body:
        return "empty"
    head = body[:1024]
    sniffed = sniff(head)
    if sniffed == "application/pdf":
        return "pdf"
    if sniffed.startswith("image/"):
        return "image"
    if sniffed and sniffed not in ("text/html", "text/xml"):
        return "binary"
    is_utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    mime = media_type(content_type)
    if mime in _HTML_MIMES or sniffed == "text/html":
        return "html"
    if is_utf16 and (mime.startswith("text/") or mime in _UNKNOWN_MIMES):
        return "text"
    if _looks_binary(head):
        return "binary"
    if mime.startswith("text/") or mime in _TEXT_MIMES or mime.endswith(("+json", "+xml")):
        return "text"
    if mime in _UNKNOWN_MIMES:
        return "text"
    return "binary"


def warm_up() -> None:
    """Import the extraction stack and load the language models now, not on the first page.

    Called in the Celery worker's main process before the pool forks, so every pool child starts with trafilatura,
    htmldate and lingua's models already in (copy-on-write shared) memory instead of paying ~0.3 s on its first page.
    The language detector is the extraction pipeline's (``claims.extraction.language``): warming it here warms both.
    """
    extract_page(
        b"<!doctype html><html><head><title>Warm-up</title></head><body><article>"
        b"<p>The council approved the budget on Tuesday after a long debate, officials said.</p>"
        b"<p>Le conseil a approuv\xc3\xa9 le budget mardi apr\xc3\xa8s un long d\xc3\xa9bat.</p>"
        b"</article></body></html>",
        content_type="text/html; charset=utf-8",
        url="https://example.org/warm-up",
        time_limit=0,
    )
    language_warm_up()


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clip(value: str | None, limit: int = _TITLE_MAX) -> str:
    return " ".join((value or "").split())[:limit]


def _extract_html(html: str, url: str) -> tuple[str, str, str, date | None, str]:
    """Main text + metadata with trafilatura. Dates come from htmldate (trafilatura calls it with ``_DATE_PARAMS``)."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    if "<html" not in html[:4096].lower():
        html = f"<html><body>{html}</body></html>"  # trafilatura refuses bare fragments such as "<p>...</p>"
    doc = trafilatura.bare_extraction(
        html,
        url=url or None,
        include_comments=False,
        favor_precision=True,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    text = getattr(doc, "text", None) or ""
    if doc is None or not text:
        # Short or unusual pages: trafilatura gives up on the main text; fall back to its simple baseline extractor
        # and read the metadata on its own.
        _tree, text, _length = trafilatura.baseline(html)
        if not text.strip():
            text = trafilatura.html2txt(html)
        doc = extract_metadata(html, url or None, dict(_DATE_PARAMS))
    title = _clip(getattr(doc, "title", None))
    author = _clip(getattr(doc, "author", None))
    published = _parse_date(getattr(doc, "date", None))
    lang_hint = ""
    match = _HTML_LANG_RE.search(html[:20_000])
    if match:
        lang_hint = match.group(1).lower()
    return text.strip(), title, author, published, lang_hint


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract_page(
    body: bytes,
    *,
    content_type: str = "",
    headers: Headers = None,
    url: str = "",
    time_limit: float = DEFAULT_TIME_LIMIT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PageExtract:
    """Extract text, title, author, publication date, language and rel=canonical from a response body.

    ``content_type`` defaults to the ``Content-Type`` in ``headers``. HTML bodies larger than ``max_bytes`` are not
    parsed (error "page too large to extract (N bytes)"); the whole call is limited to ``time_limit`` seconds when
    run in the main thread (error "extraction timed out after Ns"). PDFs, images and binary bodies give an empty
    text and no error: their bytes are in the WARC. Never raises for bad input.
    """
    content_type = content_type or header(headers, "content-type") or ""
    kind = sniff_kind(body, content_type)
    if kind not in {"html", "text"}:
        return PageExtract(kind=kind)

    state: dict[str, Any] = {"encoding": ""}
    try:
        with _deadline(time_limit):
            return _extract_text_kind(body, kind, content_type, url, max_bytes, state)
    except _ExtractionTimeout:
        seconds = int(time_limit) if float(time_limit).is_integer() else time_limit
        return PageExtract(
            encoding=state["encoding"],
            error=f"extraction timed out after {time_limit:g}s",
            error_code="text_timed_out",
            error_params={"seconds": seconds},
            kind=kind,
        )
    except RecursionError:
        return PageExtract(
            encoding=state["encoding"],
            error="page too deeply nested to extract",
            error_code="text_recursion",
            kind=kind,
        )
    except Exception as exc:  # a parser bug on one hostile page must not fail the whole snapshot
        name = type(exc).__name__
        return PageExtract(
            encoding=state["encoding"],
            error=f"extraction failed: {name}",
            error_code="text_parser_failed",
            error_params={"error": name},
            kind=kind,
        )


def _extract_text_kind(
    body: bytes, kind: str, content_type: str, url: str, max_bytes: int, state: dict[str, Any]
) -> PageExtract:
    if len(body) > max_bytes:
        # Do not decode or parse the whole thing; the head is enough for the rel=canonical and the charset.
        head_text, encoding = _decode(body[:1_000_000], content_type)
        canonical = (find_rel_canonical(head_text, url) or "") if kind == "html" else ""
        return PageExtract(
            encoding=encoding,
            page_canonical_url=canonical,
            error=f"page too large to extract ({len(body)} bytes)",
            error_code="text_too_large",
            error_params={"size": len(body)},
            kind=kind,
        )
    decoded, encoding = _decode(body, content_type)
    state["encoding"] = encoding
    if kind == "text":
        text = _normalise_newlines(decoded).strip()
        return PageExtract(text=text, language=detect_language(text), encoding=encoding, kind=kind)

    html = decoded.replace("\x00", "")  # NULs make lxml stop parsing early
    text, title, author, published, lang_hint = _extract_html(html, url)
    canonical = find_rel_canonical(html, url) or ""
    error, code, params = "", "", {}
    if not text and _too_deep(html):
        error = f"page too deeply nested to extract (more than {_LIBXML_MAX_DEPTH} levels)"
        code, params = "text_too_deep", {"levels": _LIBXML_MAX_DEPTH}
    language = detect_language(text) or detect_language(title) or lang_hint
    return PageExtract(
        text=text,
        title=title,
        author=author,
        published=published,
        language=language,
        page_canonical_url=canonical,
        encoding=encoding,
        error=error,
        error_code=code,
        error_params=params,
        kind=kind,
    )


def _too_deep(html: str) -> bool:
    """Did libxml2 stop at its nesting limit? It then silently drops everything deeper (e.g. 100k nested divs)."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(collect_ids=False)
    try:
        lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return False
    return any("depth" in entry.message.lower() for entry in parser.error_log)
