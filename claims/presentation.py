"""Turn articles and snapshots into safe HTML pieces for the reviewer pages."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy, gettext_noop
from django.utils.translation import gettext as _

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


# Highlight colours: a verdict decides the colour once there is one, else the review status does.
# The legend shows the same classes, with words, so colour is never the only cue.
VERDICT_BANDS = [
    ("true", 4, gettext_lazy("Verdict: true or mostly true")),
    ("mixed", 3, gettext_lazy("Verdict: misleading")),
    ("false", 1, gettext_lazy("Verdict: false or mostly false")),
    ("unverifiable", -(10**9), gettext_lazy("Verdict: unverifiable")),
]
STATUS_BANDS = [
    ("new", gettext_lazy("New, not reviewed yet")),
    ("in_review", gettext_lazy("In review")),
    ("needs_second_review", gettext_lazy("Waiting for a second review")),
    ("folded", gettext_lazy("Not check-worthy or dismissed")),
]
# The default scale's labels live in the database; these make them translatable.
DEFAULT_RATING_LABELS = [
    gettext_noop("True"),
    gettext_noop("Mostly true"),
    gettext_noop("Misleading"),
    gettext_noop("Mostly false"),
    gettext_noop("False"),
    gettext_noop("Unverifiable"),
    gettext_noop("The claim is accurate and nothing significant is missing."),
    gettext_noop("Accurate but needs clarification or additional information."),
    gettext_noop("Contains accurate elements but leaves a false impression."),
    gettext_noop("Contains an element of truth but ignores critical facts."),
    gettext_noop("The claim is inaccurate."),
    gettext_noop("The available evidence can neither confirm nor refute it."),
]


def current_verdict(claim: Claim) -> Any:
    """The newest verdict from a prefetched `verdicts` (newest first), or None."""
    verdicts = list(claim.verdicts.all())
    return verdicts[0] if verdicts else None


def is_folded(claim: Claim) -> bool:
    return not claim.checkworthy or claim.status == Claim.Status.DISMISSED


def verdict_band(value: int) -> str:
    for band, floor, _label in VERDICT_BANDS:
        if value >= floor:
            return "unverifiable" if value <= 0 else band
    return "unverifiable"


def claim_band(claim: Claim) -> str:
    """The colour class of a claim's highlight."""
    if is_folded(claim):
        return "folded"
    verdict = current_verdict(claim)
    if verdict is not None:
        return verdict_band(verdict.rating.value)
    return claim.status if claim.status in {"new", "in_review", "needs_second_review"} else "in_review"


def claim_legend() -> list[tuple[str, str]]:
    return (
        [(band, str(label)) for band, label in STATUS_BANDS[:3]]
        + [(band, str(label)) for band, _floor, label in VERDICT_BANDS]
        + [(STATUS_BANDS[3][0], str(STATUS_BANDS[3][1]))]
    )


def _text(body: str, start: int, end: int) -> str:
    """Body text with its offset, so the page's script maps a selection back to exact offsets."""
    if end <= start:
        return ""
    return format_html('<span data-o="{}">{}</span>', start, body[start:end])


def _open_mark(claim: Claim, number: int, end: int, *, continued: bool = False) -> str:
    """A claim's <mark>; ``continued``: the rest of a claim that ran past the end of the claim around it (no
    number, no id: the numbered mark before it is the claim's anchor)."""
    band = claim_band(claim)
    folded = " folded" if is_folded(claim) else ""
    if continued:
        return format_html(
            '<mark class="claim-span claim-continued band-{band}{folded}" data-claim="{pk}" data-end="{end}">',
            band=band,
            folded=folded,
            pk=claim.pk,
            end=end,
        )
    status = str(claim.get_status_display()).lower()
    verdict = current_verdict(claim)
    if verdict is not None:
        label = _("Claim %(number)s, %(status)s, verdict: %(verdict)s") % {
            "number": number,
            "status": status,
            "verdict": gettext(verdict.rating.label),
        }
    else:
        label = _("Claim %(number)s, %(status)s") % {"number": number, "status": status}
    if not claim.checkworthy:
        label = _("%(claim)s, not check-worthy") % {"claim": label}
    return format_html(
        '<mark class="claim-span band-{band}{folded}" id="span-{num}" data-claim="{pk}" data-start="{start}" '
        'data-end="{end}"><a class="claim-num" href="{href}" aria-label="{label}">{num}</a>',
        band=band,
        folded=folded,
        num=number,
        pk=claim.pk,
        start=claim.start,
        end=end,
        href=reverse("claims:claim_detail", args=[claim.pk]),
        label=label,
    )


def highlight_claims(body: str, claims: Iterable[Claim]) -> SafeString:
    """The article body with each claim's span wrapped in a numbered <mark>, everything else escaped.

    Nested claims become nested marks, each with its number. Marks cannot overlap, so a claim that runs past the
    end of the one around it (two claims sharing a word) is cut there and goes on in a second, unnumbered mark
    right after: every word of every claim stays highlighted. Out-of-range spans are skipped.
    """
    # A self-contained claim may start with a subject shared with the claim before it: the text marks each
    # claim's own words, its last span, so claims that share a subject all stay highlighted.
    claims = list(claims)
    # (start, -end, order, number, claim, continued): the longest first at one start, so it encloses the others.
    queue: list[tuple[int, int, int, int, Claim, bool]] = []
    for number, claim in enumerate(claims, start=1):
        start, end = claim.span_list()[-1]
        heapq.heappush(queue, (start, -end, number, number, claim, False))
    order = len(claims)
    pieces: list[str] = []
    cursor = 0
    open_ends: list[int] = []  # ends of the marks currently open, innermost last

    def close_until(position: int) -> None:
        nonlocal cursor
        while open_ends and open_ends[-1] <= position:
            pieces.append(_text(body, cursor, open_ends[-1]))
            cursor = open_ends.pop()
            pieces.append("</mark>")

    while queue:
        start, neg_end, _order, number, claim, continued = heapq.heappop(queue)
        end = -neg_end
        if start < cursor or end > len(body) or end <= start:
            continue
        close_until(start)
        if open_ends and end > open_ends[-1]:
            order += 1  # the rest, once the enclosing mark is closed
            heapq.heappush(queue, (open_ends[-1], -end, order, number, claim, True))
            end = open_ends[-1]
        pieces.append(_text(body, cursor, start))
        cursor = start
        pieces.append(_open_mark(claim, number, end, continued=continued))
        open_ends.append(end)
    close_until(len(body))
    pieces.append(_text(body, cursor, len(body)))
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
    return _before(body, lo, window), parts, _after(body, hi, window)


def _before(body: str, lo: int, window: int) -> str:
    """About `window` characters before `lo`, cut at a word boundary (never "…outien logistique")."""
    start = max(0, lo - window)
    if start > 0:
        cuts = [c for c in (body.find(" ", start, lo), body.find("\n", start, lo)) if c >= 0]
        start = min(cuts) + 1 if cuts else lo
    return ("…" if start > 0 else "") + body[start:lo]


def _after(body: str, hi: int, window: int) -> str:
    end = min(len(body), hi + window)
    if end < len(body):
        cuts = [c for c in (body.rfind(" ", hi, end), body.rfind("\n", hi, end)) if c >= 0]
        end = max(cuts) if cuts else hi
    return body[hi:end] + ("…" if end < len(body) else "")


def fact_rows(facts: object) -> list[tuple[str, list[str]]]:
    """Readable rows from a claim's `facts` JSON: entities (with type), dates (with ISO), numbers (with unit)."""
    if not isinstance(facts, dict):
        return []
    rows: list[tuple[str, list[str]]] = []
    labels = {"entities": _("People, places and organisations"), "dates": _("Dates"), "numbers": _("Numbers")}
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
        rows.append((_("Attributed to"), [str(facts["attribution"])]))
    return rows
