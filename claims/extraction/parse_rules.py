"""Clause cuts on a dependency parse, as small named rules run in a declared order.

:func:`claims.extraction.atomic.split_parsed` walks a parsed sentence twice and asks these rules where to
cut it:

* :data:`CLAUSE_RULES` (in :mod:`.parse_coord`, then :mod:`.parse_cuts`) look at each token heading a
  clause-like dependent (``conj``, ``advcl``, ``acl``, ``appos``...). For one token they are tried in order
  and the first that *claims* it (returns True) ends the search, so a later rule never sees a token an
  earlier one has decided on;
* :data:`CUE_RULES` (in :mod:`.parse_cues`, then :mod:`.parse_tails`) then look at each word for lexical
  cues the parser does not label reliably (``;``, ``, soit``, ``, un record``...), with the same
  first-claims-wins order.

A rule records a cut with :meth:`ParseContext.add` (the token where the new piece starts, whether it depends on
the piece before, and that piece's text) or gives an inserted clause as its own ``nested`` piece with
:meth:`ParseContext.nest`. A switched-off rule (see :func:`claims.extraction.rules.rules_disabled`) still
runs and still claims its tokens, but its cuts are dropped: everything the other rules do stays the same, so
``bench/extract_eval.py --without NAME`` measures exactly what that rule contributes.

Labels are Universal Dependencies as in ``fr_core_news_sm`` (the English ClearNLP labels ``relcl`` and
``acl`` are accepted as well).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import rules as named
from .types import Piece

_PUNCT_TRAIL = " ,;:—–-\u00a0\u202f\u2009"
_PLAN_HEADS = re.compile(
    r"^(?:annonc|prévoi|prévu|prévoy|planifi|projet|envisag|décid|propos|compt|veu|voul|souhait|promi|promet|"
    r"plan|project|decid|propos|intend|want|aim|seek|call|demand|exig|appel|vis|chercher|tent|try|tri|essai|"
    r"permet|allow|need|besoin|faut|doit|doiv|devr|must|should|ordonn|order|autoris|authori|fourn|provid|suffi)",
    re.I,
)
RELATIVE_WORDS = {"qui", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles", "which", "who", "whom", "whose"}
_INDEPENDENT_MARKS = {"tandis", "alors", "mais", "whereas", "while", "but", "although", "though", "cependant"}
_NUMBER_PREPS = {"contre", "avec", "pour", "against", "with", "versus", "vs"}
_PARTICIPLE_ENDS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "it", "ite", "its",
                    "ites", "ed")  # fmt: skip
CLAUSE_DEPS = {"acl:relcl", "relcl", "acl", "advcl", "appos", "parataxis", "conj", "ccomp", "amod"}
_VERBLESS_TAIL_CUES = re.compile(
    r"^(?:record|niveau|plus|moins|hausse|baisse|progression|recul|augmentation|chiffre|total|montant|"
    r"high|low|level|figure|total|rise|drop|increase|decrease|jump|fall|gain|loss|first|highest|lowest|"
    r"largest|biggest|best|worst)$",
    re.I,
)


# --- parse helpers ---------------------------------------------------------------------------------------------------


def has_subject(tok: Any) -> bool:
    return any(c.dep_.startswith(("nsubj", "expl:subj", "csubj")) for c in tok.children)


def is_clause(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in ("cop", "aux", "aux:pass", "aux:tense") for c in tok.children)


def is_form(tok: Any, *forms: str) -> bool:
    """The token's ``VerbForm`` is exactly one of ``forms`` (``"Fin"``, ``"Part"``, ``"Inf"``, ``"Ger"``)."""
    value = tok.morph.get("VerbForm")
    return len(value) == 1 and value[0] in forms


def subject_span(subj: Any, offset: int) -> tuple[int, int]:
    """The subject phrase's span without what a comma or dash sets off (``Les syndicats, qui ...``)."""
    doc = subj.doc
    end_tok = subj
    for t in doc[subj.i : subj.right_edge.i + 1]:
        if t.i > subj.i and t.text in (",", "(", "—", "–", ";"):
            break
        end_tok = t
    return int(subj.left_edge.idx) + offset, int(end_tok.idx) + len(end_tok) + offset


def subject_text(subj: Any, offset: int, text: str) -> str:
    """The subject phrase without what a comma or dash sets off (``Les syndicats, qui ...`` -> ``Les syndicats``)."""
    start, end = subject_span(subj, offset)
    return text[start:end]


def clause_subject(tok: Any) -> Any | None:
    """The subject of a clause head, inherited from the first conjunct for a coordinated verb."""
    seen = 0
    while tok is not None and seen < 5:
        subj = [c for c in tok.children if c.dep_.startswith(("nsubj", "csubj", "expl:subj"))]
        if subj:
            return subj[0]
        if tok.dep_ != "conj" or tok.head is tok:
            return None
        tok = tok.head
        seen += 1
    return None


def _first_word(tok: Any) -> int:
    """Index of the first non-punctuation token of ``tok``'s subtree."""
    begin = tok.left_edge.i
    while begin < tok.i and tok.doc[begin].is_punct:
        begin += 1
    return int(begin)


def _finite_verb_follows(doc: Any, begin: int, end: int) -> bool:
    """A finite verb in ``doc[begin:end + 1]`` before any punctuation or relative word."""
    for t in doc[begin : end + 1]:
        if t.is_punct or t.lower_ in RELATIVE_WORDS or t.lower_ in ("que", "qu'", "qu’", "that"):
            return False
        if t.pos_ in ("VERB", "AUX") and is_form(t, "Fin"):
            return True
    return False


# --- the context rules write to --------------------------------------------------------------------------------------


@dataclass(slots=True)
class ParseContext:
    """One parsed sentence (spaCy ``Span``) and the cuts the rules have recorded on it so far."""

    sent: Any
    offset: int  # maps doc offsets to ``text`` offsets
    text: str
    sentence: int
    cuts: dict[int, tuple[bool, str]] = field(default_factory=dict)  # token index -> (dependent, head text)
    subjects: dict[int, tuple[int, int]] = field(default_factory=dict)  # token index -> the borrowed subject's span
    nested: list[Piece] = field(default_factory=list)
    items: set[int] = field(default_factory=set)  # cuts opening a list item: never glued back, however short
    rule: str = ""  # the rule running now (its cuts are dropped when it is switched off)
    doc: Any = None
    root: Any = None
    first: int = 0
    last: int = 0  # the last token before the final punctuation
    main_chain: set[int] = field(default_factory=set)
    lead: tuple[int, int] | None = None  # the subject a leading adjunct is read with (``Auteur de 14 points, X …``)

    def __post_init__(self) -> None:
        self.doc, self.root = self.sent.doc, self.sent.root
        self.first, self.last = self.sent.start, self.sent.end - 1
        while self.last > self.first and self.doc[self.last].is_punct:
            self.last -= 1
        self.main_chain = {self.root.i} | {c.i for c in self.root.children if c.dep_ == "xcomp"}

    def char(self, tok: Any) -> int:
        return int(tok.idx) + self.offset

    def end_char(self, tok: Any) -> int:
        return int(tok.idx) + len(tok) + self.offset

    def head_phrase(self, tok: Any) -> str:
        """The sentence's text before ``tok``'s clause: what a dependent piece starting there hangs on."""
        return self.text[self.sent.start_char + self.offset : self.char(tok.left_edge)].rstrip(_PUNCT_TRAIL)

    def add(
        self, tok_index: int, dependent: bool, head: str, subject: Any = None, lead: tuple[int, int] | None = None
    ) -> None:
        """Cut before token ``tok_index`` (the first cut recorded at a token wins).

        ``subject``: the token heading the subject a predicate-only piece borrows; the piece is then built from
        that subject's span and its own (``La mairie … a ouvert un gymnase``). ``lead``: any other span of the
        sentence the piece is read with (``Le ministre a déclaré … qu'il créerait 2 000 emplois``).
        """
        if self.rule in named.DISABLED:
            return
        if self.first < tok_index <= self.last and tok_index not in self.cuts:
            self.cuts[tok_index] = (dependent, head)
            if lead is not None:
                self.subjects[tok_index] = lead
            elif subject is not None:
                start, end = subject_span(subject, self.offset)
                at = subject.left_edge.i
                while (
                    at < subject.i and self.doc[at].dep_ in ("case", "cc", "punct") and self.doc[at].head.i == subject.i
                ):
                    at += 1  # "par la cage d'escalier" -> "la cage d'escalier"; "et une quinzaine" -> "une quinzaine"
                start = max(start, self.char(self.doc[at]))
                self.subjects[tok_index] = (start, end)

    def nest(self, start: int, end: int, head: str, antecedent: tuple[int, int] | None = None) -> None:
        """Give ``text[start:end]`` (a clause inserted in the sentence) as its own piece, read with ``head``.

        ``antecedent``: the span of the noun phrase the clause qualifies; the claim is then built from it and the
        clause (one span when only a comma lies between: ``Les associations, qui contestent le projet``). A clause
        already given (by an earlier rule) is not given twice.
        """
        if self.rule in named.DISABLED or any(p.start == start for p in self.nested):
            return
        piece = Piece(start, end, self.sentence, True, head, nested=True, rule=self.rule)
        if antecedent is not None and antecedent[1] <= start:
            gap = self.text[antecedent[1] : start].strip(_PUNCT_TRAIL)
            piece.spans = [(antecedent[0], end)] if not gap else [antecedent, (start, end)]
        self.nested.append(piece)

    def antecedent_span(self, tok: Any, left: int) -> tuple[int, int]:
        """The span of the noun phrase a clause starting at token ``left`` and attached to ``tok.head`` qualifies."""
        start = self.char(tok.head.left_edge)
        end = self.char(self.doc[left - 1])
        while end > start and self.text[end - 1] in _PUNCT_TRAIL:
            end -= 1
        return start, end

    def antecedent(self, tok: Any, left: int) -> str:
        """The noun phrase a clause starting at token ``left`` and attached to ``tok.head`` qualifies."""
        start, end = self.antecedent_span(tok, left)
        return self.text[start:end]


@dataclass(frozen=True, slots=True)
class Clause:
    """A token heading a clause-like dependent, with what the clause rules look at around it."""

    tok: Any
    dep: str
    left: int  # index of the clause's first token
    comma_before: bool  # a comma, semicolon or dash right before the clause
    trailing: bool  # the clause runs to the end of the sentence


# Every cue rule looks only at a word right after one of CUE_AFTER, or at one of CUE_WORDS: the others are skipped.
CUE_AFTER = {",", ";", ":"}
CUE_WORDS = {"et", "mais", "ainsi", "contre", "and", "but"}
ClauseRule = Callable[[ParseContext, Clause], bool]
CueRule = Callable[[ParseContext, Any], bool]
CLAUSE_RULES: dict[str, ClauseRule] = {}
CUE_RULES: dict[str, CueRule] = {}


def clause_rule(name: str) -> Callable[[ClauseRule], ClauseRule]:
    def register(fn: ClauseRule) -> ClauseRule:
        CLAUSE_RULES[name] = fn
        named.KNOWN.add(name)
        return fn

    return register


def cue_rule(name: str) -> Callable[[CueRule], CueRule]:
    def register(fn: CueRule) -> CueRule:
        CUE_RULES[name] = fn
        named.KNOWN.add(name)
        return fn

    return register


def _hashes(words: set[str] | frozenset[str]) -> frozenset[int]:
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in words)


_CLAUSE_DEP_IDS = _hashes(CLAUSE_DEPS)
_CUE_AFTER_IDS = _hashes(CUE_AFTER)
_CUE_WORD_IDS = _hashes(CUE_WORDS)


def _columns(doc: Any) -> Any:
    """The Doc's dependency labels, forms and lower-cased forms as one array (hash ids), computed once per Doc.

    The rules run sentence by sentence; reading these three columns from the array instead of making a spaCy
    ``Token`` for every word skips the words no rule looks at (most of them) without changing what the rules see.
    """
    cached = doc.user_data.get("_rule_columns")
    if cached is None:
        from spacy.attrs import DEP, LOWER, ORTH

        cached = doc.to_array([DEP, ORTH, LOWER]).tolist()
        doc.user_data["_rule_columns"] = cached
    return cached


def run(ctx: ParseContext) -> None:
    """Run the clause rules on each clause head, then the cue rules on each word, recording cuts in ``ctx``."""
    doc, first, last = ctx.doc, ctx.first, ctx.last
    columns = _columns(doc)
    start, end = ctx.sent.start, ctx.sent.end
    for i in range(start, end):
        if columns[i][0] not in _CLAUSE_DEP_IDS:
            continue
        tok = doc[i]
        left = tok.left_edge.i
        if left <= first:
            continue
        clause = Clause(tok, tok.dep_, left, doc[left - 1].text in (",", ";", "—", "–"), tok.right_edge.i >= last)
        for name, fn in CLAUSE_RULES.items():
            ctx.rule = name
            if fn(ctx, clause):
                break
    for i in range(max(start, first + 1), min(end, last + 1)):
        before = columns[i - 1][1] if i > start else None
        if before not in _CUE_AFTER_IDS and columns[i][2] not in _CUE_WORD_IDS:
            continue  # no cue rule looks at a word not after a comma or semicolon, nor a conjunction
        tok = doc[i]
        for name, cue in CUE_RULES.items():
            ctx.rule = name
            if cue(ctx, tok):
                break
    ctx.rule = ""
