"""The extraction pipeline: text -> language -> sentences -> atomic pieces -> scored claims."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from . import nlp as nlp_models
from .atomic import split_parsed, split_rules
from .build import build_claims
from .facts import SPACY_LABELS
from .language import detect_language, normalise_language
from .segment import blocks, clean_controls, paragraphs, sentences_in, split_sentences
from .types import ExtractionInputError, ExtractionResult, Piece, Sentence, Span

MAX_CHARS = 5_000_000
UNIT_CHARS = 20_000  # spaCy processes at most this many characters per Doc (whole sentences)
_BATCH = 64  # Docs (paragraphs) per spaCy batch
_ARTICLES_PER_BATCH = 16  # articles whose paragraphs share one nlp.pipe stream in extract_many


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
    """spaCy component: set sentence starts from our rule-based splitter (the parser respects them).

    Every token is marked, a start (1) or not (-1), in one ``Doc.from_array`` call: what setting
    ``Token.is_sent_start`` token by token stores, without the check each such assignment makes over the whole
    Doc (that it is not parsed yet), which made marking a paragraph quadratic in its length.
    """
    if not len(doc):
        return doc
    import numpy
    from spacy.attrs import IDX, SENT_START

    text = doc.text
    starts = {s.start for s in sentences_in(text, Span(0, len(text)))}
    marks = [1 if i == 0 or idx in starts else -1 for i, idx in enumerate(doc.to_array(IDX).tolist())]
    doc.from_array([SENT_START], numpy.array(marks, dtype=numpy.int64).view(numpy.uint64))  # -1 as spaCy stores it
    return doc


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
        lang = detect_language(cleaned) or "en"  # once per article, on a bounded sample; undecidable: English
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
    claims = build_claims(
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
