"""A first-character lookahead for the long word alternations the scorer and the fact finders search every claim for.

Python's ``re`` skips ahead quickly only for a pattern that opens with a literal or a character set it can see; a
``\\b(?:...|...)`` alternation under ``re.I`` is tried alternative by alternative at every character of the text.
:func:`with_first_chars` reads the pattern's syntax tree, gathers every character a match can start with, and puts
``(?=[those])`` before the pattern: at any other character the engine fails at once. What matches is unchanged: a
match of the pattern starts with one of those characters, which the lookahead (compiled with the same flags, so
folding case the same way) accepts. A pattern whose first characters cannot be told (it may match the empty string,
open with ``.``, a negated set or a back-reference, or switch ``re.I`` inside) is compiled as it is.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s"}


def _escape(code: int) -> str:
    return re.escape(chr(code)) if chr(code) not in "-]\\^[" else "\\" + chr(code)


def _first(items: Any) -> tuple[set[str], bool] | None:
    """The class items a match of the sequence ``items`` can start with, and whether it can match empty."""
    found: set[str] = set()
    for op, av in items:
        item = _first_of(op, av)
        if item is None:
            return None
        chars, nullable = item
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _first_of(op: Any, av: Any) -> tuple[set[str], bool] | None:
    if op is C.LITERAL:
        return {_escape(av)}, False
    if op is C.IN:
        chars = set()
        for kind, value in av:
            if kind is C.LITERAL:
                chars.add(_escape(value))
            elif kind is C.RANGE:
                chars.add(f"{_escape(value[0])}-{_escape(value[1])}")
            elif kind is C.CATEGORY and value in _CATEGORIES:
                chars.add(_CATEGORIES[value])
            else:
                return None  # a negated set, \w or \W: (nearly) any character
        return chars, False
    if op is C.BRANCH:
        found: set[str] = set()
        nullable = False
        for alternative in av[1]:
            first = _first(alternative)
            if first is None:
                return None
            found |= first[0]
            nullable = nullable or first[1]
        return found, nullable
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & re.IGNORECASE:
            return None
        return _first(sub)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        first = _first(sub)
        return None if first is None else (first[0], first[1] or low == 0)
    if op is C.ATOMIC_GROUP:
        return _first(av)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True  # zero width: the first character is what comes after
    return None


def with_first_chars(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with a lookahead on the characters a match can start with when they are known.

    ``re._parser`` is CPython's own (private) parser: should a later Python change its tree, the pattern is compiled
    as it is, which only costs the speed-up.
    """
    try:
        first = None if pattern.startswith("(?") and not pattern.startswith(("(?:", "(?=", "(?!", "(?<")) else (
            _first(P.parse(pattern, flags))
        )  # fmt: skip
    except (AttributeError, TypeError, ValueError, KeyError):
        first = None
    if first is None or first[1] or not first[0]:
        return re.compile(pattern, flags)
    return re.compile(f"(?=[{''.join(sorted(first[0]))}])(?:{pattern})", flags)
