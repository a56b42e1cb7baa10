"""Locate a reviewer's quote in a snapshot's extracted text and describe the location with W3C selectors.

Reviewers paste quotes from a browser: whitespace, curly quotes, dashes, case and accents rarely match the extracted
text byte for byte, and pages get edited between snapshots. So the search goes from strict to lenient:

1. exact substring;
2. the same on a *folded* copy of both strings (``sources.archiving.fold``: whitespace runs collapsed, case-folded,
   accents stripped, typographic quotes/apostrophes/dashes unified, zero-width characters dropped), with an offset
   map so the result still points into the ORIGINAL text;
3. fuzzy: candidate windows are found where the quote's word n-grams occur, then scored with difflib's
   ``SequenceMatcher.ratio`` and accepted at ``FUZZY_THRESHOLD`` (0.85: one changed word in a 10-word quote passes,
   a different sentence sharing a few words does not).

Offsets are Python ``str`` indices (code points) into the text, ``end`` exclusive, so ``text[start:end]`` is always
the matched passage. Stored selectors (``TextQuoteSelector`` + ``TextPositionSelector``) let :func:`reanchor` find
the same quote in a later snapshot; the caller marks the evidence "changed" when that fails.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from sources.archiving.fold import fold, fold_char, folded

__all__ = ["CONTEXT_CHARS", "FUZZY_THRESHOLD", "Anchor", "anchor_quote", "reanchor"]

FUZZY_THRESHOLD = 0.85
CONTEXT_CHARS = 32
_MAX_OCCURRENCES = 1000  # occurrences compared when a quote appears many times
_MAX_CANDIDATES = 6  # fuzzy windows scored with SequenceMatcher
_SLACK_WORDS = 3  # how far a fuzzy window's edges may move, in words

Status = Literal["found", "fuzzy", "not_found"]

_WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote was found. ``start``/``end`` index the searched text; both are None when not found."""

    status: Status
    start: int | None = None
    end: int | None = None
    score: float = 0.0
    method: str = ""  # "exact", "normalized" (found after folding), "fuzzy" or "" (not found)
    exact: str = ""  # text[start:end]
    prefix: str = ""  # up to CONTEXT_CHARS characters before start
    suffix: str = ""  # up to CONTEXT_CHARS characters after end

    @property
    def found(self) -> bool:
        return self.status != "not_found"

    def selectors(self) -> list[dict[str, Any]]:
        """W3C Web Annotation selectors for the match ([] when not found)."""
        if self.start is None or self.end is None:
            return []
        return [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


NOT_FOUND = Anchor(status="not_found")


def _occurrences(needle: str, haystack: str) -> list[int]:
    found: list[int] = []
    position = haystack.find(needle)
    while position != -1 and len(found) < _MAX_OCCURRENCES:
        found.append(position)
        position = haystack.find(needle, position + 1)
    return found


def _common_suffix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str, hint: int | None) -> float:
    """Prefer the occurrence whose surroundings match the stored prefix/suffix, then the one nearest the hint."""
    score = 0.0
    if prefix:
        score += _common_suffix(fold(prefix), fold(text[max(0, start - len(prefix) - 8) : start]))
    if suffix:
        score += _common_prefix(fold(suffix), fold(text[end : end + len(suffix) + 8]))
    if hint is not None:
        score -= abs(start - hint) / (len(text) + 1)  # always < 1: only breaks ties
    return score


def _extend_end(text: str, end: int) -> int:
    """Include trailing characters that fold to nothing (combining accents, zero-width marks) in the match."""
    while end < len(text) and not text[end].isspace() and fold_char(text[end]) == "":
        end += 1
    return end


def _make(text: str, start: int, end: int, status: Status, method: str, score: float) -> Anchor:
    return Anchor(
        status=status,
        start=start,
        end=end,
        score=round(score, 4),
        method=method,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def _fuzzy(quote_f: str, text_f: str) -> tuple[int, int, float] | None:
    """Best approximate match of ``quote_f`` in ``text_f`` (both folded): (start, end, ratio) in folded offsets."""
    q_words = quote_f.split(" ")
    spans = [(m.start(), m.end()) for m in _WORD_RE.finditer(text_f)]
    if not q_words or not spans:
        return None
    t_words = [text_f[s:e] for s, e in spans]
    votes: Counter[int] = Counter()
    for n in (3, 2, 1):
        if len(q_words) < n:
            continue
        grams: dict[tuple[str, ...], list[int]] = {}
        for j in range(len(q_words) - n + 1):
            grams.setdefault(tuple(q_words[j : j + n]), []).append(j)
        first_words = {gram[0] for gram in grams}
        for i in range(len(t_words) - n + 1):
            if t_words[i] not in first_words:
                continue
            for j in grams.get(tuple(t_words[i : i + n]), ()):
                votes[i - j] += 1
        if votes:
            break
    if not votes:
        return None

    chosen: list[int] = []
    for alignment, _count in votes.most_common():
        if all(abs(alignment - other) > _SLACK_WORDS for other in chosen):
            chosen.append(alignment)
        if len(chosen) >= _MAX_CANDIDATES:
            break

    last = len(spans) - 1
    memo: dict[tuple[int, int], float] = {}

    def ratio(first: int, final: int) -> float:
        key = (first, final)
        if key not in memo:
            window = text_f[spans[first][0] : spans[final][1]]
            memo[key] = SequenceMatcher(None, quote_f, window, autojunk=False).ratio()
        return memo[key]

    best: tuple[int, int, float] | None = None
    for alignment in chosen:
        first = min(max(alignment, 0), last)
        final = min(max(first + len(q_words) - 1, first), last)
        for _round in range(2):
            starts = range(max(0, first - _SLACK_WORDS), min(final, first + _SLACK_WORDS) + 1)
            first = max(starts, key=lambda s: ratio(s, final))
            ends = range(max(first, final - _SLACK_WORDS), min(last, final + _SLACK_WORDS) + 1)
            final = max(ends, key=lambda e: ratio(first, e))
        score = ratio(first, final)
        if best is None or score > best[2]:
            best = (spans[first][0], spans[final][1], score)
    return best


def anchor_quote(
    quote: str,
    text: str,
    *,
    prefix: str = "",
    suffix: str = "",
    position_hint: int | None = None,
    threshold: float = FUZZY_THRESHOLD,
) -> Anchor:
    """Find ``quote`` in ``text``: exact, then folded, then fuzzy (see the module docstring).

    ``prefix``/``suffix``/``position_hint`` only choose between several occurrences. Surrounding whitespace of the
    quote is ignored. Returns an ``Anchor`` whose ``text[start:end]`` is the matched passage.
    """
    needle = quote.strip()
    if not needle or not text:
        return NOT_FOUND

    positions = _occurrences(needle, text)
    if positions:
        start = max(positions, key=lambda p: _context_score(text, p, p + len(needle), prefix, suffix, position_hint))
        return _make(text, start, start + len(needle), "found", "exact", 1.0)

    text_f, origin = folded(text)
    quote_f = fold(needle)
    if not quote_f or not text_f:
        return NOT_FOUND

    def to_original(f_start: int, f_end: int) -> tuple[int, int]:
        return origin[f_start], _extend_end(text, origin[f_end - 1] + 1)

    folded_positions = _occurrences(quote_f, text_f)
    if folded_positions:
        spans = [to_original(p, p + len(quote_f)) for p in folded_positions]
        start, end = max(spans, key=lambda s: _context_score(text, s[0], s[1], prefix, suffix, position_hint))
        return _make(text, start, end, "found", "normalized", 1.0)

    match = _fuzzy(quote_f, text_f)
    if match is None or match[2] < threshold:
        return NOT_FOUND
    start, end = to_original(match[0], match[1])
    # A fact-check quote lives or dies by its figures: "17,7 %" is not "17,8 %" however
    # similar the sentence. An approximate match must contain every number the quote has.
    if Counter(_numbers(needle)) - Counter(_numbers(text[start:end])):
        return NOT_FOUND
    return _make(text, start, end, "fuzzy", "fuzzy", match[2])


_NUMBER = re.compile(r"\d+")


def _numbers(text: str) -> list[str]:
    return _NUMBER.findall(text)


def reanchor(selectors: Iterable[Mapping[str, Any]] | Mapping[str, Any], new_text: str) -> Anchor:
    """Re-find a previously anchored quote (its stored W3C selectors) in a later snapshot's text.

    Uses the ``TextQuoteSelector`` (exact + prefix/suffix for disambiguation) and the ``TextPositionSelector`` start
    as a tie-breaking hint. Returns ``not_found`` when the selectors hold no quote or the quote is gone.
    """
    items = [selectors] if isinstance(selectors, Mapping) else list(selectors or [])
    quote = prefix = suffix = ""
    hint: int | None = None
    for selector in items:
        if not isinstance(selector, Mapping):
            continue
        if selector.get("type") == "TextQuoteSelector":
            quote = str(selector.get("exact") or "")
            prefix = str(selector.get("prefix") or "")
            suffix = str(selector.get("suffix") or "")
        elif selector.get("type") == "TextPositionSelector":
            start = selector.get("start")
            hint = start if isinstance(start, int) else None
    if not quote:
        return NOT_FOUND
    return anchor_quote(quote, new_text, prefix=prefix, suffix=suffix, position_hint=hint)
