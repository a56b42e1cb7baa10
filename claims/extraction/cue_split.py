"""The punctuation-and-connective engine (English, and any language without a parse), as small named rules.

:func:`split_rules` runs the rules of :data:`CUE_SPLIT_RULES` in order on one sentence; each looks at the
sentence's text and records cuts (``(offset, dependent, head_text)``) or inserted clauses (``nested`` pieces) in a
:class:`CueContext`. A switched-off rule (``rules_disabled("cue_trailing")``, ``--without cue_trailing``) still
runs and still *claims* what it matched, so the rules after it see the same sentence, but its cuts are dropped:
``bench/extract_eval.py --without NAME`` measures exactly what that rule contributes. The cuts become pieces in
:func:`claims.extraction.atomic._pieces_from_cuts`, then the post-rules of :mod:`.rules` run on them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import rules as named
from .types import Piece

CueSplitRule = Callable[["CueContext"], None]
CUE_SPLIT_RULES: dict[str, CueSplitRule] = {}


@dataclass(slots=True)
class CueContext:
    """One sentence ``text[start:end]`` and what the cue rules have recorded on it so far."""

    text: str
    start: int
    end: int
    sentence: int
    cuts: list[tuple[int, bool, str]] = field(default_factory=list)
    nested: list[Piece] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)  # sentence offsets a rule has decided on
    keep: set[int] = field(default_factory=set)  # text offsets of pieces kept however short ("from 31")
    rule: str = ""
    lead: tuple[int, int] | None = None  # the subject (text offsets) a leading participle is read with

    @property
    def sentence_text(self) -> str:
        return self.text[self.start : self.end]

    def add(self, offset: int, dependent: bool, head: str, *, keep: bool = False) -> None:
        """Cut at sentence offset ``offset`` (dropped when the running rule is switched off); ``keep``: the piece
        it opens stands alone however short (a bare comparison such as ``from 31``)."""
        if self.rule not in named.DISABLED:
            self.cuts.append((self.start + offset, dependent, head))
            if keep:
                self.keep.add(self.start + offset)

    def nest(self, begin: int, end: int, head: str, antecedent: tuple[int, int] | None = None) -> None:
        """Give the sentence's ``[begin, end)`` (an inserted clause) as its own piece, read with ``head``.

        ``antecedent`` (sentence offsets): the noun phrase the clause qualifies; the claim is then built from it
        and the clause (one span when only a comma lies between).
        """
        if self.rule in named.DISABLED:
            return
        piece = Piece(self.start + begin, self.start + end, self.sentence, True, head, nested=True, rule=self.rule)
        if antecedent is not None:
            a0, a1 = self.start + antecedent[0], self.start + antecedent[1]
            gap = self.text[a1 : piece.start].strip(PUNCT_TRAIL)
            piece.spans = [(a0, piece.end)] if not gap else [(a0, a1), (piece.start, piece.end)]
        self.nested.append(piece)


def cue_split_rule(name: str) -> Callable[[CueSplitRule], CueSplitRule]:
    def register(fn: CueSplitRule) -> CueSplitRule:
        CUE_SPLIT_RULES[name] = fn
        named.KNOWN.add(name)
        return fn

    return register


def run(ctx: CueContext) -> None:
    for name, fn in CUE_SPLIT_RULES.items():
        ctx.rule = name
        fn(ctx)
    ctx.rule = ""


PUNCT_TRAIL = " ,;:—–-\u00a0\u202f\u2009"


_ALPHA_RUN = re.compile(r"[^\W\d_]{2,}|\d+")  # compiled once: every piece of every sentence is counted


def alpha_count(text: str) -> int:
    """Words and numbers in ``text`` (a piece with fewer than three is glued back to its neighbour)."""
    return len(_ALPHA_RUN.findall(text))
