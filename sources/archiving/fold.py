"""The one text fold: what "the same words" means when a quote is anchored and when passages are ranked.

Reviewers paste quotes from a browser, and claims are worded differently from the pages that back them, so both
compare *folded* text: case-folded, accents stripped (NFKD, combining marks dropped), typographic quotes,
apostrophes and dashes unified, characters that carry no text (soft hyphen, zero-width marks, BOM) dropped, any
whitespace a plain space. :func:`folded` also maps each folded character back to the original one, so a match in
the folded text still points into the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_char", "fold_words", "folded"]

_EQUIVALENTS = {
    **dict.fromkeys("‘’‚‛′`´ʼʹ", "'"),
    **dict.fromkeys("“”„‟″«»〝〞＂", '"'),
    **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
}
_NO_SPACE_BEFORE = frozenset('"!?;:')
_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """Folded form of one character ("" for characters that carry no text, " " for any whitespace)."""
    if char.isspace():
        return " "
    if char in _EQUIVALENTS:
        return _EQUIVALENTS[char]
    if unicodedata.category(char) == "Cf":  # soft hyphen, zero-width space/joiners, BOM
        return ""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    out = []
    for piece in decomposed:
        if unicodedata.combining(piece):
            continue
        out.append(" " if piece.isspace() else _EQUIVALENTS.get(piece, piece))
    return "".join(out)


@lru_cache(maxsize=8)
def folded(text: str) -> tuple[str, tuple[int, ...]]:
    """Fold ``text`` and map every folded character back to the index of the original character it came from.

    Whitespace runs become one space; spaces next to ``"``, before ``!?;:`` and at both ends are dropped. Cached
    because the same snapshot text is searched for every quote of every evidence attached to it.
    """
    chars: list[str] = []
    origin: list[int] = []
    previous_space = True
    for index, char in enumerate(text):
        for piece in fold_char(char):
            if piece == " ":
                # French typography puts spaces inside guillemets and before ! ? ; : - reviewers often do not.
                if previous_space or (chars and chars[-1] == '"'):
                    continue
                previous_space = True
            else:
                if piece in _NO_SPACE_BEFORE and chars and chars[-1] == " ":
                    chars.pop()
                    origin.pop()
                previous_space = False
            chars.append(piece)
            origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), tuple(origin)


def fold(text: str) -> str:
    """The folded (whitespace/case/accent/punctuation-insensitive) form used for matching."""
    return folded(text)[0]


def fold_words(text: str) -> list[str]:
    """The words (``\\w+`` runs) of the folded ``text``: the same words :func:`fold` gives, without the offset map."""
    return _WORD_RE.findall("".join(map(fold_char, text)))
