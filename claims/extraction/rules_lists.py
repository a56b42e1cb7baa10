"""Distributive lists: one claim per item of a list a verb distributes over, as a rule of :mod:`.rules`.

``The store sells groceries, snacks and beverages`` -> three claims (``The store sells groceries``, ``The store
sells … snacks``, ``The store sells … beverages``); ``a mixture of sand, clay and water`` stays one.
"""

from __future__ import annotations

import re

from .en_words import is_finite, looks_english
from .rules import _FINITE, _WORDS, Context, rule
from .types import Piece
from .verbs import EN_PRESENT

# "carries groceries, snacks and beverages": one claim per item of a distributive list closing the sentence.
_WORD = r"(?:[$€£]?\d[\d,.]*\d%?|[\w'’-]+)"  # a figure keeps its thousands separators: "8,000 square feet"
_ITEM = rf"{_WORD}(?:\s+{_WORD}){{0,2}}(?:\s+of\s+{_WORD}(?:\s+{_WORD})?)?"  # "five years of maintenance"
_LIST_AFTER_VERB = re.compile(
    rf"\s+(?P<items>{_ITEM}(?:,\s+{_ITEM}){{1,6}},?\s+(?:and|et|or|ou)\s+{_ITEM})\s*[.!]?\s*$"
)
_NOT_DISTRIBUTIVE = re.compile(
    r"\b(?:between|among|of|from|mix(?:ture)?|combin\w*|entre|parmi|mélange|de|des|du|d['’])\s*$", re.I
)


# "has 400 pupils and 30 teachers", "hit 27 fours and four sixes", "is survived by two sons and five
# grandchildren": two amounts (in figures or in words), each a claim of its own.
_COUNT = (
    r"(?:[$€£]?\d[\d,.]*%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundreds|thousands|dozens|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|"
    r"trente|quarante|cinquante|cent)"
)
# "14 counts of burglary and one count of receiving stolen property": an English amount may be "N things of …".
_OF_PHRASE = r"(?:\s+of\s+[\w'’-]+(?:\s+[\w'’-]+){0,2})?"
_TWO_AMOUNTS = re.compile(
    rf"\s+(?:by\s+|par\s+)?(?P<items>{_COUNT}(?:\s+[\w'’-]+){{1,2}}{_OF_PHRASE}\s+(?:and|et)\s+{_COUNT}"
    rf"(?:\s+[\w'’-]+){{1,2}}{_OF_PHRASE})"
    r"\s*[.!]?\s*$",
    re.I,
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
# "2 hours, 1 minute and 48 seconds", "5 feet 11 inches": one measure in several units, not a list.
_UNIT_OF_ONE_MEASURE = re.compile(
    r"^(?:[a-z]+\s+)?\d+\s+(?:hours?|minutes?|seconds?|days?|weeks?|months?|years?|feet|foot|inch(?:es)?|pounds?|ounces?|"
    r"stones?|heures?|secondes?|jours?|ans|mois)$",
    re.I,
)
# "funded by the Danish Dementia Research Foundation and the Nordic Ageing Trust", "by Greg Whitaker and Tina Ruiz":
# two full names (two capitalised words or more each) closing the sentence, as agent or object of its last verb.
_NAME = r"(?:the\s+)?(?-i:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)"
_TWO_NAMES = re.compile(rf"\s(?:by\s+)?(?P<items>{_NAME}\s+and\s+{_NAME})\s*[.!]?\s*$", re.I)
_NOT_AN_ITEM = re.compile(r"\b(?:and|et|or|ou|of|de|du|des|d['’]|from|with|avec|to|à|au|aux)\b", re.I)
# "five years of maintenance", "a section of Route 22": an English item after the first may hold one "of" inside it
# (a first item with "of" is the list's head: "a mixture of sand, clay and water").
_OF_INSIDE = re.compile(r"^\S+(?:\s+\S+)?\s+of\s+\S+(?:\s+\S+){0,2}$")
# "filled in questionnaires about their mood, screen habits and academic performance": the list closes the
# sentence after a preposition (and its determiner) that every item shares, not right after the verb.
_LIST_AFTER_PREP = re.compile(
    rf"\s(?:about|on|in|for|at|across|over|under|against|including|such\s+as|like|from|by)\s+"
    rf"(?:(?:the|their|its|his|her|our|your|a|an)\s+)?(?P<items>{_ITEM}(?:,\s+{_ITEM}){{1,6}},?\s+(?:and|or)\s+"
    rf"{_ITEM})\s*[.!]?\s*$"
)


def _amount_over_alternatives(chunk: str, m: re.Match[str]) -> bool:
    """``58% of trips are made on foot, by bike or by bus``: an amount counted over alternatives ("or") is one
    figure for all of them together, not one claim per item."""
    return bool(re.search(r"\s(?:or|ou)\s", m.group("items"))) and bool(re.search(r"\d", chunk[: m.start("items")]))


_AFTER_MODAL = re.compile(r"\b(?:will|would|can|could|may|might|must|should|shall)\s+(?:also\s+)?(?P<verb>[a-z]{2,})\b")


def _verb_word(verb: re.Match[str]) -> str:
    """The verb a match found: the word itself, or the one after a modal (``will add``)."""
    return verb.groupdict().get("verb") or verb.group(0)


def _prep_distributes(chunk: str, m: re.Match[str]) -> bool:
    """The preposition before the list shares itself with every item: not ``between``/``of``; ``from``/``by`` only
    with no figure before (``tries came from A, B and C``, not ``£5m came from A, B and C``, one sum for all)."""
    head = chunk[: m.start("items")]
    if m.group(0).split()[0] in ("from", "by"):  # "survived by two sons, Mark and Peter, and …": counted kin
        return not re.search(r"\d", head) and not _NUMBER_WORD_RE.search(m.group("items"))
    return not _NOT_DISTRIBUTIVE.search(head)


def _list_after_verb(chunk: str) -> re.Match[str] | None:
    """The list closing ``chunk`` right after its last finite verb (and an optional determiner)."""
    if not _CONJUNCTION.search(chunk):
        return None  # no list without its "and" (the common case: checked first, it is cheap)
    verbs = [w for w in _WORDS.finditer(chunk) if _FINITE.match(w.group(0)) or _PRESENT_VERB.match(w.group(0))]
    verbs += list(_AFTER_MODAL.finditer(chunk))  # "will add …": the verb after a modal (its match ends with it)
    verbs.sort(key=lambda w: w.end())
    for verb in reversed(verbs):
        if _COLLECTIVE.match(_verb_word(verb)):
            return None
        m = _LIST_AFTER_VERB.match(chunk, verb.end()) or _TWO_AMOUNTS.match(chunk, verb.end())
        if m and not _NOT_DISTRIBUTIVE.search(chunk[: m.start("items")]):
            return m
        if verb is verbs[-1]:
            m = _LIST_AFTER_PREP.search(chunk, verb.end())
            if m and not re.search(r"\d", m.group("items")) and _prep_distributes(chunk, m):
                return m
    m = _TWO_NAMES.match(chunk, verbs[-1].end()) if verbs else None
    return m if m and not _COLLECTIVE.match(_verb_word(verbs[-1])) else None


def _not_an_item(item: str, english: bool) -> bool:
    return bool(_NOT_AN_ITEM.search(item)) and not (english and _OF_INSIDE.match(item) and item.count(" of ") == 1)


@rule("distributive_list", before="attach_purpose")
def distributive_list(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        chunk = ctx.text[piece.start : piece.end]
        m = None if piece.nested or piece.spans else _list_after_verb(chunk)
        items = re.split(r",\s+(?:(?:and|et|or|ou)\s+)?|\s+(?:and|et|or|ou)\s+", m.group("items")) if m else []
        if (
            m is None
            or len(items) < (2 if m.re in (_TWO_AMOUNTS, _TWO_NAMES) else 3)
            or any(
                _not_an_item(i, (n > 0 or m.re is _TWO_AMOUNTS) and looks_english(chunk)) for n, i in enumerate(items)
            )
            or all(_UNIT_OF_ONE_MEASURE.match(i) for i in items)
            or _amount_over_alternatives(chunk, m)
        ):
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


# "rose 7% in London and 5% in Manchester": the verb is left out of the second conjunct, which repeats the amount
# and the preposition; each amount is a claim, the second read with the words before the first amount.
_AMOUNT = r"(?:by\s+)?[$€£]?\d[\d.,]*\s*(?:%|per\s?cent|million|billion|bn|m|k)?"
_ELLIPSIS = re.compile(
    rf"(?<=\s)(?P<a1>{_AMOUNT})\s+(?P<prep>in|at|for|among|on|to|from|of|en|dans|à|pour|chez)\s+[^,;]{{1,40}}?"
    rf"(?P<cut>\s+(?:and|et)\s+)(?P<a2>{_AMOUNT})\s+(?P=prep)\s+",
    re.I,
)


# "…, dont 620 à Sochaux et 530 à Vénissieux": the parts of a figure given before share its predicate.
_PART_OF = re.compile(r"(?:dont|soit|including|of which|among them)", re.I)


@rule("elliptical_amount", before="distributive_list")
def elliptical_amount(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """``Rents rose 7% in London and 5% in Manchester`` -> ``Rents rose 7% in London`` + ``Rents rose … 5% in
    Manchester``: a second amount with the same preposition after ``and`` is the same predicate, its verb left out.

    ``between 2009 and 2017`` (no repeated preposition) and ``2 hours, 1 minute and 48 seconds`` stay whole.
    """
    out: list[Piece] = []
    for piece in pieces:
        chunk = ctx.text[piece.start : piece.end]
        m = None if piece.nested else _ELLIPSIS.search(chunk)
        if m is None or re.search(r"\b(?:between|from)$", chunk[: m.start("a1")].rstrip(), re.I):
            out.append(piece)
            continue
        head = chunk[: m.start("a1")].rstrip()
        if not _PART_OF.fullmatch(head) and not any(
            _FINITE.match(w.group(0)) or _PRESENT_VERB.match(w.group(0)) or is_finite(w.group(0), m.group("a1"))
            for w in _WORDS.finditer(head)
        ):
            out.append(piece)
            continue
        left_end, right_start = piece.start + m.start("cut"), piece.start + m.start("a2")
        head_spans = [s for s in (piece.spans or [(piece.start, piece.end)]) if s[0] < piece.start + len(head)]
        head_spans[-1] = (head_spans[-1][0], min(head_spans[-1][1], piece.start + len(head)))
        right = Piece(right_start, piece.end, piece.sentence, True, head, piece.attribution,
                      spans=[*head_spans, (right_start, piece.end)], rule="elliptical_amount")  # fmt: skip
        piece.end = left_end
        if piece.spans:
            piece.spans = [s for s in piece.spans if s[0] < left_end]
            piece.spans[-1] = (piece.spans[-1][0], min(piece.spans[-1][1], left_end))
        out.extend([piece, right])
    return out


# "X a obtenu 54,2 %, celle de Y 31,6 % et celle de Z 14,2 %", "l'irrigation 61 % et l'industrie 30 %", "3 450 euros
# dans le quartier de la Gare, 1 980 euros aux Hauts-de-Brenne": later conjuncts that leave the verb out (gapping),
# each a noun phrase with its own figure, or a figure with its own place. Each is a claim, read with the sentence.
_NUMBER_WORD = (
    r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve)"
)  # not "un", "une", "one": articles as often as numbers
_NUMBER_WORD_RE = re.compile(rf"\b(?:{_NUMBER_WORD}|dozens)\b", re.I)
_ITEM_END = r"(?=\s*(?:[,;]|\s(?:et|and)\s|[.!]?[\s\u00a0]*$))"
# A whole figure: never "4" of "4,000".
_FIGURE = (
    r"(?:[$€£]\s?)?\d(?:[\d.,]|[\u00a0\u202f ](?=\d{3}\b))*(?![\d]|[.,]\d)"
    r"(?:\s?(?:%|per\s?cent|pour\s?cent|€|\$))?"
)
_NOT_A_GAP_START = re.compile(
    r"(?:dont|soit|contre|including|of which|against|versus|vs|up|down|from|avec|with|selon|according|notamment|"
    r"among|parmi|après|after|before|avant|depuis|since|sur|out|plus|moins|more|less|about|environ|près|over|under|"
    r"above|below|older|younger)\b",
    re.I,
)
_IN_ITEM = r"(?:(?!\s(?:et|and)\s)[^,;\d])"  # a character of a conjunct: not across the next "et"/"and"
# A noun phrase and the figure that ends it ("l'industrie 30 %", "celle de Samia Ferrand de deux"), a unit at most
# after it: "l'embauche de 1 000 agents" is a coordinated object, not a gapped conjunct.
_GAP_UNIT = (
    r"(?:\s?(?:°C|°|C\b|km/h|mm|cm)|\s+(?:euros?|dollars?|points?|voix|sièges?|ans|années|years|seats|votes|"
    r"millions?|milliards?|billions?|tonnes|km|kilomètres|mètres|metres|miles|degrés|degrees))?"
)
# "à Mont-de-Marsan 33,1 °C": a conjunct may open with the place its figure is for.
_GAP_PLACE = r"(?:(?:[àÀ]|[Aa]ux?|[Ee]n|[Dd]ans|[Ii]n|[Aa]t)\s+)?"
_GAP_NP_ITEM = re.compile(
    rf"(?P<np>{_GAP_PLACE}(?:(?:[Ll]['’]|[Ll]a\s|[Ll]es?\s|[Tt]he\s|[Cc]elles?\s|[Cc]elui\s|[Cc]eux\s|[Ii]ts\s|"
    rf"[Tt]heir\s)|[A-ZÀ-Ý]){_IN_ITEM}{{0,50}}?)\s+(?:de\s+|d['’]\s*)?(?:{_FIGURE}|{_NUMBER_WORD}\b){_GAP_UNIT}"
    rf"{_ITEM_END}"
)
_GAP_FIGURE_ITEM = re.compile(
    rf"(?:de\s+)?{_FIGURE}{_GAP_UNIT}(?:\s+[^\W\d_][\w'’-]*)?\s+"
    rf"(?:in|at|for|among|on|to|from|en|dans|à|au|aux|chez|pour|vers|sur)\b{_IN_ITEM}{{1,40}}?{_ITEM_END}",
    re.I,
)
# "par 22 voix pour, cinq contre et deux abstentions": each count of a vote is a claim.
_VOTES_FOR = re.compile(r"\b(?:voix pour|votes? (?:for|in favou?r)|in favou?r)\b", re.I)
_GAP_VOTE_ITEM = re.compile(
    rf"(?:{_FIGURE}|{_NUMBER_WORD}\b)\s+(?:voix\s+)?(?:contre|abstentions?|against|abstaining|abstentions?|blancs?|nuls?)"
    rf"{_ITEM_END}",
    re.I,
)
_PREP_LAST = re.compile(
    r"\b(?:since|depuis|in|en|of|at|à|au|aux|from|to|by|on|dans|pour|for|than|que|after|before|après|avant|"
    r"until|jusqu['’]|sur|par|with|avec|over|under)$",
    re.I,
)
_CONJ = re.compile(r"\s(?:et|and)\s")
_RANGE_OPEN = re.compile(r"\b(?:entre|between|from)\s+\S+$", re.I)
_GAP_SEPARATOR = re.compile(r",\s+(?:(?:et|and)\s+)?|\s+(?:et|and)\s+")


def _gapped_items(chunk: str, begin: int, *, noun_phrase_first: bool = False) -> list[tuple[int, int, bool]]:
    """The spans (in ``chunk``) of the gapped conjuncts from ``begin`` (a separator) on, in order, each with whether it
    opens with its figure ("1 980 euros aux Hauts-de-Brenne"); [] if none."""
    items: list[tuple[int, int, bool]] = []
    pos = begin
    while True:
        sep = _GAP_SEPARATOR.match(chunk, pos)
        if sep is None or (chunk[pos] != "," and _RANGE_OPEN.search(chunk, 0, pos)):
            break  # "entre 2015 et 2019", "between 40 and 60": a range, not a list
        start = sep.end()
        figure_first = None if noun_phrase_first and not items else _GAP_FIGURE_ITEM.match(chunk, start)
        vote = _GAP_VOTE_ITEM.match(chunk, start) if _VOTES_FOR.search(chunk, 0, begin) else None
        m = vote or figure_first or _GAP_NP_ITEM.match(chunk, start)
        if m is None or _NOT_A_GAP_START.match(chunk, start):
            break
        if m.re is _GAP_NP_ITEM and _PREP_LAST.search(m.group("np")):
            break  # "its lowest level since 2021": the figure belongs to a phrase, an apposition, not a conjunct
        end = m.end()
        while end > start and chunk[end - 1] in " .!\u00a0":
            end -= 1
        words = [w.group(0) for w in _WORDS.finditer(chunk, start, end)]
        if any(_FINITE.match(w) for w in words if not w[0].isdigit()) or len(words) > 10:
            break  # a verb of its own: a clause, not a gapped conjunct
        items.append((start, end, figure_first is not None))
        pos = end
    rest = chunk[pos:].strip(" .!\u00a0")
    if items and rest and not rest.startswith(","):
        return []  # the last conjunct runs on: not the shape of a gapped list
    return items


@rule("gapped_amounts", before="elliptical_amount")
def gapped_amounts(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """``Les captages représentent 9 % des prélèvements, l'irrigation 61 % et l'industrie 30 %`` -> three claims:
    the first clause, then ``l'irrigation 61 %`` and ``l'industrie 30 %``, each read with its sentence."""
    out: list[Piece] = []
    for piece in pieces:
        chunk = ctx.text[piece.start : piece.end]
        items: list[tuple[int, int, bool]] = []
        holds_nested = any(p.nested and piece.start <= p.start and p.end <= piece.end for p in pieces if p is not piece)
        first = None if piece.nested or piece.spans or holds_nested else _FIGURE_RE.search(chunk)
        # a subject and its verb before the first figure, or the vote it counts ("par 27 voix pour et 8 contre")
        if first is not None and (len(chunk[: first.start()].split()) >= 2 or _VOTES_FOR.search(chunk)):
            # The list opens with a comma after the first figure's phrase ("… et 5 % à Lyon" alone is
            # elliptical_amount's).
            comma = chunk.find(",", first.end())
            conj = _CONJ.search(chunk, first.end(), comma if comma >= 0 else len(chunk))
            if comma >= 0 and conj is None and len(chunk[first.end() : comma].split()) <= 12:
                items = _gapped_items(chunk, comma)
            elif conj is not None and len(chunk[first.end() : conj.start()].split()) <= 12:
                # "… saw 33.6C and Cardiff 31.2C": after a bare "and" only a noun phrase with its figure (a figure
                # with its own place after "and" is elliptical_amount's)
                items = _gapped_items(chunk, conj.start(), noun_phrase_first=True)
        elif piece.dependent and piece.spans and out and _FIGURE_RE.search(ctx.text, out[-1].start, out[-1].end):
            # The parse already cut the list off the clause and lent it the subject ("Le gaz représente …
            # l'électricité 35 % et le bois 25 %"): each conjunct has a subject of its own, given alone.
            own_start = piece.spans[-1][0]
            own = ", " + ctx.text[own_start : piece.end]
            found = _gapped_items(own, 0)
            if found and found[0][0] == 2 and not ctx.text[own_start + found[-1][1] - 2 : piece.end].strip(" .!"):
                for n, (s_, e_, _figure_first) in enumerate(found):
                    end = own_start + e_ - 2 if n < len(found) - 1 else piece.end
                    out.append(Piece(own_start + s_ - 2, end, piece.sentence, True, piece.head_text,
                                     piece.attribution, rule="gapped_amounts"))  # fmt: skip
                continue
        if not items:
            out.append(piece)
            continue
        head = chunk[: items[0][0]].rstrip(" ,")
        head = re.sub(r"\s+(?:et|and)$", "", head).rstrip(" ,")
        out.append(
            Piece(
                piece.start,
                piece.start + len(head),
                piece.sentence,
                piece.dependent,
                piece.head_text,
                piece.attribution,
                piece.subject_ref,
                rule=piece.rule,
            )
        )
        # A figure with its own place is read with the words before the first figure ("Le mètre carré atteint …
        # 1 980 euros aux Hauts-de-Brenne"); a noun phrase with its figure stands for a subject of its own and is
        # given alone ("l'irrigation 61 %"), its sentence shown beside it.
        lead_end = piece.start + len(chunk[: first.start()].rstrip()) if first is not None else piece.start
        for n, (s, e, figure_first) in enumerate(items):
            end = piece.start + e if n < len(items) - 1 else piece.end
            part = Piece(piece.start + s, end, piece.sentence, True, head, piece.attribution, rule="gapped_amounts")
            if figure_first and lead_end > piece.start:
                part.spans = [(piece.start, lead_end), (piece.start + s, end)]
            out.append(part)
    return out


_FIGURE_RE = re.compile(_FIGURE)
