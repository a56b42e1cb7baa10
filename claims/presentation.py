"""Turn articles and snapshots into safe HTML pieces for the reviewer pages."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim


def safe_http_url(url: str | None) -> str:
    """The URL if it is an absolute http(s) URL, else "" — never a `javascript:` or `data:` href."""
    if not url:
        return ""
    candidate = url.strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return ""
    # Control characters and whitespace inside a URL are how scheme checks get bypassed.
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in candidate):
        return ""
    return candidate


def highlight_claims(body: str, claims: Iterable[Claim]) -> SafeString:
    """The article body with each claim's span wrapped in a numbered <mark>, everything else escaped.

    Spans are taken from the claims (start/end offsets into the body); overlapping or
    out-of-range spans are skipped rather than producing broken markup.
    """
    # A self-contained claim may start with a subject shared with the claim before it: the text marks each
    # claim's own words, its last span, so claims that share a subject all stay highlighted.
    rows: list[tuple[int, Claim, int, int]] = []
    for index, claim in enumerate(claims, start=1):
        own_start, own_end = claim.span_list()[-1]
        rows.append((index, claim, own_start, own_end))
    numbered = sorted(rows, key=lambda row: (row[2], row[3]))
    pieces: list[str] = []
    cursor = 0
    for number, claim, start, end in numbered:
        if start < cursor or end > len(body) or end <= start:
            continue
        pieces.append(escape(body[cursor:start]))
        pieces.append(
            format_html(
                '<mark class="claim-span{muted}" id="span-{num}">'
                '<a class="claim-num" href="{href}" aria-label="Claim {num}{note}">{num}</a>{text}</mark>',
                num=number,
                muted="" if claim.checkworthy else " not-checkworthy",
                note="" if claim.checkworthy else ", not check-worthy",
                href=reverse("claims:claim_detail", args=[claim.pk]),
                text=body[start:end],
            )
        )
        cursor = end
    pieces.append(escape(body[cursor:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped or built by format_html


def claim_in_context(body: str, claim: Claim, window: int = 300) -> tuple[str, list[tuple[str, bool]], str]:
    """(text before, the claim's sentence as (text, is one of the claim's spans) parts, text after).

    The claim is shown inside its whole sentence with each span it is built from marked, so a reviewer
    sees which words the self-contained claim joins (``Les syndicats`` … ``réclamaient ce plan``).
    """
    spans = [(max(0, s), min(len(body), e)) for s, e in claim.span_list() if s < len(body)]
    sent_start, sent_end = claim.sentence_span()
    lo = max(0, min([sent_start, *[s for s, _ in spans]]))
    hi = min(len(body), max([sent_end, *[e for _, e in spans]]))
    parts: list[tuple[str, bool]] = []
    cursor = lo
    for s, e in spans:
        if s < cursor or e <= s:
            continue
        if s > cursor:
            parts.append((body[cursor:s], False))
        parts.append((body[s:e], True))
        cursor = e
    if cursor < hi:
        parts.append((body[cursor:hi], False))
    if not any(marked for _, marked in parts):
        parts = [(claim.text, True)]
    before = body[max(0, lo - window) : lo]
    after = body[hi : hi + window]
    if lo - window > 0:
        before = "…" + before
    if hi + window < len(body):
        after = after + "…"
    return before, parts, after


def fact_rows(facts: object) -> list[tuple[str, list[str]]]:
    """Readable rows from a claim's `facts` JSON: entities (with type), dates (with ISO), numbers (with unit)."""
    if not isinstance(facts, dict):
        return []
    rows: list[tuple[str, list[str]]] = []
    labels = {"entities": "People, places and organisations", "dates": "Dates", "numbers": "Numbers"}
    for key, label in labels.items():
        items = facts.get(key) or []
        values: list[str] = []
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                values.append(str(item))
                continue
            text = str(item.get("text", ""))
            extra = item.get("type") or item.get("iso") or ""
            if key == "numbers" and item.get("value") is not None:
                extra = f"{item['value']}{' ' + str(item['unit']) if item.get('unit') else ''}"
            values.append(f"{text} ({extra})" if extra and str(extra) != text else text)
        if values:
            rows.append((label, values))
    if facts.get("attribution"):
        rows.append(("Attributed to", [str(facts["attribution"])]))
    return rows
