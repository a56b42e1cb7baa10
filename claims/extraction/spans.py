"""Span arithmetic for claims built from several character ranges of the article.

A self-contained claim may be made of a subject span and a predicate span that are apart
(``Les syndicats`` + ``réclamaient ce plan depuis 2021``). Its text is the spans' text joined with
:data:`~claims.extraction.types.SPAN_JOINER`; offsets found in that text map back to the article.
"""

from __future__ import annotations

from collections.abc import Sequence

from .types import SPAN_JOINER

Spans = Sequence[tuple[int, int]]


def normalise(spans: Spans) -> list[tuple[int, int]]:
    """Sorted, non-empty spans with touching or overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for s, e in sorted((int(s), int(e)) for s, e in spans if e > s):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def compose(text: str, spans: Spans) -> str:
    """The claim's text: each span's text, joined with SPAN_JOINER where they are apart."""
    return SPAN_JOINER.join(text[s:e] for s, e in spans)


def to_article(spans: Spans, offset: int) -> int:
    """Map an offset into :func:`compose`'s text back to an offset into the article."""
    pos = 0
    for s, e in spans:
        length = e - s
        if offset <= pos + length:
            return s + max(0, offset - pos)
        pos += length + len(SPAN_JOINER)
    return spans[-1][1] if spans else offset


def contains(spans: Spans, start: int, end: int) -> bool:
    """``[start, end)`` overlaps one of the spans."""
    return any(start < e and s < end for s, e in spans)
