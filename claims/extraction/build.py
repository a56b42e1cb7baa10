"""From clause pieces to scored claims: each piece's attribution, dates, numbers, entities, score and context.

Plain Python, the last stage of :mod:`claims.extraction.pipeline`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from . import reasons as R
from .attribution import find_attribution, is_pronoun
from .checkworthiness import half_quoted, score_claim
from .facts import find_dates, find_numbers, rule_entities
from .segment import ROLE_ITEM, ROLE_QUESTION
from .spans import Spans, compose, contains, to_article
from .speakers import resolve_speakers
from .split_worth import keep_split_clauses
from .stance import QUOTE_CHARS
from .types import ExtractedClaim, Piece, Sentence, Span

_REF = re.compile(
    r"^(?:(?:selon|according to|d['’]après)\b[^,]{1,90},\s*)?(?:(?:but|and|mais|et|however|yet|puis|then|also),?\s+)?"
    r"(?P<ref>(?:it|they|he|she|this|these|those|il|elle|ils|elles|cela|ceci|ça|celui-ci|celle-ci|ceux-ci|"
    r"celles-ci|the latter|ce dernier|cette dernière|ces derniers)\b(?!\s+(?:year|week|month|morning|evening|"
    r"time|season|day|summer|winter|spring|autumn|fall|weekend|decade|quarter)\b)|"
    r"(?:this|these|those|that|ce|cet|cette|ces)\s+(?!(?:year|week|month|morning|evening|time|season|day|summer|"
    r"winter|spring|autumn|fall|année|semaine|mois|jour|matin|soir|week-end|saison|fois|moment|été|hiver|"
    r"printemps|automne|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b)[\w-]+)",
    re.I,
)
_NOT_REF = re.compile(
    r"^(?:il y a|il faut|il reste|il s['’]agit|il est (?:probable|possible|prévu|question)|it is (?:expected|likely|"
    r"possible|estimated|unclear)|there\b)",
    re.I,
)
_LIST_INTRO = re.compile(r"^\W*(?:selon|d['’]après|according to)\b", re.I)
_TIME_WORDS = (
    r"year|years|week|weeks|month|months|morning|evening|afternoon|time|season|day|days|summer|winter|spring|"
    r"autumn|fall|weekend|decade|century|quarter|année|années|an|ans|semaine|semaines|mois|jour|jours|matin|soir|"
    r"après-midi|week-end|saison|fois|moment|époque|été|hiver|printemps|automne|trimestre|décennie|siècle|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
# A reference to something named outside the claim, anywhere in it: "Dans le cadre de cet arrangement", "C'est".
_INNER_REF = re.compile(
    rf"(?:^\W*(?P<c>c['’](?:est|était|étaient|sera)\b|ce sont\b|that (?!is\b|was\b)[a-z][\w-]+|"
    rf"(?:son|sa|ses|leur|leurs|its|their|his|her)\s+[^\W\d][\w-]*)|"
    rf"\b(?P<dem>(?:ce|cet|cette|ces)\s+(?!(?:qui|que|qu['’]|dont|(?:derni\w+|prochain\w*|même\w*)\s+(?:{_TIME_WORDS})\b|"
    rf"(?:{_TIME_WORDS})\b))[^\W\d][\w-]*|(?:this|these|those)\s+(?!(?:{_TIME_WORDS})\b|is\b|was\b)[^\W\d][\w-]*|"
    rf"cela|ceci|celui-ci|celle-ci|ceux-ci|celles-ci|ce dernier|cette dernière|ces derniers|ces dernières|"
    rf"the latter|the former))",
    re.I,
)


def _subject_reference(piece_text: str) -> str | None:
    if _NOT_REF.match(piece_text):
        return None
    m = _REF.match(piece_text)
    return m.group("ref") if m else None


def _inner_reference(piece_text: str) -> str | None:
    """A demonstrative or ``c'est`` anywhere in the piece (not only in subject position)."""
    m = _INNER_REF.search(piece_text)
    if not m:
        return None
    return (m.group("c") or m.group("dem")).strip()


@dataclass(frozen=True, slots=True)
class _Article:
    """What every piece of one article is read against."""

    text: str
    cleaned: str
    language: str
    sentences: list[Sentence]
    ents: list[dict[str, Any]]
    ent_ends: list[int]
    paragraph_spans: list[Span]
    question_paragraphs: frozenset[int]
    item_attribution: dict[int, str]


def build_claims(
    text: str,
    cleaned: str,
    language: str,
    sentences: list[Sentence],
    pieces: list[Piece],
    ents: list[dict[str, Any]],
    paragraph_blocks: list[tuple[Span, str]],
) -> list[ExtractedClaim]:
    """One scored claim per piece, in order; offsets index ``text`` (``cleaned`` is ``text`` without controls)."""
    article = _Article(
        text=text,
        cleaned=cleaned,
        language=language,
        sentences=sentences,
        ents=ents,
        ent_ends=[int(e["end"]) for e in ents],
        paragraph_spans=[span for span, _role in paragraph_blocks],
        question_paragraphs=frozenset(i for i, (_span, role) in enumerate(paragraph_blocks) if role == ROLE_QUESTION),
        item_attribution=_list_item_attributions(cleaned, paragraph_blocks),
    )
    claims: list[ExtractedClaim] = []
    sentence_attr: dict[int, str | None] = {}
    prev_piece_in_sentence: dict[int, ExtractedClaim] = {}
    list_heads: dict[int, ExtractedClaim] = {}  # the first part of a distributive list, per sentence
    for piece in pieces:
        if piece.sentence not in sentence_attr:
            sent = sentences[piece.sentence]
            sentence_attr[piece.sentence] = find_attribution(cleaned[sent.start : sent.end])
        head = prev_piece_in_sentence.get(piece.sentence)
        if piece.rule == "distributive_list" and piece.sentence in list_heads:
            head = list_heads[piece.sentence]  # every item hangs on the list's first part, which holds the verb
        claim = _build_claim(article, piece, head, sentence_attr[piece.sentence])
        claims.append(claim)
        if not piece.nested:
            prev_piece_in_sentence[piece.sentence] = claim
            if piece.rule == "distributive_list" and not piece.dependent:
                list_heads[piece.sentence] = claim
    keep_split_clauses(claims, cleaned, sentences, language)
    return resolve_speakers(claims, cleaned, sentences, paragraph_blocks)


def _list_item_attributions(cleaned: str, paragraph_blocks: list[tuple[Span, str]]) -> dict[int, str]:
    """List items under an attributed intro ("Selon l'Insee :", "According to the report:") inherit its source."""
    item_attr: dict[int, str] = {}
    intro: str | None = None
    for i, (span, role) in enumerate(paragraph_blocks):
        if role == ROLE_ITEM:
            if intro:
                item_attr[i] = intro
            continue
        line = cleaned[span.start : span.end]
        intro = find_attribution(line) if line.endswith(":") and _LIST_INTRO.match(line) else None
    return item_attr


def _build_claim(
    article: _Article, piece: Piece, head: ExtractedClaim | None, sentence_attribution: str | None
) -> ExtractedClaim:
    """The claim of one piece: its attribution, facts and entities, its score and what context it needs."""
    cleaned, sentences = article.cleaned, article.sentences
    sent = sentences[piece.sentence]
    spans = piece.spans or [(piece.start, piece.end)]
    piece_text = compose(cleaned, spans)
    attribution = _attribution(article, piece, piece_text, sentence_attribution)
    dates, numbers = _facts(piece_text, spans, article.language)
    entities = _entities(piece_text, spans, article)

    ref = piece.subject_ref or _subject_reference(piece_text)
    prev_text = _previous_text(article, piece, head)
    refers_back = bool(ref or is_pronoun(attribution))
    para = article.paragraph_spans[sent.paragraph] if sent.paragraph < len(article.paragraph_spans) else Span(0, 0)
    scored = score_claim(
        piece_text,
        entities=entities,
        dates=dates,
        numbers=numbers,
        attribution=attribution,
        quoted=bool(QUOTE_CHARS.search(piece_text)),
        dependent=piece.dependent,
        head_has_facts=bool(head and (head.entities or head.numbers))
        or (refers_back and _context_has_facts(article, piece, head, prev_text)),
        refers_back=refers_back,
        paragraph_text=cleaned[para.start : para.end],
        language=article.language,
        sentence_text=cleaned[sent.start : sent.end] if piece.dependent or half_quoted(piece_text) else "",
    )
    reasons = list(scored.reasons)
    score, checkworthy = scored.score, scored.checkworthy
    if sent.paragraph in article.question_paragraphs:
        score, checkworthy = min(score, 0.15), False
        reasons.append(R.reason(R.INTERVIEWER_QUESTION))
    context, why = _needed_context(piece, piece_text, ref, attribution, prev_text, article.language)
    if why:
        reasons.append(why)
    return ExtractedClaim(
        text=compose(article.text, spans),
        start=spans[0][0],
        end=spans[-1][1],
        score=score,
        checkworthy=checkworthy,
        kind=scored.kind,
        reasons=reasons,
        entities=entities,
        dates=dates,
        numbers=numbers,
        attribution=attribution,
        needs_context=bool(why),
        context=context,
        sentence_index=piece.sentence,
        paragraph_index=sent.paragraph,
        spans=list(spans),
        sentence=(min(sent.start, spans[0][0]), max(sent.end, spans[-1][1])),
    )


def _attribution(article: _Article, piece: Piece, piece_text: str, sentence_attribution: str | None) -> str | None:
    """The piece's own source, else its sentence's, else the intro of the list it is an item of."""
    sent = article.sentences[piece.sentence]
    whole_sentence = piece.start <= sent.start and piece.end >= sent.end
    return (
        (None if whole_sentence else find_attribution(piece_text))
        or sentence_attribution
        or article.item_attribution.get(sent.paragraph)
    )


def _previous_text(article: _Article, piece: Piece, head: ExtractedClaim | None) -> str:
    """What the piece may refer back to: the piece before it in its sentence, else the previous sentence."""
    if head is not None:
        return head.text
    if piece.sentence:
        previous = article.sentences[piece.sentence - 1]
        return article.cleaned[previous.start : previous.end]
    return ""


def _context_has_facts(article: _Article, piece: Piece, head: ExtractedClaim | None, prev_text: str) -> bool:
    sentences = article.sentences
    same_paragraph = head is not None or (
        piece.sentence and sentences[piece.sentence - 1].paragraph == sentences[piece.sentence].paragraph
    )
    # Only the claim's own paragraph lifts its score (an unrelated paragraph before it must not).
    return bool(same_paragraph and re.search(r"\w\W+[A-ZÀ-Ý]\w+|\d", prev_text))


def _facts(piece_text: str, spans: Spans, language: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Dates and numbers of the piece, their offsets in the article."""
    dates = find_dates(piece_text, language=language)
    date_spans = [(int(d["start"]), int(d["end"])) for d in dates]
    numbers = find_numbers(piece_text, language, exclude=date_spans)
    for item in (*dates, *numbers):
        item["start"] = to_article(spans, item["start"])
        item["end"] = to_article(spans, item["end"])
    return dates, numbers


_NO_LETTER = re.compile(r"[\W\d]+")
_APOSTROPHE = re.compile(r"['’]")


def _entities(piece_text: str, spans: Spans, article: _Article) -> list[dict[str, Any]]:
    """The parser's entities inside the piece's spans, then the rules' ones it missed (each text once)."""
    if not article.ents:
        return rule_entities(piece_text)
    ent_pos = bisect_right(article.ent_ends, spans[0][0])  # a claim's subject may lie before the previous piece
    seen: set[str] = set()
    entities: list[dict[str, Any]] = []
    for ent in article.ents[ent_pos:]:
        if ent["start"] >= spans[-1][1]:
            break
        if not contains(spans, ent["start"], ent["end"]):
            continue
        if ent["text"] not in seen and not _NO_LETTER.fullmatch(ent["text"]):
            seen.add(ent["text"])
            entities.append({"text": ent["text"], "type": ent["type"]})
    for extra in rule_entities(piece_text):
        if extra["text"] not in seen and not any(extra["text"] in e["text"] for e in entities):
            seen.add(extra["text"])
            entities.append(extra)
    return entities


def _needed_context(
    piece: Piece, piece_text: str, ref: str | None, attribution: str | None, prev_text: str, language: str = ""
) -> tuple[str, R.Reason | None]:
    """(context, reason) when the claim cannot be read alone, else ("", None)."""
    if piece.dependent and piece.head_text:
        return piece.head_text, R.reason(R.CONTINUES_CLAUSE)
    if ref:
        antecedent = demonstrative_antecedent(ref, prev_text) if language == "fr" else None
        if antecedent:
            return antecedent, R.reason(R.REFERS_OUTSIDE, ref=ref, antecedent=antecedent)
        return prev_text, R.reason(R.REFERS_OUTSIDE, ref=ref)
    if is_pronoun(attribution):
        return prev_text, R.reason(R.SPEAKER_ELSEWHERE, speaker=attribution)
    inner = _inner_reference(piece_text)
    if inner:
        return prev_text, R.reason(R.REFERS_OUTSIDE, ref=inner)
    return "", None


_DEMONSTRATIVE = re.compile(r"^(?:ce|cet|cette|ces)\s+(?P<noun>[^\W\d][\w-]*)$", re.I)
_NP_OPEN = re.compile(
    r"^(?:le|la|les|l['’]|un|une|des|du|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs|quelques|"
    r"son|sa|ses|leur|leurs|\d[\d\s.,]*)$",
    re.I,
)
_ADJECTIVE = re.compile(
    r"^[a-zà-ÿ-]{3,}(?:aire|ique|el|elle|al|ale|aux|if|ive|eux|euse|ien|ienne|ais|aise|ain|aine|é|ée|és|ées|"
    r"ier|ière|iers|ières|ible|able|ant|ante|ants|antes)s?$"
)
_WORD = re.compile(r"[\w'’-]+")


def demonstrative_antecedent(ref: str, prev_text: str) -> str | None:
    """The noun phrase of the previous text that a French demonstrative names again, or None.

    ``Ces bases`` after ``L'armée a ouvert deux nouvelles bases en Lorraine.`` -> ``deux nouvelles bases en
    Lorraine``: the last mention of the same noun (singular or plural), with the determiner, numbers and
    adjectives before it and a place or name complement after it (``en Lorraine``, ``de Cherbourg``).
    """
    m = _DEMONSTRATIVE.match(ref.strip())
    if m is None or not prev_text:
        return None
    noun = m.group("noun").lower()
    stem = noun[:-1] if noun.endswith(("s", "x")) and len(noun) > 3 else noun
    words = list(_WORD.finditer(prev_text))
    forms = (noun, stem, stem + "s", stem + "x")
    hits = [i for i, w in enumerate(words) if _APOSTROPHE.split(w.group(0).lower())[-1] in forms]
    if not hits:
        return None
    at = hits[-1]
    begin = at
    elided = re.match(r"^(?:l|d)['’]", words[at].group(0), re.I) is not None  # "l'étude": opens itself
    for i in range(at - 1, -1 if elided else max(-1, at - 4), -1):
        if elided:
            break
        word = words[i].group(0)
        if not (word.islower() or word[0].isdigit()) or prev_text[words[i].end() : words[i + 1].start()].strip():
            break
        begin = i
        if _NP_OPEN.match(word):
            break
    if not elided and not _NP_OPEN.match(words[begin].group(0)) and begin < at:
        begin = at  # no determiner found: the noun alone
    end = at
    while end + 1 < len(words) and end - at < 2 and _ADJECTIVE.match(words[end + 1].group(0)):
        if prev_text[words[end].end() : words[end + 1].start()].strip():
            break
        end += 1  # "trois bases militaires"
    at = end
    if at + 2 < len(words) and words[at + 1].group(0).lower() in ("en", "de", "du", "à", "d'", "d’"):
        nxt = words[at + 2].group(0)
        between = prev_text[words[at].end() : words[at + 2].start()].strip()
        if nxt[:1].isupper() and between == words[at + 1].group(0):
            end = at + 2
    return prev_text[words[begin].start() : words[end].end()]
