"""Rule-based segmentation: paragraphs (hard line breaks) then sentences.

All functions work on character offsets into the original text, so callers can always map
back with ``text[start:end]``. The splitter is language-agnostic with small per-language
abbreviation lists; it is used for every language (for French it pre-sets spaCy's sentence
boundaries, which the parser respects). Passage suggestion and the page-watch diff split sentences with
:func:`sentences_in` too.

Over 400 lines on purpose: a third is the abbreviation and sentence-opener lists; the rest is one splitter
(lines, wrapped lines, leading metadata, sentences) that reads best in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .types import Sentence, Span

# Abbreviations after which a period never ends a sentence (compared lower-cased, without the dot).
_NEVER_FINAL = frozenset(
    [
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "mlles",
        "me",
        "mgr",
        "dr",
        "drs",
        "pr",
        "prof",
        "st",
        "ste",
        "mr",
        "mrs",
        "ms",
        "messrs",
        "sr",
        "jr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "hon",
        "rev",
        "fr",
        "no",
        "nos",
        "n°",
        "nº",
        "vol",
        "vols",
        "p",
        "pp",
        "art",
        "arts",
        "al",
        "av",
        "bd",
        "ch",
        "chap",
        "cf",
        "env",
        "ex",
        "fig",
        "figs",
        "éd",
        "ed",
        "eds",
        "approx",
        "dept",
        "est",
        "min",
        "max",
        "tél",
        "tel",
        "vs",
        "v",
        "jan",
        "janv",
        "feb",
        "fév",
        "févr",
        "mar",
        "apr",
        "avr",
        "jun",
        "jul",
        "juil",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "déc",
        "mt",
        "ft",
        "e.g",
        "i.e",
        "p.ex",
        "c.-à-d",
        "c.à.d",
    ]
)
# Abbreviations that may also end a sentence: we split only before a typical sentence opener.
_MAYBE_FINAL = frozenset(
    ["etc", "inc", "ltd", "corp", "co", "plc", "llc", "bros", "a.m", "p.m", "av.", "j.-c", "ap.", "j.-c"]
)
_SENTENCE_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "in",
        "on",
        "at",
        "for",
        "as",
        "after",
        "before",
        "however",
        "meanwhile",
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "il",
        "elle",
        "ils",
        "elles",
        "on",
        "nous",
        "je",
        "ce",
        "cette",
        "ces",
        "cela",
        "mais",
        "et",
        "en",
        "au",
        "aux",
        "dans",
        "pour",
        "selon",
        "depuis",
        "après",
        "avant",
        "lors",
        "par",
        "d'après",
        "ainsi",
        "toutefois",
        "pourtant",
    ]
)

_TERMINATORS = ".!?…"
_CLOSERS = "\"'»”’)]}"
_OPENERS = "\"'«“‘([{¿¡—–-"
_SPACES = " \t\u00a0\u202f\u2009\u2007\u2008\u200a\u2002\u2003\r\n"  # a paragraph may hold hard-wrapped lines
_CANDIDATE = re.compile(r"(?:\.{3}|[.!?…]+)")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
# A figure with decimals, unit letters glued on ("31.2C", "79.99", "5.5L"): its dot is not an abbreviation's.
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)+[^\W\d_]{0,3}")
_ELISION = re.compile(r"^(?:[ldjnmstc]|qu|jusqu|lorsqu|puisqu)['’]")
_MAX_SENTENCE_CHARS = 1500
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_controls(text: str) -> str:
    """Replace control characters (NUL, etc.) by spaces; same length, so offsets stay valid."""
    return _CONTROL.sub(" ", text)


_AGENCIES = (
    r"AFP|AP|Reuters|Bloomberg|Belga|ATS|Keystone-ATS|dpa|DPA|ANSA|EFE|Xinhua|UPI|Kyodo|Yonhap|Tass|TASS|"
    r"Agence France-Presse|Associated Press|Agence Europe|APM|Dow Jones"
)
# Metadata that may open a line, never part of a claim: a wire dateline ("PARIS, 3 mars (Reuters) -",
# "WASHINGTON (AP) —", "NEW YORK, March 3 —"), a live-blog timestamp ("14h32 —", "10:15 a.m. ET:").
_CAPS_PLACE = r"[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’. -]{0,28}?(?:,[ \u00a0](?:D\.C\.|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}))?"
_DATELINE = re.compile(
    rf"(?:[A-ZÀ-Ý][\w'’.-]*(?:[ -][\w'’.-]+){{0,3}}(?:,[^()\n]{{1,40}}?)?\s*\((?:{_AGENCIES})(?:/[\w -]+)?\)"
    rf"\s*[-—–:]+\s*|{_CAPS_PLACE},[ \u00a0](?:\d{{1,2}}(?:er)?[ \u00a0][^\W\d]+\.?|"
    rf"[A-Z][a-z]{{2,8}}\.?[ \u00a0]\d{{1,2}})(?:,[ \u00a0]\d{{4}})?(?:\s*\([A-Z][\w .&/-]{{1,30}}\))?\s*[-—–]+\s+|"
    rf"{_CAPS_PLACE}\s[-—–]\s+(?=[A-ZÀ-Ý«\"“]))"
)
# An interview speaker in capitals ("LE FIGARO. - ...", "JEAN DURAND. – ..."): a dialogue turn.
_SPEAKER = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'’ -]{1,40}\.[ \u00a0]*[-—–][ \u00a0]+")
_TIMESTAMP = re.compile(
    r"(?:\d{1,2}[ \u00a0]?[hH:][ \u00a0]?\d{2}|\d{1,2}[ \u00a0]?h(?=[ \u00a0]*[-—–:|•]))"
    r"(?:[ \u00a0]?(?:[ap]\.[ \u00a0]?m\.|[AaPp][Mm]\b))?(?:[ \u00a0]*(?:ET|EST|EDT|CT|PT|GMT|UTC|BST|CET|CEST))?"
    r"(?:[ \u00a0]*[-—–:|•]+[ \u00a0]*|[ \u00a0]+(?=[A-ZÀ-Ý«\"“]))"
)
_QUESTION_MARK = re.compile(
    r"(?:Q|Question|QUESTION|Interviewer|INTERVIEWER|Journaliste|Journalist)[ \u00a0]*[:.][ \u00a0]+|"
    r"(?:Q|Question)[ \u00a0]*[—–-][ \u00a0]+"
)
_ANSWER_MARK = re.compile(
    r"(?:A|R|Réponse|RÉPONSE|Answer|ANSWER|Rép)[ \u00a0]*:[ \u00a0]+|(?:Réponse|Answer)[ \u00a0]*[—–-][ \u00a0]+"
)
_ANSWER_DOT = re.compile(r"[AR]\.[ \u00a0]+")  # "A. We have ..." only right after a question
_DIALOG_DASH = re.compile(r"[—–][ \u00a0]*(?=\S)")
_BULLET = re.compile(
    r"(?:[-*][ \u00a0\t]+|[•·▪▫◦‣⁃►▶✓✔→][ \u00a0\t]*|\d{1,2}[.)][ \u00a0\t]+(?=\D)|[a-z]\)[ \u00a0\t]+)"
)
_MARKUP = re.compile(r"#{1,6}[ \u00a0\t]+|(?:>[ \u00a0\t]*)+")
_ENDS_WITH_QUESTION = re.compile(r"\?[\s»\"”)’']*$")

ROLE_TEXT = "text"
ROLE_QUESTION = "question"  # an interviewer's turn ("Q: ...", "— ... ?"): never check-worthy
ROLE_ANSWER = "answer"
ROLE_ITEM = "item"  # a list item ("- ...", "• ...", "1. ...")


def _lines(text: str) -> Iterator[Span]:
    """Non-blank lines, trimmed of surrounding whitespace. Line breaks are hard boundaries."""
    pos = 0
    for line in re.split(r"(\r\n|\n|\r|\u2028|\u2029|\x85)", text):
        if line in ("\r\n", "\n", "\r", "\u2028", "\u2029", "\x85"):
            pos += len(line)
            continue
        stripped_left = len(line) - len(line.lstrip())
        body = line.strip()
        if body:
            start = pos + stripped_left
            yield Span(start, start + len(body))
        pos += len(line)


_WRAP_MIN_CHARS = 25  # a shorter line (menu entry, button, label) is never continued by the next one
_WRAP_DIGIT_MIN_CHARS = 50  # ... and a line starting with a figure joins only when both lines are long
_URLISH = re.compile(r"(?:https?://|www\.|pic\.|@)", re.I)  # a link or handle on its own line
_TABLE_LIKE = re.compile(r"\t| {3,}")
_LINE_END_STOP = frozenset('.!?…:;»"”’)]|')


def _wrapped_lines(text: str) -> Iterator[Span]:
    """Lines, with hard-wrapped ones joined (PDF, e-mail or press-release copy-paste).

    A line continues the previous one when that one is long enough, does not end with a stop and either
    the new line starts in lower case, or the previous one ends with a comma, or (a long line ending with a
    lower-case word) the new one, as long, starts with a figure. Table-like lines (tabs, runs of spaces) are
    never joined.
    """
    cur: Span | None = None
    for line in _lines(text):
        if cur is not None:
            last = text[cur.end - 1]
            first = text[line.start]
            if (
                line.start - cur.end <= 2  # no blank line in between ("\n" or "\r\n")
                and cur.end - cur.start >= _WRAP_MIN_CHARS
                and last not in _LINE_END_STOP
                and not _TABLE_LIKE.search(text, cur.start, line.end)
                and not _URLISH.match(text, line.start, line.end)
                and (
                    first.islower()
                    or last == ","
                    # "... a atteint\n17 milliards": a long line cut after a word, not a timestamp or list item
                    or (
                        first.isdigit()
                        and last.islower()
                        and min(cur.end - cur.start, line.end - line.start) >= _WRAP_DIGIT_MIN_CHARS
                        and not _TIMESTAMP.match(text, line.start, line.end)
                        and not _BULLET.match(text, line.start, line.end)
                    )
                )
            ):
                cur = Span(cur.start, line.end)
                continue
            yield cur
        cur = line
    if cur is not None:
        yield cur


def blocks(text: str) -> Iterator[tuple[Span, str]]:
    """Paragraphs with their role, each span starting *after* its leading metadata.

    A line may open with a wire dateline, a live-blog timestamp, an interview marker (``Q:``,
    ``Réponse :``, a dialogue dash) or a list marker: these are left out of the span (so out of every
    claim) and the marker gives the paragraph its role (see ``ROLE_*``).
    """
    prev_role = ROLE_TEXT
    for line in _wrapped_lines(text):
        start, end = line.start, line.end
        role = ROLE_TEXT
        for _ in range(3):
            first = text[start]
            m = None
            if first.isdigit():
                m = _TIMESTAMP.match(text, start, end)
                if m is None:
                    m = _BULLET.match(text, start, end)
                    if m is not None:
                        role = ROLE_ITEM
            elif first.isupper():
                m = _QUESTION_MARK.match(text, start, end)
                if m is not None:
                    role = ROLE_QUESTION
                else:
                    m = _ANSWER_MARK.match(text, start, end)
                    if m is None and prev_role == ROLE_QUESTION:
                        m = _ANSWER_DOT.match(text, start, end)
                    if m is not None:
                        role = ROLE_ANSWER
                    elif (m := _SPEAKER.match(text, start, end)) is not None:
                        role = ROLE_QUESTION if _ENDS_WITH_QUESTION.search(text, start, end) else ROLE_ANSWER
                    else:
                        m = _DATELINE.match(text, start, end)
            elif first in "—–":
                m = _DIALOG_DASH.match(text, start, end)
                if m is not None:
                    role = ROLE_QUESTION if _ENDS_WITH_QUESTION.search(text, start, end) else ROLE_ANSWER
            elif first in "#>":
                m = _MARKUP.match(text, start, end)  # Markdown heading or quote: a plain paragraph
            elif not first.isalnum():
                m = _BULLET.match(text, start, end)
                if m is not None:
                    role = ROLE_ITEM
            if m is None or m.end() >= end or m.end() == start:
                break
            start = m.end()
            while start < end and text[start].isspace():
                start += 1
        prev_role = role
        yield Span(start, end), role


def paragraphs(text: str) -> Iterator[Span]:
    """Paragraph spans (see :func:`blocks`): non-blank lines without their leading metadata."""
    for span, _role in blocks(text):
        yield span


def _is_boundary(text: str, dot: int, after: int, end: int) -> bool:
    """Decide whether the terminator run ``text[dot:after]`` ends a sentence."""
    # Skip closing quotes/brackets (possibly separated by French spacing).
    j = after
    while j < end and (text[j] in _CLOSERS or (text[j] in _SPACES and j + 1 < end and text[j + 1] in "»”)")):
        j += 1
    if j >= end:
        return True
    if text[j] not in _SPACES:
        return False  # "3.5", "U.S.A", "www.site.fr"
    k = j
    while k < end and text[k] in _SPACES:
        k += 1
    if k >= end:
        return True
    nxt = text[k]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    if text[dot] != ".":
        return True
    if after - dot > 1:  # ellipsis followed by a capital
        return True
    m = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if not m:
        return True
    word = _ELISION.sub("", m.group(1).lower().lstrip("'’("))  # "l'art." -> "art."
    bare = word.rstrip(".")
    if bare in _NEVER_FINAL or word in _NEVER_FINAL:
        return False
    # Single capital initial ("J. Smith"), but not a sentence ending in a one-letter word like "a".
    if len(bare) == 1 and bare.isalpha() and m.group(1)[-1].isupper():
        return False
    next_word = re.match(r"[\w'’]+", text[k : k + 30])
    next_lower = next_word.group(0).lower() if next_word else ""
    if next_lower.endswith(("'", "’")) or next_lower[:2] in ("l'", "l’", "d'", "d’", "j'", "j’"):
        next_lower = next_lower[:2].replace("’", "'")
    if bare in _MAYBE_FINAL or ("." in bare and not _DECIMAL.fullmatch(bare)):  # etc. / Inc. / U.S. / J.-C.
        return next_lower in _SENTENCE_OPENERS
    return True


def sentences_in(text: str, span: Span) -> Iterator[Span]:
    """Sentences of one paragraph. Headlines without a final stop are one sentence."""
    start, end = span.start, span.end
    cur = start
    for m in _CANDIDATE.finditer(text, start, end):
        if m.start() < cur:
            continue
        if _is_boundary(text, m.start(), m.end(), end):
            j = m.end()
            while j < end and (text[j] in _CLOSERS or (text[j] in _SPACES and j + 1 < end and text[j + 1] in "»”)")):
                j += 1
            yield from _trimmed(text, cur, j)
            cur = j
    if cur < end:
        yield from _trimmed(text, cur, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if end - start <= _MAX_SENTENCE_CHARS:
        yield Span(start, end)
        return
    # Run-on text without punctuation: cut at the last comma/space before the limit.
    while end - start > _MAX_SENTENCE_CHARS:
        limit = start + _MAX_SENTENCE_CHARS
        cut = max(text.rfind(",", start, limit), text.rfind(";", start, limit))
        if cut <= start + _MAX_SENTENCE_CHARS // 3:
            cut = text.rfind(" ", start, limit)
        if cut <= start:
            cut = limit - 1
        yield from _trimmed(text, start, cut + 1)
        start = cut + 1
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield Span(start, end)


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for p_index, para in enumerate(paragraphs(text)):
        for s in sentences_in(text, para):
            out.append(Sentence(s.start, s.end, p_index))
    return out
