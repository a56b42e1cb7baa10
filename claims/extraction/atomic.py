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

from .attribution import _EN_VERBS, _FR_VERBS
from .rules import apply_rules
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
    r"said|says|added|noted|explained|told|wrote|argued)\b[^.!?\d]{0,50}[.!?]?[»\"”]?$",
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

_CLAUSE_DEPS = {"acl:relcl", "relcl", "acl", "advcl", "appos", "parataxis", "conj", "ccomp", "amod"}


def _has_subject(tok: Any) -> bool:
    return any(c.dep_.startswith(("nsubj", "expl:subj", "csubj")) for c in tok.children)


def _is_clause(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in ("cop", "aux", "aux:pass", "aux:tense") for c in tok.children)


def _subtree_text(doc: Any, tok: Any, offset: int, text: str) -> str:
    return text[tok.left_edge.idx + offset : tok.right_edge.idx + len(tok.right_edge) + offset]


def _subject_text(subj: Any, offset: int, text: str) -> str:
    """The subject phrase without what a comma or dash sets off (``Les syndicats, qui ...`` -> ``Les syndicats``)."""
    doc = subj.doc
    end_tok = subj
    for t in doc[subj.i : subj.right_edge.i + 1]:
        if t.i > subj.i and t.text in (",", "(", "—", "–", ";"):
            break
        end_tok = t
    return text[subj.left_edge.idx + offset : end_tok.idx + len(end_tok) + offset]


def _clause_subject(tok: Any) -> Any | None:
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


_VERBLESS_TAIL_CUES = re.compile(
    r"^(?:record|niveau|plus|moins|hausse|baisse|progression|recul|augmentation|chiffre|total|montant|"
    r"high|low|level|figure|total|rise|drop|increase|decrease|jump|fall|gain|loss|first|highest|lowest|"
    r"largest|biggest|best|worst)$",
    re.I,
)


def split_parsed(sent: Any, offset: int, text: str, sentence: int) -> list[Piece]:
    """Cut a parsed sentence (spaCy ``Span``); ``offset`` maps doc offsets to ``text`` offsets."""
    doc = sent.doc
    root = sent.root
    first, last = sent.start, sent.end - 1
    while last > first and doc[last].is_punct:
        last -= 1
    cuts: dict[int, tuple[bool, str]] = {}
    nested: list[Piece] = []
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
        # A finite verb the parser hung on the main verb's object ("ont évacué 300 habitants mais restent
        # prudents") is a second predicate of the main clause too.
        verb_on_object = (
            dep == "conj"
            and tok.pos_ in ("VERB", "AUX")
            and tok.morph.get("VerbForm") == ["Fin"]
            and tok.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
            and tok.head.head.i in main_chain
            and any(c.dep_ == "cc" for c in tok.children)
        )
        if dep == "conj" and (tok.head.i in main_chain or verb_on_object) and _is_clause(tok) and tok.i > tok.head.i:
            own_subject = _has_subject(tok)
            if own_subject or comma_before or any(c.dep_ == "cc" for c in tok.children):
                verb = tok.head.head if verb_on_object else tok.head
                subj = [c for c in verb.children if c.dep_.startswith("nsubj")]
                head = _subject_text(subj[0], offset, text) if subj and not own_subject else head_phrase(tok)
                add(left, not own_subject, head)
            continue
        if dep in ("advcl", "parataxis") and tok.head.i in main_chain:
            marks = {c.lower_ for c in tok.children if c.dep_ in ("mark", "cc", "advmod")}
            if tok.i > tok.head.i and _has_subject(tok) and (comma_before or "et" in marks or "and" in marks):
                absolute = tok.morph.get("VerbForm") == ["Part"] and not any(
                    c.dep_.startswith(("aux", "cop")) for c in tok.children
                )
                # "..., un niveau jamais vu depuis 2008": a participle with its noun is an apposition, not a clause.
                add(left, absolute, head_phrase(tok) if absolute else "")
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
                root_subj = _clause_subject(root)
                if (
                    tok.head.i == root.i
                    and tok.morph.get("VerbForm") == ["Fin"]
                    and root.morph.get("VerbForm") in (["Part"], ["Ger"])
                    and not any(c.dep_.startswith("aux") for c in root.children)
                    and root_subj is not None
                    and root_subj.i < root.i
                ):
                    # Mis-parse of "Les îles, s'étendant de A à B, serviront ...": the participle was taken
                    # for the main verb. Keep the sentence whole and give the inserted participle on its own.
                    begin = root_subj.right_edge.i + 1
                    while begin < left - 1 and doc[begin].is_punct:
                        begin += 1
                    close = doc[left - 2]
                    if begin <= left - 2:
                        r_end = close.idx + len(close) + offset
                        nested.append(
                            Piece(doc[begin].idx + offset, r_end, sentence, True,
                                  _subject_text(root_subj, offset, text), nested=True)
                        )  # fmt: skip
                    continue
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
            main_verb = _predicate_hung_on_relative(tok, root) if is_relative else None
            if main_verb is not None:
                # Mis-parse of "Les associations, qui contestent le projet, ont déposé un recours": the main
                # verb was attached to the relative. Keep the sentence whole; give the relative on its own.
                close = doc[_first_word(main_verb) - 2]
                r_end = close.idx + len(close) + offset
                antecedent = text[tok.head.left_edge.idx + offset : doc[left - 1].idx + offset].rstrip(_PUNCT_TRAIL)
                if antecedent and close.i >= left:
                    nested.append(Piece(doc[left].idx + offset, r_end, sentence, True, antecedent, nested=True))
                continue
            if not (is_relative or tok.pos_ == "VERB" or tok.morph.get("VerbForm") in (["Part"], ["Ger"])):
                continue
            if (tok.right_edge.i - left) < 3:
                continue
            if trailing:
                add(left, True, head_phrase(tok))
            elif tok.right_edge.i + 1 <= last and doc[tok.right_edge.i + 1].text in (",", "—", "–", ")"):
                # Inserted clause: "Les îles, s'étendant de A à B, serviront ...". The main clause keeps its
                # subject (no cut); the inserted fact is also given on its own, read with its antecedent.
                antecedent = text[tok.head.left_edge.idx + offset : doc[left - 1].idx + offset].rstrip(_PUNCT_TRAIL)
                if tok.head.i < left and antecedent:
                    r_end = tok.right_edge.idx + len(tok.right_edge) + offset
                    nested.append(Piece(doc[left].idx + offset, r_end, sentence, True, antecedent, nested=True))

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
            and tok.pos_ == "DET"
            and low in ("un", "une", "a", "an", "the")
            and last - tok.i >= 2
            and tok.i + 1 <= last
            and (_VERBLESS_TAIL_CUES.match(doc[tok.i + 1].lower_) or _VERBLESS_TAIL_CUES.match(doc[tok.i + 2].lower_))
            and not any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] for t in doc[tok.i : last + 1])
        ):
            # A verbless apposition closing the sentence: "..., un record depuis 1976."
            add(tok.i, True, head_phrase(tok))
        elif (
            low in ("et", "mais", "and", "but")
            and prev_text != ","
            and tok.i + 2 <= last
            and doc[tok.i + 1].dep_ == "conj"
            and doc[tok.i + 1].pos_ == "NOUN"
            and doc[tok.i + 1].text.islower()
            and not any(c.dep_ in ("det", "case", "nummod") for c in doc[tok.i + 1].children)
            and doc[tok.i + 2].pos_ in ("DET", "NUM")
            and doc[tok.i + 1].head.dep_ in ("obj", "obl", "obl:arg")
            and doc[tok.i + 1].head.head.i in main_chain
        ):
            # "conteste ce chiffre et évoque 1 200 postes": a second verb the tagger took for a noun.
            root_subj = _clause_subject(root)
            add(tok.i, True, _subject_text(root_subj, offset, text) if root_subj is not None else head_phrase(tok))
        elif (
            low in ("et", "mais", "and", "but")
            and tok.dep_ == "cc"
            and tok.head.dep_ == "conj"
            and tok.head.pos_ in ("NOUN", "PROPN")
            and tok.head.head.i in main_chain
            and tok.head.i > tok.i
            and _finite_verb_follows(doc, tok.i + 1, min(last, tok.i + 8))
        ):
            # "... est tombé à 780 000 et les taux atteignent 3,6 %": a second subject and verb the parser
            # attached to the first clause as a conjoined noun.
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
    pieces = _pieces_from_cuts(text, sent.start_char + offset, sent.end_char + offset, sentence, char_cuts)
    for piece in pieces[1:]:  # the sentence's first piece holds its subject (or it has none at all)
        if not piece.dependent:
            _mark_predicate_only(piece, sent, offset, text)
    for inner in nested:
        if any(p.start < inner.start and inner.end <= p.end for p in pieces):
            pieces.append(inner)
    return apply_rules(text, sent.start_char + offset, sent.end_char + offset, sentence, pieces)


def _predicate_hung_on_relative(rel: Any, root: Any) -> Any | None:
    """The main verb when the parser made it a conjunct of a relative on a verbless root subject, else None."""
    if rel.head.i != root.i or _is_clause(root) or rel.head.i > rel.i:
        return None
    for conj in rel.children:
        if conj.dep_ != "conj" or conj.i <= rel.i or _has_subject(conj) or not _is_clause(conj):
            continue
        begin = conj.left_edge.i
        while begin < conj.i and conj.doc[begin].is_punct:
            begin += 1
        if begin - 1 > rel.i and conj.doc[begin - 1].text == ",":
            return conj
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
        if t.is_punct or t.lower_ in _RELATIVE_WORDS or t.lower_ in ("que", "qu'", "qu’", "that"):
            return False
        if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"]:
            return True
    return False


def _mark_predicate_only(piece: Piece, sent: Any, offset: int, text: str) -> None:
    """Flag a piece whose verbs all take their subject from outside it (``ont salué ...``)."""
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
        return
    outside: Any = None
    for tok in heads:
        subj = _clause_subject(tok)
        if subj is None:
            return  # impersonal or imperative: nothing to borrow
        if piece.start <= subj.idx + offset < piece.end:
            return  # the piece has its own subject
        outside = subj
    if outside is not None:
        piece.dependent = True
        piece.head_text = _subject_text(outside, offset, text)


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
