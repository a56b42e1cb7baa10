"""Split sentences into atomic clause-level pieces.

Two engines produce the same :class:`Piece` objects (character offsets into the text):

* ``split_parsed`` uses a spaCy dependency parse (Universal Dependencies labels as in
  ``fr_core_news_sm``; ClearNLP labels of the English models are mapped too);
* ``split_rules`` uses punctuation and connective cues, for languages without a model.

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

from . import parse_cues as _parse_cues  # noqa: F401  (importing registers the cue rules)
from . import parse_cuts as _parse_cuts  # noqa: F401  (and the clause rules)
from . import parse_rules
from .attribution import _EN_VERBS, _FR_VERBS
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


def _alpha_count(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}|\d+", text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1] in _PUNCT_TRAIL or text[end - 1].isspace()):
        end -= 1
    return start, end


def _pieces_from_cuts(text: str, start: int, end: int, sentence: int, cuts: list[tuple[int, bool, str]]) -> list[Piece]:
    """Turn sorted cut points ``(char_offset, dependent, head_text)`` into trimmed pieces."""
    pieces: list[Piece] = []
    bounds = [(start, False, "")] + [c for c in cuts if start < c[0] < end]
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
        if pieces and (_alpha_count(chunk) < _MIN_TOKENS or (_SPEECH_ONLY.match(chunk) and len(chunk) < 100)):
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
    pieces = _pieces_from_cuts(text, sent.start_char + offset, sent.end_char + offset, sentence, char_cuts)
    subjects = {doc[i].idx + offset: span for i, span in ctx.subjects.items()}
    for piece in pieces[1:]:  # the sentence's first piece holds its subject (or it has none at all)
        subject = subjects.get(piece.start)
        if not piece.dependent:
            subject = _mark_predicate_only(piece, sent, offset, text)
        if subject is not None and parse_rules.named.is_enabled("borrowed_subject"):
            _with_subject(piece, subject, text)
    for inner in ctx.nested:
        if any(p.start < inner.start and inner.end <= p.end for p in pieces):
            pieces.append(inner)
    return apply_rules(text, sent.start_char + offset, sent.end_char + offset, sentence, pieces)


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


# --- rule engine -----------------------------------------------------------------------------------------------------

_SUBJECT_START = (
    r"(?:the|a|an|its|his|her|their|our|this|these|those|it|he|she|they|we|i|there|le|la|les|l['’]|un|une|des|"
    r"il|elle|ils|elles|on|nous|ce|cette|ces|cet|son|sa|ses|leur|leurs|[A-ZÀ-Ý][\w’'-]+)\b"
)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|do|said|says|"
    r"\w{2,}ed|rose|fell|grew|said|told|made|took|won|lost|hit|cut|gave|got|became|began|saw|went|came|left|paid|"
    r"sold|spent|set|put|kept|expects?|plans?|wants?|remains?|says|est|sont|était|étaient|a|ont|avait|avaient|sera|seront|va|vont|peut|peuvent|doit|doivent|"
    r"stood|held|met|led|ran|built|brought|bought|thought|found|felt|won|sent|struck|drew|drove|flew|knew|shot|"
    r"spoke|wrote|threw|broke|chose|stands|holds|stays|includes|contains|shows|costs|reaches|"
    r"\w{3,}(?:ait|aient|era|eront|ira|iront))\b",
    re.I,
)
_INDEPENDENT_RE = re.compile(
    r"(?:;\s+|,\s+(?:and|but|while|whereas|yet|although|though|et|mais|tandis qu['’e]\s*|alors qu['’e]\s*|"
    r"cependant)\s+)",
    re.I,
)
_SUBJECT_START_RE = re.compile(_SUBJECT_START, re.I)
_CLAUSE_WORDS = 7  # a coordinated clause shows its verb within this many words
_NOT_SUBJECT_WORDS = re.compile(
    r"^(?:to|in|on|at|by|for|from|with|of|as|not|also|then|than|so|de|du|des|à|au|aux|en|dans|par|pour|sur|avec|"
    r"pas|aussi|puis|ne|n['’]\w+|se|s['’]\w+)$",
    re.I,
)
_CLOSING_COMMA = re.compile(r",\s+")
_DEPENDENT_RE = re.compile(
    r",\s+(?=(?:which|who|whose|where|qui|dont|où|soit|ce qui|ce que|up from|down from|up by|down by|"
    r"(?:up|down|en hausse de|en baisse de)\s+\$?\d|"
    r"(?:a|an|une|un)\s+(?:[\w%.,-]+\s+){0,2}(?:rise|increase|jump|drop|decline|fall|decrease|gain|cut|loss|hausse|"
    r"baisse|progression|augmentation|recul|diminution)\s+(?:of|de|d['’]|over|from|on|sur|par rapport)|"
    r"representing|bringing|marking|making it|"
    r"(?:a|an|the|un|une)\s+(?:[\w-]+\s+){0,2}(?:record|level|high|low|figure|niveau|chiffre|sommet|plancher)\b|"
    r"the\s+(?:highest|lowest|largest|biggest|smallest|best|worst|first|most|least|fastest|slowest)\b|"
    r"compared with|compared to|equivalent to|i\.e\.|aiming to|designed to|intended to|seeking to|visant à|"
    r"(?!including|according|following|citing|saying|adding|during|concerning|regarding)[a-z]{3,}ing\s|"
    r"(?:contre|against|with|avec|pour|for|versus)\s+[^,;]{0,25}\d[^,;]*[.!?]?$|"
    r"destinée?s? à|afin de|afin d['’])\b)",
    re.I,
)
# The last verb of saying (or "that"/"que") before an embedded clause's subject.
_REPORTED_TAIL = re.compile(
    rf"^.*\b(?:{_EN_VERBS}|that|{_FR_VERBS}\w*\s+(?:que|qu['’])|que|qu['’])(?:\s+(?:that|que|qu['’]))?\s*",
    re.I,
)
_PURPOSE_RE = re.compile(r"\s+(?=(?:in order to|so as to|afin de|afin d['’])\s)", re.I)


def _coordinated(rest: str) -> str:
    """What follows ``, and`` / ``, mais``: ``clause`` (own subject and verb), ``predicate`` (verb only) or ``""``."""
    words = re.findall(r"[\w’'%-]+(?:[.,]\d+)*", re.split(r",\s", rest)[0])[:_CLAUSE_WORDS]
    if not words:
        return ""
    if _VERBISH.fullmatch(words[0]) and not _SUBJECT_START_RE.fullmatch(words[0]):
        return "predicate"
    if _NOT_SUBJECT_WORDS.match(words[0]):
        return ""
    for i, word in enumerate(words[1:], start=1):
        if _VERBISH.fullmatch(word):
            return "clause" if i <= 5 else ""
    return ""


def split_rules(text: str, start: int, end: int, sentence: int) -> list[Piece]:
    """Cut a sentence with punctuation and connective cues only."""
    sent_text = text[start:end]
    cuts: list[tuple[int, bool, str]] = []
    nested: list[Piece] = []
    for m in _INDEPENDENT_RE.finditer(sent_text):
        if m.group(0).startswith(";"):
            cuts.append((start + m.end(), False, ""))
            continue
        kind = _coordinated(sent_text[m.end() : m.end() + 80])
        if kind == "clause":
            cuts.append((start + m.start() + 1, False, ""))  # the connective opens the second clause
        elif kind == "predicate":
            # ", and said ...": a second predicate of the same subject, read with the first clause.
            cuts.append((start + m.start() + 1, True, sent_text[: m.start()].rstrip(_PUNCT_TRAIL)))
    for regex in (_DEPENDENT_RE, _PURPOSE_RE):
        for m in regex.finditer(sent_text):
            rest = sent_text[m.end() :]
            if _alpha_count(rest) < 4:
                continue
            head = sent_text[: m.start()].rstrip(_PUNCT_TRAIL)
            inserted = _inserted_clause(sent_text, m.end(), head) if regex is _DEPENDENT_RE else None
            if inserted is not None:
                # "The campaign, which will cost $4m, includes ...": keep the sentence whole (subject and
                # predicate together) and give the inserted clause on its own, read with its antecedent.
                reported = _REPORTED_TAIL.search(head)
                antecedent = head[reported.end() :] if reported else head
                nested.append(Piece(start + m.end(), start + inserted, sentence, True, antecedent, nested=True))
                continue
            cuts.append((start + m.end(), True, head))
    cuts.sort()
    pieces = _pieces_from_cuts(text, start, end, sentence, cuts)
    for inner in nested:
        if any(p.start < inner.start and inner.end <= p.end for p in pieces):
            pieces.append(inner)
    return apply_rules(text, start, end, sentence, pieces)


def _inserted_clause(sent_text: str, begin: int, head: str) -> int | None:
    """End of a clause set off by commas between a verbless subject and its predicate, else None.

    The subject may follow a verb of saying: ``He said the bridge, which cost $40m, would open in May``.
    """
    reported = _REPORTED_TAIL.search(head)
    if reported:
        head = head[reported.end() :]
    if not head or _VERBISH.search(head) or re.search(r",\s", head) or len(head.split()) > 8:
        return None
    close = _CLOSING_COMMA.search(sent_text, begin)
    if close is None:
        return None
    after = sent_text[close.end() :]
    first = re.match(r"[\w’'-]+", after)
    if first is None or not first.group(0)[0].islower() or _NOT_SUBJECT_WORDS.match(first.group(0)):
        return None
    if re.match(r"(?:and|but|or|et|mais|ou|the|a|an|le|la|les|un|une|des|which|who|qui)$", first.group(0), re.I):
        return None
    if _alpha_count(sent_text[begin : close.start()]) < 3:
        return None
    return close.start()
