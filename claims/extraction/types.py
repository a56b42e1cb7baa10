"""Plain data types returned by the extraction pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("quantity", "event", "attribution", "plan", "comparison", "other")
# Joins the text of a claim's spans when they are apart ("Les syndicats … réclamaient ce plan").
SPAN_JOINER = " … "


class ExtractionError(Exception):
    """Base class for errors raised by :mod:`claims.extraction`."""


class ExtractionInputError(ExtractionError, ValueError):
    """The text cannot be processed (empty, binary junk, wrong type...)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into the original text."""

    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(slots=True)
class Piece:
    """A clause-level piece of a sentence before scoring.

    ``dependent`` marks a piece that has no subject of its own (trailing relative, participle,
    coordinated verb phrase...); ``head_text`` is then the text of the piece it depends on.
    ``nested`` marks an inserted clause (``Les syndicats, qui réclamaient ce plan, ont salué ...``)
    given as its own piece *inside* the piece of its main clause: the only case where pieces overlap.
    """

    start: int
    end: int
    sentence: int
    dependent: bool = False
    head_text: str = ""
    attribution: str | None = None
    subject_ref: str | None = None  # e.g. "ces bases", "it": an unresolved reference in subject position
    nested: bool = False  # lies inside a larger piece (an inserted relative or participle clause)
    # The character spans the claim is built from when they are apart (subject + predicate); None: [start, end).
    spans: list[tuple[int, int]] | None = None
    rule: str = ""  # the named splitting rule that produced the piece ("" for the sentence's first piece)


@dataclass(slots=True)
class ExtractedClaim:
    text: str
    start: int
    end: int
    score: float
    checkworthy: bool
    kind: str
    reasons: list[dict[str, Any]] = field(default_factory=list)  # codes with parameters (see ``reasons``)
    entities: list[dict[str, str]] = field(default_factory=list)
    dates: list[dict[str, str]] = field(default_factory=list)
    numbers: list[dict[str, Any]] = field(default_factory=list)
    attribution: str | None = None
    needs_context: bool = False
    context: str = ""
    sentence_index: int = 0
    paragraph_index: int = 0
    # The spans the claim is built from, in order and apart; ``start``/``end`` is their hull and ``text`` their
    # text joined with SPAN_JOINER. Empty means the one span ``[start, end)``.
    spans: list[tuple[int, int]] = field(default_factory=list)
    sentence: tuple[int, int] | None = None  # the whole sentence's span

    def span_list(self) -> list[list[int]]:
        return [[s, e] for s, e in self.spans] if self.spans else [[self.start, self.end]]

    def facts(self) -> dict[str, Any]:
        """The structured facts, as stored in ``Claim.facts``."""
        return {
            "entities": self.entities,
            "dates": self.dates,
            "numbers": self.numbers,
            "attribution": self.attribution,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "checkworthy": self.checkworthy,
            "score": round(self.score, 3),
            "kind": self.kind,
            "reasons": list(self.reasons),
            "entities": self.entities,
            "dates": self.dates,
            "numbers": self.numbers,
            "attribution": self.attribution,
            "needs_context": self.needs_context,
            "context": self.context,
            "sentence_index": self.sentence_index,
            "paragraph_index": self.paragraph_index,
            "spans": self.span_list(),
            "sentence": list(self.sentence) if self.sentence else [self.start, self.end],
        }


@dataclass(slots=True)
class ExtractionResult:
    language: str
    claims: list[ExtractedClaim]
    language_detected: bool = False
    engine: str = "rules"

    @property
    def checkworthy(self) -> list[ExtractedClaim]:
        return [c for c in self.claims if c.checkworthy]

    def to_list(self) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.claims]
