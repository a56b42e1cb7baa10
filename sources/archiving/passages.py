"""Suggest the passages of a snapshot most relevant to a claim, so reviewers don't read the whole page to quote it.

The snapshot text is cut into passages with offsets into the text (paragraphs; long paragraphs into overlapping
windows of three sentences, split by claim extraction's sentence splitter), then ranked against the claim with BM25
(``bm25s``). BM25 is lexical, fast, needs no model weights and works the same in every language given a sensible
tokeniser: words folded as quotes are (``sources.archiving.fold``), a stop-word list per language and, for French
and English, a light suffix-stripping stemmer so "chômeurs"/"chômeur" or "rates"/"rate" meet. Offsets let the UI
highlight a suggestion and turn it straight into an anchored quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from claims.extraction.segment import sentences_in
from claims.extraction.types import Span
from factcheck.lib.spans import trim_span
from sources.archiving.fold import fold, fold_words

__all__ = ["Passage", "split_passages", "suggest_passages", "tokenize"]

MAX_PARAGRAPH_CHARS = 600  # longer paragraphs are cut into sentence windows
MAX_WINDOW_CHARS = 1200  # a "sentence" longer than this (no punctuation) is cut at word boundaries
MIN_PASSAGE_CHARS = 20
WINDOW_SENTENCES = 3
WINDOW_STRIDE = 2

_PARAGRAPH_RE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Passage:
    """A suggested passage: ``text == snapshot_text[start:end]``; ``score`` is the BM25 score (> 0)."""

    start: int
    end: int
    text: str
    score: float


@lru_cache(maxsize=16)
def _stopwords(language: str) -> frozenset[str]:
    """bm25s's stop-word lists (folded like the tokens); an unknown language gets none rather than English ones."""
    from bm25s import stopwords

    lists = {
        "en": stopwords.STOPWORDS_EN_PLUS,
        "fr": stopwords.STOPWORDS_FRENCH,
        "es": stopwords.STOPWORDS_SPANISH,
        "de": stopwords.STOPWORDS_GERMAN,
        "it": stopwords.STOPWORDS_ITALIAN,
        "pt": stopwords.STOPWORDS_PORTUGUESE,
        "nl": stopwords.STOPWORDS_DUTCH,
    }
    words = lists.get(language, ())
    return frozenset(fold(word) for word in words)


def _stem_en(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        token = token[:-3] + "y"
    elif len(token) > 4 and token.endswith("sses"):
        token = token[:-2]
    elif len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    for suffix in ("ing", "ed", "ly"):
        if len(token) > len(suffix) + 2 and token.endswith(suffix):
            token = token[: -len(suffix)]
            break
    if len(token) > 3 and token.endswith("e"):
        token = token[:-1]
    return token


def _stem_fr(token: str) -> str:
    if len(token) > 4 and token.endswith("aux"):
        token = token[:-3] + "al"
    elif len(token) > 3 and token.endswith(("s", "x")):
        token = token[:-1]
    if len(token) > 4 and token.endswith("er"):
        token = token[:-2]
    elif len(token) > 3 and token.endswith("e"):
        token = token[:-1]
    return token


def _stem_plural_s(token: str) -> str:
    return token[:-1] if len(token) > 3 and token.endswith("s") else token


_STEMMERS = {"en": _stem_en, "fr": _stem_fr, "es": _stem_plural_s, "pt": _stem_plural_s}


def tokenize(text: str, language: str = "") -> list[str]:
    """Folded, stop-word-free, lightly stemmed tokens. Numbers are kept whatever their length ("5", "2030")."""
    language = (language or "").lower()[:2]
    stop = _stopwords(language)
    stem = _STEMMERS.get(language)
    tokens: list[str] = []
    for raw in fold_words(text):
        if raw in stop or (len(raw) < 2 and not raw.isdigit()):
            continue
        tokens.append(stem(raw) if stem and not raw.isdigit() else raw)
    return tokens


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraph's sentences as claim extraction splits them, any longer than a window cut at word boundaries."""
    out: list[tuple[int, int]] = []
    for sentence in sentences_in(text, Span(start, end)):
        s, e = sentence.start, sentence.end
        while e - s > MAX_WINDOW_CHARS:  # no punctuation: cut at the last space before the limit
            cut = text.rfind(" ", s, s + MAX_WINDOW_CHARS)
            cut = cut if cut > s else s + MAX_WINDOW_CHARS
            out.append(trim_span(text, s, cut))
            s = cut
        out.append(trim_span(text, s, e))
    return [(s, e) for s, e in out if e > s]


def split_passages(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of passages: each line/paragraph, long ones as overlapping 3-sentence windows."""
    for match in _PARAGRAPH_RE.finditer(text):
        start, end = trim_span(text, match.start(), match.end())
        if end - start < MIN_PASSAGE_CHARS:
            continue
        if end - start <= MAX_PARAGRAPH_CHARS:
            yield start, end
            continue
        sentences = _sentences(text, start, end)
        if len(sentences) <= WINDOW_SENTENCES:
            if all(e - s <= MAX_WINDOW_CHARS for s, e in sentences) and end - start <= 2 * MAX_WINDOW_CHARS:
                yield start, end
            else:
                yield from sentences
            continue
        yield from _windows(sentences)


def _windows(sentences: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Windows of up to WINDOW_SENTENCES sentences (and MAX_WINDOW_CHARS), overlapping by one sentence."""
    first = 0
    count = len(sentences)
    while first < count:
        last = first
        while (
            last + 1 < count
            and last + 1 - first < WINDOW_SENTENCES
            and sentences[last + 1][1] - sentences[first][0] <= MAX_WINDOW_CHARS
        ):
            last += 1
        yield sentences[first][0], sentences[last][1]
        if last == count - 1:
            return
        first = first + WINDOW_STRIDE if last - first + 1 > WINDOW_STRIDE else last + 1


def suggest_passages(claim_text: str, text: str, *, language: str, k: int = 3) -> list[Passage]:
    """Top ``k`` passages of ``text`` for ``claim_text`` by BM25, best first, only those scoring above zero.

    Overlapping windows are not suggested twice: a passage overlapping a better one is skipped.
    """
    if k <= 0 or not text.strip() or not claim_text.strip():
        return []
    spans = list(split_passages(text))
    if not spans:
        return []
    corpus = [tokenize(text[s:e], language) for s, e in spans]
    vocabulary = {token for tokens in corpus for token in tokens}
    query = [token for token in tokenize(claim_text, language) if token in vocabulary]
    if not query:
        return []

    import bm25s

    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    scores = retriever.get_scores(query)

    order = sorted(range(len(spans)), key=lambda i: (-float(scores[i]), spans[i][0]))
    chosen: list[Passage] = []
    for index in order:
        score = float(scores[index])
        if score <= 0 or len(chosen) >= k:
            break
        start, end = spans[index]
        if any(start < p.end and p.start < end for p in chosen):
            continue
        chosen.append(Passage(start=start, end=end, text=text[start:end], score=round(score, 4)))
    return chosen
