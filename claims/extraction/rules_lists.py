"""Distributive lists: one claim per item of a list a verb distributes over, as a rule of :mod:`.rules`.

``The store sells groceries, snacks and beverages`` -> three claims (``The store sells groceries``, ``The store
sells … snacks``, ``The store sells … beverages``); ``a mixture of sand, clay and water`` stays one.
"""

from __future__ import annotations

import re

from .rules import _FINITE, _WORDS, Context, rule
from .types import Piece
from .verbs import EN_PRESENT

# "carries groceries, snacks and beverages": one claim per item of a distributive list closing the sentence.
_ITEM = r"[\w'’-]+(?:\s+[\w'’-]+){0,2}"
_LIST_AFTER_VERB = re.compile(
    rf"\s+(?P<items>{_ITEM}(?:,\s+{_ITEM}){{1,6}},?\s+(?:and|et|or|ou)\s+{_ITEM})\s*[.!]?\s*$"
)
_NOT_DISTRIBUTIVE = re.compile(
    r"\b(?:between|among|of|from|mix(?:ture)?|combin\w*|entre|parmi|mélange|de|des|du|d['’])\s*$", re.I
)


# "has 400 pupils and 30 teachers": two amounts, each a claim of its own.
_TWO_AMOUNTS = re.compile(
    r"\s+(?P<items>[$€£]?\d[\d,.]*%?(?:\s+[\w'’-]+){1,2}\s+(?:and|et)\s+[$€£]?\d[\d,.]*%?(?:\s+[\w'’-]+){1,2})"
    r"\s*[.!]?\s*$"
)
_CONJUNCTION = re.compile(r"\s(?:and|et|or|ou)\s")
_PRESENT_VERB = re.compile(rf"^(?:{EN_PRESENT})$")
# Verbs that bring their objects together (or compare them): the list is one claim.
_COLLECTIVE = re.compile(
    r"^(?:combin|mix|merg|link|connect|unit|separat|compar|divid|shar|split|swap|exchang|reuni|fusionn|reli|compar)\w*$",
    re.I,
)
# "owns hotels in Paris, Rome and Madrid": the first item's words up to a preposition go with every item.
_SHARED_PREP = re.compile(r"^.*\b(?:in|at|on|for|across|dans|en|à)\s+", re.I)
_NOT_AN_ITEM = re.compile(r"\b(?:and|et|or|ou|of|de|du|des|d['’]|from|with|avec|to|à|au|aux)\b", re.I)


def _list_after_verb(chunk: str) -> re.Match[str] | None:
    """The list closing ``chunk`` right after its last finite verb (and an optional determiner)."""
    if not _CONJUNCTION.search(chunk):
        return None  # no list without its "and" (the common case: checked first, it is cheap)
    verbs = [w for w in _WORDS.finditer(chunk) if _FINITE.match(w.group(0)) or _PRESENT_VERB.match(w.group(0))]
    for verb in reversed(verbs):
        if _COLLECTIVE.match(verb.group(0)):
            return None
        m = _LIST_AFTER_VERB.match(chunk, verb.end()) or _TWO_AMOUNTS.match(chunk, verb.end())
        if m and not _NOT_DISTRIBUTIVE.search(chunk[: m.start("items")]):
            return m
    return None


@rule("distributive_list", before="attach_purpose")
def distributive_list(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        chunk = ctx.text[piece.start : piece.end]
        m = None if piece.nested or piece.spans else _list_after_verb(chunk)
        items = re.split(r",\s+(?:(?:and|et|or|ou)\s+)?|\s+(?:and|et|or|ou)\s+", m.group("items")) if m else []
        if m is None or len(items) < (2 if m.re is _TWO_AMOUNTS else 3) or any(_NOT_AN_ITEM.search(i) for i in items):
            out.append(piece)
            continue
        head_end = piece.start + len(chunk[: m.start("items")].rstrip())
        shared = _SHARED_PREP.match(items[0])
        if shared and len(items[0].split()) > max(len(i.split()) for i in items[1:]):
            head_end = piece.start + m.start("items") + len(shared.group(0).rstrip())  # "owns hotels in" … Rome
        pos = piece.start + m.start("items")
        for n, item in enumerate(items):
            s = ctx.text.index(item, pos, piece.end)
            e = s + len(item)
            pos = e
            if n == 0:
                part = Piece(piece.start, e, piece.sentence, piece.dependent, piece.head_text, piece.attribution,
                             piece.subject_ref, rule="distributive_list")  # fmt: skip
            else:
                part = Piece(s, e, piece.sentence, True, ctx.text[piece.start : head_end], piece.attribution,
                             spans=[(piece.start, head_end), (s, e)], rule="distributive_list")  # fmt: skip
            out.append(part)
    return out
