"""The extraction pipeline: text -> language -> sentences -> atomic pieces -> scored claims."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from . import nlp as nlp_models
from . import reasons as R
from .atomic import split_parsed, split_rules
from .attribution import find_attribution, is_pronoun
from .checkworthiness import score_claim
from .facts import SPACY_LABELS, find_dates, find_numbers, rule_entities
from .language import detect_language, normalise_language
from .segment import ROLE_ITEM, ROLE_QUESTION, blocks, clean_controls, paragraphs, sentences_in, split_sentences
from .spans import compose, contains, to_article
from .types import ExtractedClaim, ExtractionInputError, ExtractionResult, Piece, Sentence, Span

MAX_CHARS = 5_000_000
UNIT_CHARS = 20_000  # spaCy processes at most this many characters per Doc (whole sentences)
_BATCH = 64  # Docs (paragraphs) per spaCy batch
_ARTICLES_PER_BATCH = 16  # articles whose paragraphs share one nlp.pipe stream in extract_many

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
_QUOTE_CHARS = re.compile(r"[«»“”\"]")
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


def _validate(text: object) -> str:
    if isinstance(text, bytes | bytearray):
        raise ExtractionInputError("expected text (str), got bytes: decode it first (UTF-8)")
    if not isinstance(text, str):
        raise ExtractionInputError(f"expected text (str), got {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise ExtractionInputError(f"text too long ({len(text)} characters, limit {MAX_CHARS})")
    cleaned = clean_controls(text)
    if not cleaned.strip():
        raise ExtractionInputError("text is empty")
    sample = cleaned[:20_000]
    visible = [ch for ch in sample if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    junk = sum(1 for ch in visible if ch == "\ufffd" or not ch.isprintable())
    if letters == 0 or (len(visible) > 20 and (letters / len(visible) < 0.3 or junk / len(visible) > 0.2)):
        raise ExtractionInputError("text does not look like natural language (binary data or junk)")
    return cleaned


def _units(text: str, paras: list[Span] | None = None) -> Iterator[tuple[int, int, int]]:
    """``(start, end, paragraph)`` chunks of whole sentences, each at most ``UNIT_CHARS`` long."""
    for p_index, para in enumerate(paragraphs(text) if paras is None else paras):
        if para.end - para.start <= UNIT_CHARS:
            yield para.start, para.end, p_index
            continue
        cur_start = cur_end = -1
        for s in sentences_in(text, para):
            if cur_start < 0:
                cur_start, cur_end = s.start, s.end
            elif s.end - cur_start > UNIT_CHARS:
                yield cur_start, cur_end, p_index
                cur_start, cur_end = s.start, s.end
            else:
                cur_end = s.end
        if cur_start >= 0:
            yield cur_start, cur_end, p_index


def presplit(doc: Any) -> Any:
    """spaCy component: set sentence starts from our rule-based splitter (the parser respects them)."""
    text = doc.text
    starts = {s.start for s in sentences_in(text, Span(0, len(text)))}
    for tok in doc:
        tok.is_sent_start = tok.i == 0 or tok.idx in starts
    return doc


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


def _parsed_pieces(
    text: str, units: list[tuple[int, int, int]], docs: list[Any]
) -> tuple[list[Sentence], list[Piece], list[dict[str, Any]]]:
    """Sentences, clause pieces and entities from the parsed ``docs`` of ``units`` (one Doc per unit)."""
    sentences: list[Sentence] = []
    pieces: list[Piece] = []
    entities: list[dict[str, Any]] = []
    for (u_start, _u_end, p_index), doc in zip(units, docs, strict=True):
        for ent in doc.ents:
            entities.append(
                {"text": ent.text, "type": SPACY_LABELS.get(ent.label_, "other"), "start": ent.start_char + u_start,
                 "end": ent.end_char + u_start}
            )  # fmt: skip
        for sent in doc.sents:
            s_index = len(sentences)
            sentences.append(Sentence(sent.start_char + u_start, sent.end_char + u_start, p_index))
            sent_pieces = split_parsed(sent, u_start, text, s_index)
            for piece in sent_pieces:
                piece.subject_ref = _parsed_reference(sent, piece, u_start)
            pieces.extend(sent_pieces)
    return sentences, pieces, entities


def _parsed_reference(sent: Any, piece: Piece, offset: int) -> str | None:
    for tok in sent:
        pos = tok.idx + offset
        if pos < piece.start or pos >= piece.end:
            continue
        if not tok.dep_.startswith("nsubj"):
            continue
        low = tok.lower_
        if tok.pos_ == "PRON" and low in ("cela", "ceci", "ça", "il", "elle", "ils", "elles", "it", "they", "this",
                                          "these", "those", "he", "she", "celui-ci", "celle-ci"):  # fmt: skip
            if low == "il" and tok.head.lower_ in ("faut", "reste", "agit", "y"):
                return None
            return tok.text
        dem = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("ce", "cet", "cette", "ces", "these",
                                                                            "those", "this", "that")]  # fmt: skip
        if dem and tok.pos_ == "NOUN":
            if tok.lower_ in ("année", "semaine", "mois", "jour", "year", "week", "month", "fois"):
                return None
            return f"{dem[0].text} {tok.text}"
        return None
    return None


def _rule_pieces(text: str) -> tuple[list[Sentence], list[Piece]]:
    sentences = split_sentences(text)
    pieces: list[Piece] = []
    for s_index, sent in enumerate(sentences):
        pieces.extend(split_rules(text, sent.start, sent.end, s_index))
    return sentences, pieces


@dataclass(slots=True)
class _Prepared:
    """An article validated, its language known and segmented into paragraphs: ready to parse."""

    text: str
    cleaned: str
    language: str
    detected: bool
    nlp: Any
    paragraph_blocks: list[tuple[Span, str]]
    units: list[tuple[int, int, int]]


def _prepare(text: str, language: str | None) -> _Prepared:
    cleaned = _validate(text)
    lang = normalise_language(language)
    detected = lang is None
    if lang is None:
        lang = detect_language(cleaned)  # once per article, on a bounded sample
    nlp = nlp_models.get_nlp(lang, presplit)
    paragraph_blocks = list(blocks(cleaned))  # paragraphs without their leading metadata, with their role
    units = list(_units(cleaned, [span for span, _role in paragraph_blocks])) if nlp is not None else []
    return _Prepared(text, cleaned, lang, detected, nlp, paragraph_blocks, units)


def _parse_window(window: list[_Prepared]) -> list[list[Any]]:
    """The Docs of every article's units, the units of all articles sharing a model in one ``nlp.pipe`` stream."""
    docs: list[list[Any]] = [[] for _ in window]
    models: dict[int, list[int]] = {}
    for index, prepared in enumerate(window):
        if prepared.nlp is not None:
            models.setdefault(id(prepared.nlp), []).append(index)
    for indices in models.values():
        nlp = window[indices[0]].nlp
        stream = ((window[i].cleaned[s:e], i) for i in indices for s, e, _p in window[i].units)
        for doc, index in nlp.pipe(stream, as_tuples=True, batch_size=_BATCH):
            docs[index].append(doc)
    return docs


def _finish(prepared: _Prepared, docs: list[Any]) -> ExtractionResult:
    ents: list[dict[str, Any]] = []
    if prepared.nlp is not None:
        sentences, pieces, ents = _parsed_pieces(prepared.cleaned, prepared.units, docs)
        engine = "spacy"
    else:
        sentences, pieces = _rule_pieces(prepared.cleaned)
        engine = "rules"
    claims = _build_claims(
        prepared.text, prepared.cleaned, prepared.language, sentences, pieces, ents, prepared.paragraph_blocks
    )
    return ExtractionResult(
        language=prepared.language, claims=claims, language_detected=prepared.detected, engine=engine
    )


def extract(text: str, *, language: str | None = None) -> ExtractionResult:
    """Extract atomic, scored claims from an article's text.

    Offsets of every claim index the *given* ``text``: ``text[c.start:c.end] == c.text``.
    Raises :class:`ExtractionInputError` for empty, binary or oversized input.
    """
    prepared = _prepare(text, language)
    return _finish(prepared, _parse_window([prepared])[0])


def extract_many(
    texts: Iterable[str], *, language: str | None = None, articles_per_batch: int = _ARTICLES_PER_BATCH
) -> Iterator[ExtractionResult]:
    """``extract(text)`` for each text, in order, with the spaCy parse batched across articles.

    The paragraphs of up to ``articles_per_batch`` articles go through one ``nlp.pipe`` stream, so spaCy's cost
    per batch is shared; each paragraph is still its own ``Doc``, so claims, spans and scores are exactly those
    ``extract`` gives. Raises :class:`ExtractionInputError` for an unusable text (call ``extract`` per text when
    one bad text must not stop the others).
    """
    window: list[_Prepared] = []
    for text in texts:
        window.append(_prepare(text, language))
        if len(window) >= max(1, articles_per_batch):
            yield from map(_finish, window, _parse_window(window))
            window = []
    if window:
        yield from map(_finish, window, _parse_window(window))


def _build_claims(
    text: str,
    cleaned: str,
    language: str,
    sentences: list[Sentence],
    pieces: list[Piece],
    ents: list[dict[str, Any]],
    paragraph_blocks: list[tuple[Span, str]],
) -> list[ExtractedClaim]:
    paragraph_spans = [span for span, _role in paragraph_blocks]
    question_paragraphs = {i for i, (_span, role) in enumerate(paragraph_blocks) if role == ROLE_QUESTION}
    # List items under an attributed intro ("Selon l'Insee :", "According to the report:") inherit its source.
    item_attr: dict[int, str] = {}
    intro: str | None = None
    for i, (span, role) in enumerate(paragraph_blocks):
        if role == ROLE_ITEM:
            if intro:
                item_attr[i] = intro
            continue
        line = cleaned[span.start : span.end]
        intro = find_attribution(line) if line.endswith(":") and _LIST_INTRO.match(line) else None
    claims: list[ExtractedClaim] = []
    sentence_attr: dict[int, str | None] = {}
    ent_pos = 0
    ent_ends = [int(e["end"]) for e in ents]
    prev_piece_in_sentence: dict[int, ExtractedClaim] = {}
    for piece in pieces:
        sent = sentences[piece.sentence]
        spans = piece.spans or [(piece.start, piece.end)]
        piece_text = compose(cleaned, spans)
        if piece.sentence not in sentence_attr:
            sentence_attr[piece.sentence] = find_attribution(cleaned[sent.start : sent.end])
        whole_sentence = piece.start <= sent.start and piece.end >= sent.end
        attribution = (
            (None if whole_sentence else find_attribution(piece_text))
            or sentence_attr[piece.sentence]
            or item_attr.get(sent.paragraph)
        )

        dates = find_dates(piece_text, language=language)
        date_spans = [(int(d["start"]), int(d["end"])) for d in dates]
        numbers = find_numbers(piece_text, language, exclude=date_spans)
        for item in (*dates, *numbers):
            item["start"] = to_article(spans, item["start"])
            item["end"] = to_article(spans, item["end"])
        if ents:
            ent_pos = bisect_right(ent_ends, spans[0][0])  # a claim's subject may lie before the previous piece
            seen: set[str] = set()
            entities: list[dict[str, str]] = []
            for ent in ents[ent_pos:]:
                if ent["start"] >= spans[-1][1]:
                    break
                if not contains(spans, ent["start"], ent["end"]):
                    continue
                if ent["text"] not in seen and not re.fullmatch(r"[\W\d]+", ent["text"]):
                    seen.add(ent["text"])
                    entities.append({"text": ent["text"], "type": ent["type"]})
            for extra in rule_entities(piece_text):
                if extra["text"] not in seen and not any(extra["text"] in e["text"] for e in entities):
                    seen.add(extra["text"])
                    entities.append(extra)
        else:
            entities = rule_entities(piece_text)

        head = prev_piece_in_sentence.get(piece.sentence)
        ref = piece.subject_ref or _subject_reference(piece_text)
        if head is not None:
            prev_text = head.text
        elif piece.sentence:
            prev_sent = sentences[piece.sentence - 1]
            prev_text = cleaned[prev_sent.start : prev_sent.end]
        else:
            prev_text = ""
        refers_back = bool(ref or is_pronoun(attribution))
        same_paragraph = head is not None or (
            piece.sentence and sentences[piece.sentence - 1].paragraph == sent.paragraph
        )
        # Only the claim's own paragraph lifts its score (an unrelated paragraph before it must not).
        context_has_facts = bool(same_paragraph and re.search(r"\w\W+[A-ZÀ-Ý]\w+|\d", prev_text))
        para = paragraph_spans[sent.paragraph] if sent.paragraph < len(paragraph_spans) else Span(0, 0)
        scored = score_claim(
            piece_text,
            entities=entities,
            dates=dates,
            numbers=numbers,
            attribution=attribution,
            quoted=bool(_QUOTE_CHARS.search(piece_text)),
            dependent=piece.dependent,
            head_has_facts=bool(head and (head.entities or head.numbers)) or (refers_back and context_has_facts),
            refers_back=refers_back,
            paragraph_text=cleaned[para.start : para.end],
            language=language,
            sentence_text=cleaned[sent.start : sent.end] if piece.dependent else "",
        )
        reasons = list(scored.reasons)
        score, checkworthy = scored.score, scored.checkworthy
        if sent.paragraph in question_paragraphs:
            score, checkworthy = min(score, 0.15), False
            reasons.append(R.reason(R.INTERVIEWER_QUESTION))
        needs_context = False
        context = ""
        if piece.dependent and piece.head_text:
            needs_context = True
            context = piece.head_text
            reasons.append(R.reason(R.CONTINUES_CLAUSE))
        elif ref:
            needs_context = True
            context = prev_text
            reasons.append(R.reason(R.REFERS_OUTSIDE, ref=ref))
        elif is_pronoun(attribution):
            needs_context = True
            context = prev_text
            reasons.append(R.reason(R.SPEAKER_ELSEWHERE, speaker=attribution))
        else:
            inner = _inner_reference(piece_text)
            if inner:
                needs_context = True
                context = prev_text
                reasons.append(R.reason(R.REFERS_OUTSIDE, ref=inner))
        claim = ExtractedClaim(
            text=compose(text, spans),
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
            needs_context=needs_context,
            context=context,
            sentence_index=piece.sentence,
            paragraph_index=sent.paragraph,
            spans=list(spans),
            sentence=(min(sent.start, spans[0][0]), max(sent.end, spans[-1][1])),
        )
        claims.append(claim)
        if not piece.nested:
            prev_piece_in_sentence[piece.sentence] = claim
    return claims
