"""Split sentences into atomic clause-level pieces.

Two engines produce the same :class:`Piece` objects (character offsets into the text):

* ``split_parsed`` uses a spaCy dependency parse (Universal Dependencies labels as in
  ``fr_core_news_sm``; ClearNLP labels of the English models are mapped too);
* ``split_rules`` uses punctuation and connective cues (the named rules of ``cue_rules``), for languages
  without a model (English among them).

A sentence is cut only into contiguous pieces. Pieces with their own subject (coordinated main
clauses, ``tandis que`` clauses, ``;``) are independent; trailing relatives, participles,
appositions, ``soit ...`` additions and purpose clauses are *dependent*: they carry a new fact but
need the piece they hang on to be understood, which is recorded in ``head_text``.

A clause inserted between a subject and its verb (``Les syndicats, qui réclamaient ce plan depuis
2021, ont salué ...``) is not cut out of its sentence: the main clause keeps its subject, and the
inserted clause is given *as well*, as a ``nested`` dependent piece whose ``head_text`` is its
antecedent. A piece whose verbs all take their subject from outside it (``mais jugent ...``) is
marked dependent with that subject as ``head_text``, so it is never read as standalone.
"""

from __future__ import annotations

import re
from typing import Any

from . import cue_rules as _cue_rules  # noqa: F401  (the punctuation-engine rules)
from . import cue_split, parse_rules
from . import cue_tails as _cue_tails  # noqa: F401  (and its English closing-fact rules, run after them)
from . import parse_additions as _parse_additions  # noqa: F401  (French verbless additions, tried after parse_tails)
from . import parse_cues as _parse_cues  # noqa: F401  (importing registers the cue rules)
from . import parse_cuts as _parse_cuts  # noqa: F401  (and the clause rules)
from . import parse_leads as _parse_leads  # noqa: F401  (the fallbacks tried last, where the parse gave no cut)
from . import parse_tails as _parse_tails  # noqa: F401  (and the French cue rules after them)
from . import rules_en as _rules_en  # noqa: F401  (the English post-rules)
from . import rules_en_modal as _rules_en_modal  # noqa: F401  (a modal shared by further verbs)
from . import rules_lists as _rules_lists  # noqa: F401  (distributive lists)
from .cue_split import alpha_count as _alpha_count
from .parse_rules import clause_subject as _clause_subject
from .parse_rules import is_clause as _is_clause
from .parse_rules import subject_text as _subject_text
from .rules import _with_subject, apply_rules
from .types import Piece

_PUNCT_TRAIL = " ,;:—–-\u00a0\u202f\u2009"
_SPEECH_ONLY = re.compile(
    r"^[,»\"”\s]*(?:(?:a|ont|avait)(?:-t-(?:il|elle|ils|elles)|\s)\s*)?(?:\w+\s+){0,3}?"
    r"(?:déclaré|affirmé|ajouté|expliqué|indiqué|précisé|souligné|estimé|dit|assuré|rappelé|confié|"
    r"said|says|added|noted|explained|told|wrote|argued)\b[^.!?\d]{0,50}[.!?]?[»\"”]?$",
    re.I,
)
_MIN_TOKENS = 3


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1] in _PUNCT_TRAIL or text[end - 1].isspace()):
        end -= 1
    return start, end


# Set phrases with "et", "and" or a comma inside: never a place to cut ("La Hongrie a d'ores et déjà fait part …").
_FIXED_EXPRESSION = re.compile(
    r"\b(?:d['’]ores et déjà|bel et bien|purement et simplement|tant et si bien|sain et sauf|saine et sauve|"
    r"sains et saufs|ni plus ni moins|et cetera|ici et là|çà et là|by and large|first and foremost|more and more|"
    r"again and again|over and over|safe and sound|up and running|once and for all|here and there|now and then|"
    r"back and forth|each and every|and so on)\b",
    re.I,
)


def _pieces_from_cuts(
    text: str,
    start: int,
    end: int,
    sentence: int,
    cuts: list[tuple[int, bool, str]],
    keep: frozenset[int] = frozenset(),
) -> list[Piece]:
    """Turn sorted cut points ``(char_offset, dependent, head_text)`` into trimmed pieces.

    A piece starting at an offset of ``keep`` (a list item, read with its verb, or a clause a rule has checked) is
    never glued back, however short.
    """
    pieces: list[Piece] = []
    fixed = [(m.start(), m.end()) for m in _FIXED_EXPRESSION.finditer(text, start, end)]
    bounds = [(start, False, "")] + [
        c for c in cuts if start < c[0] < end and not any(fs < c[0] < fe for fs, fe in fixed)
    ]
    for i, (s, dependent, head) in enumerate(bounds):
        e = bounds[i + 1][0] if i + 1 < len(bounds) else end
        ps, pe = _trim(text, s, e)
        if i + 1 == len(bounds):
            pe = end  # the last piece keeps the sentence's final punctuation
            while pe > ps and text[pe - 1].isspace():
                pe -= 1
        if pe <= ps:
            continue
        chunk = text[ps:pe]
        short = _alpha_count(chunk) < _MIN_TOKENS
        if pieces and s not in keep and (short or (_SPEECH_ONLY.match(chunk) and len(chunk) < 100)):
            pieces[-1].end = pe  # too small to stand alone, or a bare "a-t-il déclaré": glue back
            continue
        pieces.append(Piece(ps, pe, sentence, dependent=dependent and bool(pieces), head_text=head))
    if pieces and _alpha_count(text[pieces[0].start : pieces[0].end]) < _MIN_TOKENS and len(pieces) > 1:
        pieces[1].start = pieces[0].start
        pieces[1].dependent = False
        pieces.pop(0)
    return pieces


# --- dependency-parse engine ---------------------------------------------------------------------------------------


def split_parsed(sent: Any, offset: int, text: str, sentence: int) -> list[Piece]:
    """Cut a parsed sentence (spaCy ``Span``); ``offset`` maps doc offsets to ``text`` offsets.

    The named rules of :mod:`.parse_cuts` and :mod:`.parse_cues` decide where to cut (see :mod:`.parse_rules`
    for the order they are tried in); this driver turns their cuts into pieces, marks predicate-only pieces,
    keeps the nested pieces that lie inside a piece, and hands the lot to the post-rules of :mod:`.rules`.
    """
    ctx = parse_rules.ParseContext(sent, offset, text, sentence)
    parse_rules.run(ctx)
    doc = ctx.doc
    char_cuts = [(doc[i].idx + offset, dep, head) for i, (dep, head) in sorted(ctx.cuts.items())]
    keep = frozenset(doc[i].idx + offset for i in ctx.items)
    pieces = _pieces_from_cuts(text, sent.start_char + offset, sent.end_char + offset, sentence, char_cuts, keep)
    subjects = {doc[i].idx + offset: span for i, span in ctx.subjects.items()}
    for piece in pieces[1:]:  # the sentence's first piece holds its subject (or it has none at all)
        subject = subjects.get(piece.start)
        if not piece.dependent:
            subject = _mark_predicate_only(piece, sent, offset, text)
        if subject is not None and parse_rules.named.is_enabled("borrowed_subject"):
            _with_subject(piece, subject, text)
    if ctx.lead is not None and len(pieces) > 1 and pieces[0].end <= ctx.lead[0] == pieces[1].start:
        _read_with_subject_after(pieces[0], ctx.lead, text)
    for inner in ctx.nested:
        if any(p.start < inner.start and inner.end <= p.end for p in pieces):
            pieces.append(inner)
    pieces = apply_rules(text, sent.start_char + offset, sent.end_char + offset, sentence, pieces)
    return _inserted_out_of_main(pieces, text)


# Switch: the main claim is built from the spans around a clause inserted in it (given as its own claim).
INSERTED_OUT_OF_MAIN = "inserted_out_of_main"
parse_rules.named.KNOWN.add(INSERTED_OUT_OF_MAIN)
_GAP = " ,;—–-()\u00a0\u202f\u2009"


# On the cue path only a relative is taken out: an apposition (``Helen Brackley, the chief executive, …``)
# names who the subject is and stays in the main claim.
_CUE_CARVED = frozenset({"cue_inserted_clause"})


def _inserted_out_of_main(pieces: list[Piece], text: str, rules: frozenset[str] | None = None) -> list[Piece]:
    """Build every claim holding an inserted clause (itself a claim; made by one of ``rules`` when given) from the
    spans around it."""
    if parse_rules.named.is_enabled(INSERTED_OUT_OF_MAIN):
        for inner in [p for p in pieces if p.nested and (rules is None or p.rule in rules)]:
            for holder in pieces:  # the main claim, and any claim read with the same subject span
                hull = holder.spans or [(holder.start, holder.end)]
                if not holder.nested and hull[0][0] < inner.start and inner.end < hull[-1][1]:
                    _carve(holder, inner.start, inner.end, text)
    return pieces


def _carve(piece: Piece, start: int, end: int, text: str) -> None:
    """Build ``piece`` from its spans without ``text[start:end]`` and the commas or dashes setting it off.

    ``Les associations, qui contestent le projet, ont déposé un recours`` -> ``Les associations … ont déposé un
    recours`` (the relative is a claim of its own). Nothing changes when the clause is not inside one span.
    """
    spans = piece.spans or [(piece.start, piece.end)]
    first, last = spans[0][0], spans[-1][1]
    before, after = text[first:start].rstrip(), text[end:last].lstrip()
    if not (before.endswith((",", "—", "–", "(")) and after.startswith((",", "—", "–", ")"))):
        return  # not set off on both sides: no inserted clause to take out
    g0, g1 = start, end
    while g0 > first and text[g0 - 1] in _GAP:
        g0 -= 1
    while g1 < last and text[g1] in _GAP:
        g1 += 1
    for index, (s, e) in enumerate(spans):
        if s < g0 and g1 < e:
            piece.spans = [*spans[:index], (s, g0), (g1, e), *spans[index + 1 :]]
            return


def _read_with_subject_after(
    piece: Piece, subject: tuple[int, int], text: str, rule_name: str = "leading_adjunct"
) -> None:
    """A leading adjunct (``Auteur de 14 points,``) is read with the subject after it: ``Auteur de 14 points …
    Casaubon`` (its own fact, which needs the main clause's subject to be understood)."""
    piece.dependent = True
    piece.head_text = text[subject[0] : subject[1]]
    piece.spans = [(piece.start, piece.end), subject]
    piece.rule = rule_name


def _mark_predicate_only(piece: Piece, sent: Any, offset: int, text: str) -> tuple[int, int] | None:
    """Flag a piece whose verbs all take their subject from outside it (``ont salué ...``); that subject's span."""
    heads = []
    for tok in sent:
        pos = tok.idx + offset
        if (
            piece.start <= pos < piece.end
            and _is_clause(tok)
            and not (piece.start <= tok.head.idx + offset < piece.end and tok.head is not tok)
        ):
            heads.append(tok)
    if not heads:
        return None
    outside: Any = None
    for tok in heads:
        subj = _clause_subject(tok)
        if subj is None:
            return None  # impersonal or imperative: nothing to borrow
        if piece.start <= subj.idx + offset < piece.end:
            return None  # the piece has its own subject
        outside = subj
    if outside is None:
        return None
    piece.dependent = True
    piece.head_text = _subject_text(outside, offset, text)
    return parse_rules.subject_span(outside, offset)


# --- punctuation-and-connective engine -----------------------------------------------------------------------------


def split_rules(text: str, start: int, end: int, sentence: int) -> list[Piece]:
    """Cut a sentence with punctuation and connective cues only (the named rules of :mod:`.cue_rules`)."""
    ctx = cue_split.CueContext(text, start, end, sentence)
    cue_split.run(ctx)
    pieces = _pieces_from_cuts(text, start, end, sentence, sorted(ctx.cuts), frozenset(ctx.keep))
    if ctx.lead is not None and len(pieces) > 1 and pieces[0].end <= ctx.lead[0] == pieces[1].start:
        _read_with_subject_after(pieces[0], ctx.lead, text, "cue_leading_participle")
    for inner in ctx.nested:
        if any(p.start < inner.start and inner.end <= p.end for p in pieces):
            pieces.append(inner)
    return _inserted_out_of_main(apply_rules(text, start, end, sentence, pieces), text, _CUE_CARVED)
