"""Split sentences into atomic clause-level pieces.

Two engines produce the same :class:`Piece` objects (character offsets into the text):

* ``split_parsed`` uses a spaCy dependency parse (Universal Dependencies labels as in
  ``fr_core_news_sm``; ClearNLP labels of the English models are mapped too);
* ``split_rules`` uses punctuation and connective cues, for languages without a model.

A sentence is cut only into contiguous pieces. Pieces with their own subject (coordinated main
clauses, ``tandis que`` clauses, ``;``) are independent; trailing relatives, participles,
appositions, ``soit ...`` additions and purpose clauses are *dependent*: they carry a new fact but
need the piece they hang on to be understood, which is recorded in ``head_text``.
"""

from __future__ import annotations

import re
from typing import Any

from .types import Piece

_PUNCT_TRAIL = " ,;:—–-\u00a0\u202f\u2009"
_PLAN_HEADS = re.compile(
    r"^(?:annonc|prévoi|prévu|prévoy|planifi|projet|envisag|décid|propos|compt|veu|voul|souhait|promi|promet|"
    r"plan|project|decid|propos|intend|want|aim|seek|call|demand|exig|appel|vis|chercher|tent|try|tri|essai|"
    r"permet|allow|need|besoin|faut|doit|doiv|devr|must|should|ordonn|order|autoris|authori|fourn|provid|suffi)",
    re.I,
)
_SPEECH_ONLY = re.compile(
    r"^[,»\"”\s]*(?:(?:a|ont|avait)(?:-t-(?:il|elle|ils|elles)|\s)\s*)?(?:\w+\s+){0,3}?"
    r"(?:déclaré|affirmé|ajouté|expliqué|indiqué|précisé|souligné|estimé|dit|assuré|rappelé|confié|"
    r"said|says|added|noted|explained|told|wrote|argued)\b[^.!?]{0,50}[.!?]?[»\"”]?$",
    re.I,
)
_RELATIVE_WORDS = {"qui", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles", "which", "who", "whom", "whose"}
_INDEPENDENT_MARKS = {"tandis", "alors", "mais", "whereas", "while", "but", "although", "though", "cependant"}
_MIN_TOKENS = 3
_NUMBER_PREPS = {"contre", "avec", "pour", "against", "with", "versus", "vs"}
_PARTICIPLE_ENDS = (
    "é",
    "ée",
    "és",
    "ées",
    "i",
    "ie",
    "is",
    "ies",
    "u",
    "ue",
    "us",
    "ues",
    "it",
    "ite",
    "its",
    "ites",
    "ed",
)


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
        if pieces and (_alpha_count(chunk) < _MIN_TOKENS or (_SPEECH_ONLY.match(chunk) and len(chunk) < 40)):
            pieces[-1].end = pe  # too small to stand alone, or a bare "a-t-il déclaré": glue back
            continue
        pieces.append(Piece(ps, pe, sentence, dependent=dependent and bool(pieces), head_text=head))
    if pieces and _alpha_count(text[pieces[0].start : pieces[0].end]) < _MIN_TOKENS and len(pieces) > 1:
        pieces[1].start = pieces[0].start
        pieces[1].dependent = False
        pieces.pop(0)
    return pieces


# --- dependency-parse engine ---------------------------------------------------------------------------------------

_CLAUSE_DEPS = {"acl:relcl", "relcl", "acl", "advcl", "appos", "parataxis", "conj", "ccomp", "amod"}


def _has_subject(tok: Any) -> bool:
    return any(c.dep_.startswith(("nsubj", "expl:subj", "csubj")) for c in tok.children)


def _is_clause(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in ("cop", "aux", "aux:pass", "aux:tense") for c in tok.children)


def _subtree_text(doc: Any, tok: Any, offset: int, text: str) -> str:
    return text[tok.left_edge.idx + offset : tok.right_edge.idx + len(tok.right_edge) + offset]


def split_parsed(sent: Any, offset: int, text: str, sentence: int) -> list[Piece]:
    """Cut a parsed sentence (spaCy ``Span``); ``offset`` maps doc offsets to ``text`` offsets."""
    doc = sent.doc
    root = sent.root
    first, last = sent.start, sent.end - 1
    while last > first and doc[last].is_punct:
        last -= 1
    cuts: dict[int, tuple[bool, str]] = {}
    main_chain = {root.i} | {c.i for c in root.children if c.dep_ == "xcomp"}

    def head_phrase(tok: Any) -> str:
        return text[sent.start_char + offset : tok.left_edge.idx + offset].rstrip(_PUNCT_TRAIL)

    def add(tok_index: int, dependent: bool, head: str) -> None:
        if first < tok_index <= last and tok_index not in cuts:
            cuts[tok_index] = (dependent, head)

    for tok in sent:
        dep = tok.dep_
        if dep not in _CLAUSE_DEPS:
            continue
        left = tok.left_edge.i
        prev = doc[left - 1] if left - 1 >= first else None
        comma_before = prev is not None and prev.text in (",", ";", "—", "–")
        trailing = tok.right_edge.i >= last
        if left <= first:
            continue
        if dep == "conj" and tok.head.i in main_chain and _is_clause(tok) and tok.i > tok.head.i:
            own_subject = _has_subject(tok)
            if own_subject or comma_before or any(c.dep_ == "cc" for c in tok.children):
                subj = [c for c in tok.head.children if c.dep_.startswith("nsubj")]
                head = _subtree_text(doc, subj[0], offset, text) if subj and not own_subject else head_phrase(tok)
                add(left, not own_subject, head)
            continue
        if dep in ("advcl", "parataxis") and tok.head.i in main_chain:
            marks = {c.lower_ for c in tok.children if c.dep_ in ("mark", "cc", "advmod")}
            if tok.i > tok.head.i and _has_subject(tok) and (comma_before or "et" in marks or "and" in marks):
                add(left, False, "")
                continue
            if marks & _INDEPENDENT_MARKS and (comma_before or trailing):
                add(left, False, "")
                continue
            is_purpose = bool(marks & {"pour", "afin", "to"}) and tok.morph.get("VerbForm") == ["Inf"]
            if is_purpose and trailing and tok.i - left < 3 and (tok.right_edge.i - left) >= 4:
                head_verb = tok.head
                if not _PLAN_HEADS.match(head_verb.lower_) and not any(
                    _PLAN_HEADS.match(c.lower_) for c in head_verb.children if c.dep_ in ("obj", "nsubj")
                ):
                    add(left, True, head_phrase(tok))
                continue
            if comma_before and trailing and tok.pos_ == "VERB" and not _has_subject(tok):
                add(left, True, head_phrase(tok))
            continue
        if dep == "advcl" and comma_before and trailing and tok.pos_ == "VERB" and not _has_subject(tok):
            if tok.morph.get("VerbForm") in (["Part"], ["Ger"]) and (tok.right_edge.i - left) >= 3:
                add(left, True, head_phrase(tok))
            continue
        if dep == "amod":
            if comma_before and trailing and (tok.right_edge.i - left) >= 3 and tok.lower_.endswith(_PARTICIPLE_ENDS):
                add(left, True, head_phrase(tok))
            continue
        if dep in ("acl:relcl", "relcl", "acl", "appos") and comma_before:
            is_relative = any(c.lower_ in _RELATIVE_WORDS for c in tok.subtree if c.i <= tok.i)
            if not (is_relative or tok.pos_ == "VERB" or tok.morph.get("VerbForm") in (["Part"], ["Ger"])):
                continue
            if (tok.right_edge.i - left) < 3:
                continue
            if trailing:
                add(left, True, head_phrase(tok))
            elif tok.head.dep_.startswith("nsubj") and tok.head.head.i == root.i and root.i > tok.right_edge.i:
                # Inserted between subject and verb: "Les îles, s'étendant de A à B, serviront ..."
                after = tok.right_edge.i + 1
                left_tok_idx = doc[left - 1].idx
                while after <= last and doc[after].is_punct:
                    after += 1
                subject = text[tok.head.left_edge.idx + offset : left_tok_idx + offset].rstrip(_PUNCT_TRAIL)
                add(after, True, subject)

    # Lexical cues the parser does not label reliably.
    for tok in sent:
        if tok.i <= first or tok.i > last:
            continue
        low = tok.lower_
        prev_text = doc[tok.i - 1].text
        if prev_text == ";":
            add(tok.i, False, "")
        elif (
            prev_text == ","
            and low in _NUMBER_PREPS
            and any(t.like_num for t in doc[tok.i : last + 1])
            and not any(t.pos_ in ("VERB", "AUX") for t in doc[tok.i : last + 1])
            and last - tok.i >= 2
        ) or (
            (prev_text == "," and low in ("soit", "i.e.", "representing", "bringing", "marking"))
            or (prev_text == "," and low == "ce" and tok.i + 1 <= last and doc[tok.i + 1].lower_ in ("qui", "que"))
            or (
                prev_text == ","
                and low in ("up", "down")
                and tok.i + 1 <= last
                and doc[tok.i + 1].lower_
                in (
                    "from",
                    "by",
                )
            )
        ):
            add(tok.i, True, head_phrase(tok))

    ordered = sorted(cuts.items())
    char_cuts = [(doc[i].idx + offset, dep, head) for i, (dep, head) in ordered]
    return _pieces_from_cuts(text, sent.start_char + offset, sent.end_char + offset, sentence, char_cuts)


# --- rule engine -----------------------------------------------------------------------------------------------------

_SUBJECT_START = (
    r"(?:the|a|an|its|his|her|their|our|this|these|those|it|he|she|they|we|i|there|le|la|les|l['’]|un|une|des|"
    r"il|elle|ils|elles|on|nous|ce|cette|ces|cet|son|sa|ses|leur|leurs|[A-ZÀ-Ý][\w’'-]+)\b"
)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|do|said|says|"
    r"\w{3,}ed|rose|fell|grew|said|told|made|took|won|lost|hit|cut|gave|got|became|began|saw|went|came|left|paid|"
    r"sold|spent|set|put|kept|expects?|plans?|wants?|remains?|says|est|sont|était|étaient|a|ont|avait|avaient|sera|seront|va|vont|peut|peuvent|doit|doivent|"
    r"\w{3,}(?:ait|aient|era|eront|ira|iront))\b",
    re.I,
)
_INDEPENDENT_RE = re.compile(
    rf"(?:;\s+|,\s+(?:and|but|while|whereas|yet|although|et|mais|tandis qu['’e]\s*|alors qu['’e]\s*|"
    rf"cependant)\s+(?={_SUBJECT_START}))",
    re.I,
)
_DEPENDENT_RE = re.compile(
    r",\s+(?=(?:which|who|whose|where|qui|dont|où|soit|ce qui|ce que|up from|down from|up by|down by|"
    r"(?:a|an|une|un)\s+(?:\w+\s+)?(?:rise|increase|jump|drop|decline|fall|decrease|gain|cut|loss|hausse|baisse|"
    r"progression|augmentation|recul|diminution)\s+(?:of|de|d['’])|representing|bringing|marking|making it|"
    r"compared with|compared to|equivalent to|i\.e\.|aiming to|designed to|intended to|seeking to|visant à|"
    r"(?!including|according|following|citing|saying|adding|during|concerning|regarding)[a-z]{3,}ing\s|"
    r"(?:contre|against|with|avec|pour|for|versus)\s+[^,;]{0,25}\d[^,;]*[.!?]?$|"
    r"destinée?s? à|afin de|afin d['’])\b)",
    re.I,
)
_PURPOSE_RE = re.compile(r"\s+(?=(?:in order to|so as to|afin de|afin d['’])\s)", re.I)


def split_rules(text: str, start: int, end: int, sentence: int) -> list[Piece]:
    """Cut a sentence with punctuation and connective cues only."""
    sent_text = text[start:end]
    cuts: list[tuple[int, bool, str]] = []
    for m in _INDEPENDENT_RE.finditer(sent_text):
        rest = sent_text[m.end() : m.end() + 80].split(",")[0]
        if m.group(0).startswith(";") or _VERBISH.search(rest):
            cuts.append((start + m.end(), False, ""))
    for regex in (_DEPENDENT_RE, _PURPOSE_RE):
        for m in regex.finditer(sent_text):
            rest = sent_text[m.end() :]
            if _alpha_count(rest) < 4:
                continue
            head = sent_text[: m.start()].rstrip(_PUNCT_TRAIL)
            cuts.append((start + m.end(), True, head))
    cuts.sort()
    return _pieces_from_cuts(text, start, end, sentence, cuts)
