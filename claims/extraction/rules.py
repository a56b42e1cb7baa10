"""Named splitting rules run on a sentence's pieces after either engine (parse or punctuation cues).

Each rule is a small function ``rule(ctx, pieces) -> pieces`` registered under a name in :data:`RULES`, in
the order they run. A rule can be read, tested and measured alone, and switched off::

    with rules_disabled("distributive_list"):
        extract(text)

or for a whole process with ``EXTRACTION_RULES_OFF=distributive_list,with_clause`` (read by the bench
scripts and by :func:`disabled_from_env`). Rules only cut pieces further or add spans: every piece keeps
exact offsets into the article, and ``Piece.spans`` lists the ranges a self-contained claim is built from
(the sentence's subject and the predicate piece when they are apart).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .en_words import looks_english
from .en_words import subject_end as en_subject
from .types import Piece
from .verbs import EN_IRREGULAR_PAST, EN_PRED, FR_PRED

_PUNCT = " ,;:—–-\u00a0\u202f\u2009"


@dataclass(slots=True)
class Context:
    text: str
    start: int  # the sentence's span in the article
    end: int
    sentence: int

    @property
    def sentence_text(self) -> str:
        return self.text[self.start : self.end]


Rule = Callable[[Context, list[Piece]], list[Piece]]
RULES: dict[str, Rule] = {}
# Every rule name that can be switched off: these post-rules and the parse-engine rules of ``parse_cuts``.
KNOWN: set[str] = set()
DISABLED: set[str] = set()


def rule(name: str, before: str | None = None) -> Callable[[Rule], Rule]:
    """Register a rule under ``name``, last or right ``before`` a rule already registered."""

    def register(fn: Rule) -> Rule:
        items = list(RULES.items())
        at = [n for n, _ in items].index(before) if before else len(items)
        RULES.clear()
        RULES.update([*items[:at], (name, fn), *items[at:]])
        KNOWN.add(name)
        return fn

    return register


@contextmanager
def rules_disabled(*names: str) -> Iterator[None]:
    unknown = set(names) - KNOWN
    if unknown:
        raise KeyError(f"no such rule: {', '.join(sorted(unknown))}")
    before = set(DISABLED)
    DISABLED.update(names)
    try:
        yield
    finally:
        DISABLED.clear()
        DISABLED.update(before)


def is_enabled(name: str) -> bool:
    return name not in DISABLED


# Switches that are not a rule of RULES: "borrowed_subject" builds a parsed predicate-only piece from its subject's
# span and its own (the parse engine's counterpart of restore_subject).
KNOWN.add("borrowed_subject")


def disabled_from_env() -> None:
    DISABLED.update(n.strip() for n in os.environ.get("EXTRACTION_RULES_OFF", "").split(",") if n.strip() in KNOWN)


def apply_rules(text: str, start: int, end: int, sentence: int, pieces: list[Piece]) -> list[Piece]:
    ctx = Context(text, start, end, sentence)
    for name, fn in RULES.items():
        if name not in DISABLED:
            pieces = fn(ctx, pieces)
    pieces.sort(key=lambda p: (p.start, -p.end))
    return pieces


# --- shared helpers --------------------------------------------------------------------------------------------------

_WORDS = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*", re.U)
_FINITE = re.compile(
    r"^(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|do|says?|said|"
    r"\w{2,}ed|rose|fell|grew|told|made|took|won|lost|hit|cut|gave|got|became|began|saw|went|came|left|paid|sold|"
    r"spent|set|put|kept|held|met|led|ran|built|brought|bought|found|sent|struck|drew|flew|knew|spoke|wrote|"
    r"chose|expects?|plans?|wants?|remains?|includes?|contains?|shows?|costs?|reaches|carries|urges?|calls?|"
    r"compte|comptent|possède|possèdent|comprend|comprennent|inclut|incluent|regroupe|regroupent|emploie|"
    r"est|sont|était|étaient|a|ont|avait|avaient|sera|seront|va|vont|peut|peuvent|doit|doivent|fut|furent|"
    r"\w{3,}(?:ait|aient|era|eront|ira|iront))$",
    re.I,
)
_NOT_SUBJECT_START = re.compile(
    r"^(?:to|in|on|at|by|for|from|with|of|as|if|when|while|after|before|since|because|although|de|du|des|à|au|"
    r"aux|en|dans|par|pour|sur|avec|selon|d['’]après|si|quand|lorsque|après|avant|depuis|comme|pourquoi|how|why|"
    r"what|who|which|qui|que|où|dont|and|but|or|et|mais|ou|[a-z]+ing|(?!(?:pl|gi|migr|ten|serv|merch|eleph|assist|"
    r"applic|consult|particip|immigr|occup|defend|lieuten|inf|restaur)ant$)[a-zé]+ant)$",
    re.I,
)
_FR_EN_DETS = re.compile(
    r"^(?:the|a|an|this|these|le|la|les|l['’]|un|une|des|ce|cet|cette|ces|son|sa|ses|leur|leurs)$", re.I
)


def subject_span(ctx: Context, before: int) -> tuple[int, int] | None:
    """The sentence's subject (from its start, past an introductory phrase, up to its first finite verb)."""
    if looks_english(ctx.sentence_text):  # English verbs are told by their form and what follows (en_words)
        return en_subject(ctx.text, ctx.start, before)
    text, pos = ctx.text, ctx.start
    intro = re.match(r"[^,;:]{0,60}?,\s+", text[pos:before])
    first = _WORDS.search(text, pos, before)
    if first is None:
        return None
    if _NOT_SUBJECT_START.match(first.group(0)) and intro:
        pos += intro.end()
    words = list(_WORDS.finditer(text, pos, before))
    if not words or _NOT_SUBJECT_START.match(words[0].group(0)) or not words[0].group(0)[0].isalpha():
        return None
    for i, m in enumerate(words[:9]):
        if i and _FINITE.match(m.group(0)):
            end = words[i - 1].end()
            if re.search(r"[,;:()«»\"“”]", text[words[0].start() : end]):
                return _before_inserted(ctx, words[0].start(), before)
            return words[0].start(), end
    return _before_inserted(ctx, words[0].start(), before)


def _before_inserted(ctx: Context, begin: int, before: int) -> tuple[int, int] | None:
    """``The storm``, when a clause set off by commas follows it (``The storm, which formed on Sunday, hit …``)."""
    m = re.match(
        r"([^,;:()«»\"“”]{2,50}?),\s+(?:which|who|whose|qui|dont)\b[^,;]{3,120},\s+(\w+)", ctx.text[begin:before]
    )
    if (
        m is None
        or not _FINITE.match(m.group(2))
        or any(_FINITE.match(w.group(0)) for w in _WORDS.finditer(m.group(1)))
    ):
        return None
    return begin, begin + m.end(1)


def antecedent_span(ctx: Context, comma: int) -> tuple[int, int] | None:
    """The noun phrase just before ``comma`` (a name run, or a determiner and its noun), for a relative."""
    words = list(_WORDS.finditer(ctx.text, ctx.start, comma))[-6:]
    if not words or ctx.text[words[-1].end() : comma].strip(' )»"”'):
        return None
    begin = None
    english = looks_english(ctx.sentence_text)
    for m in reversed(words):
        w = m.group(0)
        if english and w.lower() == "a":  # the English article, not the French verb
            begin = m.start()
            break
        head_noun = m is words[-1] and w[-3:].lower() == "ing"  # "the Route 9 crossing", "the building"
        if _FINITE.match(w) or (_NOT_SUBJECT_START.match(w) and not _FR_EN_DETS.match(w) and not head_noun):
            break
        if re.search(r"[,;:(]", ctx.text[m.end() : (begin if begin is not None else words[-1].end())]):
            break
        begin = m.start()
        if _FR_EN_DETS.match(w):
            break
    if begin is None:
        return None
    time = _TIME_PP.search(ctx.text, ctx.start, comma)
    if time and time.start("np") == begin and time.start() > ctx.start:
        return antecedent_span(ctx, time.start()) or (begin, words[-1].end())  # "the budget on Tuesday, which …"
    return begin, words[-1].end()


# A date or time phrase closing a clause: a relative after it qualifies the noun before it.
_TIME_PP = re.compile(
    r"(?<=\w)\s+(?:on|in|at|last|le|en|depuis)\s+(?P<np>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|\d{4})(?:\s+\d{1,2})?)\W*$"
)


_CONNECTIVE = re.compile(r"(?:and|but|et|mais|then|puis)\s+(?:then\s+|also\s+|aussi\s+)?", re.I)


def _with_subject(piece: Piece, subject: tuple[int, int] | None, text: str = "") -> None:
    if subject is None or subject[1] > piece.start or piece.spans:
        return
    lead = _CONNECTIVE.match(text, piece.start) if text else None
    if lead and lead.end() < piece.end:
        piece.start = lead.end()  # "The minister … urged MPs", not "… and urged MPs"
    if not text[subject[1] : piece.start].strip(_PUNCT):  # only a comma between: one span
        piece.spans = [(subject[0], piece.end)]
        return
    piece.spans = [subject, (piece.start, piece.end)]


def _cut(ctx: Context, pieces: list[Piece], at: int, *, dependent: bool, rule_name: str) -> Piece | None:
    """Cut the piece holding offset ``at`` there; the right part is returned (None when nothing was cut)."""
    for index, piece in enumerate(pieces):
        if piece.nested or not (piece.start < at < piece.end):
            continue
        left_end = at
        while left_end > piece.start and ctx.text[left_end - 1] in _PUNCT:
            left_end -= 1
        right_start = at
        while right_start < piece.end and ctx.text[right_start] in _PUNCT:
            right_start += 1
        if left_end - piece.start < 8 or piece.end - right_start < 8:
            return None
        head = ctx.text[piece.start : left_end]
        right = Piece(right_start, piece.end, piece.sentence, dependent=dependent, head_text=head,
                      attribution=piece.attribution, rule=rule_name)  # fmt: skip
        piece.end = left_end
        piece.spans = None if not piece.spans else [s for s in piece.spans if s[0] < left_end] or None
        if piece.spans:
            piece.spans[-1] = (piece.spans[-1][0], min(piece.spans[-1][1], left_end))
        pieces.insert(index + 1, right)
        return right
    return None


# --- the rules, in the order they run ---------------------------------------------------------------------------------

# ", with about 17,000 troops taking part" / ", avec 3 000 participants": an absolute or "with" construction.
_WITH = re.compile(
    r",\s+(?=(?:with|avec|along with|ainsi que)\s+(?:[\w'’-]+\s+){0,7}?(?:\d|[\w-]+ing\b|[\w-]+(?:ant|é|ée|és|ées)\b))",
    re.I,
)


@rule("with_clause")
def with_clause(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    english = looks_english(ctx.sentence_text)
    for m in list(_WITH.finditer(ctx.sentence_text)):
        at = ctx.start + m.end()
        piece = _cut(ctx, pieces, at, dependent=True, rule_name="with_clause")
        if piece is None:  # already cut there by the cue rules
            piece = next((p for p in pieces if p.start == at and not p.nested and not p.spans), None)
        if piece is not None and english:  # "The bill … with two Republicans voting against it"
            _with_subject(piece, subject_span(ctx, ctx.start + m.start()), ctx.text)
    return pieces


# "said A and urged B" / "a annoncé A et promis B": a second predicate of the same subject, no comma needed.
_COORD_PRED = re.compile(
    rf"(?<=[\w%)»\"”])(?:,\s+|\s+)(?=(?:(?:and|but)\s+(?:then\s+|also\s+)?(?:{EN_PRED})|"
    rf"(?:et|mais)\s+(?:puis\s+|aussi\s+|a\s+|ont\s+)?(?:{FR_PRED}))\b(?!\s+(?:a|an|the|un|une|le|la|les)\b\s+\w+\s+(?:and|et)\b))",
    re.I,
)


@rule("coordinated_predicate")
def coordinated_predicate(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    sent = ctx.sentence_text
    for m in list(_COORD_PRED.finditer(sent)):
        left = sent[: m.start()]
        if not any(_FINITE.match(w.group(0)) for w in _WORDS.finditer(left)):
            continue  # "sand and water": no predicate before the connective
        if re.search(r"\b(?:between|entre|both)\s+[^,]*$", left, re.I):
            continue
        piece = _cut(ctx, pieces, ctx.start + m.end(), dependent=True, rule_name="coordinated_predicate")
        if piece is not None:
            _with_subject(piece, subject_span(ctx, ctx.start + m.start()), ctx.text)
    return pieces


# ", roughly 200 km from Taiwan," / ", à 200 km de Taïwan,": a measured apposition inserted after a noun.
_MEASURE_APPOS = re.compile(
    r"(?<=[\w)]),\s+(?P<body>(?:roughly|about|some|nearly|around|almost|just|only|environ|à quelque|à près de|"
    r"à environ|à)\s+[\d][\d\s.,]*\s*(?:km|kilomet\w+|miles?|m|mètres|meters|metres|hours?|heures?|minutes?)"
    r"\s+(?:from|of|de|du|des|d['’]|away|north|south|east|west|to the|au nord|au sud|à l['’]est|à l['’]ouest)"
    r"[^,;]{0,40}),"
)


@rule("measured_apposition")
def measured_apposition(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    for m in _MEASURE_APPOS.finditer(ctx.sentence_text):
        b0, b1 = ctx.start + m.start("body"), ctx.start + m.end("body")
        ante = antecedent_span(ctx, ctx.start + m.start())
        holder = next((p for p in pieces if p.start < b0 and b1 <= p.end and not p.nested), None)
        if ante is None or holder is None:
            continue
        nested = Piece(b0, b1, ctx.sentence, dependent=True, head_text=ctx.text[ante[0] : ante[1]], nested=True,
                       spans=[ante, (b0, b1)], rule="measured_apposition")  # fmt: skip
        pieces.append(nested)
        for after in pieces:  # ", which adds 25 minutes" after the apposition qualifies its noun, not "the south"
            chunk = ctx.text[after.start : after.end]
            if after.start >= b1 and not ctx.text[b1 : after.start].strip(_PUNCT) and _RELATIVE_OPEN.match(chunk):
                after.spans = [ante, (after.start, after.end)]
    return pieces


# "Barack Obama, who served two terms from 2009 to 2017, and Donald Trump": the relative ends at the next item.
_NEXT_ITEM = re.compile(r",\s+(?:and|or|et|ou)\s+(?=[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)*\s*(?:[,.;:)]|$))")
_RELATIVE_OPEN = re.compile(r"^\W*(?:who|which|whose|qui|dont|lequel|laquelle)\b", re.I)


@rule("relative_before_list_item")
def relative_before_list_item(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    for index, piece in enumerate(list(pieces)):
        if not _RELATIVE_OPEN.match(ctx.text[piece.start : piece.end]):
            continue
        m = _NEXT_ITEM.search(ctx.text, piece.start, piece.end)
        if m is None:
            continue
        rest_start, rest_end = m.start(), piece.end
        piece.end = rest_start
        if piece.spans:
            piece.spans[-1] = (piece.spans[-1][0], rest_start)
        # The next item goes back to the piece before the relative (the list's own claim).
        owner = pieces[index - 1] if index else None
        if owner is not None and not owner.nested:
            owner.spans = [*(owner.spans or [(owner.start, owner.end)]), (m.end(), rest_end)]
            owner.end = rest_end
    return pieces


# "…, visant à faire face à d'éventuelles crises" / "pour faciliter les exercices": a purpose or result clause
# qualifies the claim before it; it is kept with that claim instead of left as a fragment of its own.
_PURPOSE_OPEN = re.compile(
    r"^\W*(?:visant à|visant a|afin de|afin d['’]|pour (?:faciliter|permettre|renforcer|améliorer|réduire|"
    r"limiter|éviter|préparer|assurer|garantir|soutenir|financer|protéger|faire face)|destinée?s? à|"
    r"in order to|so as to|aiming to|aimed at|designed to|intended to|seeking to|so that|afin que|de sorte que|"
    r"to (?:help|allow|enable|ensure|support|prepare|prevent|reduce|boost|improve|protect|facilitate))\b",
    re.I,
)


@rule("attach_purpose")
def attach_purpose(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        main = [p for p in out if not p.nested]
        if main and not piece.nested and not piece.spans and _PURPOSE_OPEN.match(ctx.text[piece.start : piece.end]):
            owner = main[-1]
            owner.end = piece.end
            if owner.spans:
                owner.spans[-1] = (owner.spans[-1][0], piece.end)
            continue
        out.append(piece)
    return out


# A dependent piece reads alone once it carries its subject: "The minister … urged MPs to vote".
_PREDICATE_OPEN = re.compile(
    r"^\W*(?:and|but|et|mais|then|puis)?\s*(?:also\s+|aussi\s+)?(?:[a-zà-ÿ]+(?:ed|é|ée|és|ées|ing|ant)\b|"
    rf"(?:has|have|had|will|would|is|was|a|ont|est|sont|va|vont|sera|seront|{EN_PRED}|{EN_IRREGULAR_PAST})\s)",
)


@rule("restore_subject")
def restore_subject(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    for index, piece in enumerate(pieces):
        if not index or not piece.dependent or piece.spans or piece.nested:
            continue
        chunk = ctx.text[piece.start : piece.end]
        if _RELATIVE_OPEN.match(chunk):
            ante = antecedent_span(ctx, _comma_before(ctx, piece.start))
            _with_subject(piece, ante, ctx.text)
        elif _PREDICATE_OPEN.match(chunk):
            _with_subject(piece, subject_span(ctx, piece.start), ctx.text)
    return pieces


def _comma_before(ctx: Context, pos: int) -> int:
    while pos > ctx.start and ctx.text[pos - 1] in _PUNCT:
        pos -= 1
    return pos
