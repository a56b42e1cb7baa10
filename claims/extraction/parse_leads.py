"""Cue rules of the dependency-parse engine tried last, where the small French model's parse gives no cut.

* ``leading_adjunct``: a sentence opening with a participle or adjective phrase before its subject (``Auteur de 14
  points, Casaubon a réussi …``, ``Long de 6,2 kilomètres, le prolongement doit …``, ``Exploité par la société X,
  le site emploie 210 personnes``) states a fact of its own about that subject. It is cut off and read with the
  subject that follows it (``Auteur de 14 points … Casaubon``).
* ``contrast_after_comma``: ``, tandis que`` / ``, alors que`` always opens a clause of its own, even when the
  tagger took its verb for a noun (``tandis que l'usine voisine en compte 80``).
* ``inserted_relative_cue``: ``X, qui … , verbe`` gives the relative on its own even when the parser hung it
  elsewhere (``Nantes, qui avait perdu 9 % en 2023, remonte à 3 860 euros``).
* ``short_participle``: a present participle and its short object after a comma (``, blessant quatre salariés``),
  which the general participle rule leaves to its sentence as too short.

Imports :mod:`.parse_additions`, so every earlier cue rule is registered, and tried, before these.
"""

from __future__ import annotations

import re
from typing import Any

from . import rules as named
from .parse_additions import _finite_in
from .parse_cues import _NOT_PARTICIPLES, _addition, _prev
from .parse_rules import ParseContext, cue_rule
from .parse_tails import _finite

LEADING_ADJUNCT = "leading_adjunct"
# Heads of a verbless descriptive phrase opening a sentence, before "de": "Auteur de 14 points", "Long de 6,2 km".
_DESCRIPTIVE_HEADS = {
    "auteur", "autrice", "long", "longue", "longs", "longues", "haut", "haute", "large", "âgé", "âgée", "âgés",
    "âgées", "agé", "agée", "titulaire", "titulaires", "originaire", "originaires", "vainqueur", "vainqueurs",
    "lauréat", "lauréate", "riche", "forte", "fort", "ancien", "ancienne", "membre", "président", "présidente",
    "directeur", "directrice", "champion", "championne", "détenteur", "détentrice", "propriétaire",
}  # fmt: skip
# "D'un montant de 58 millions", "D'une capacité de 2 000 places": a measure of the subject that follows.
_MEASURE_OPENING = re.compile(
    r"^d['’]une?\s+(?:montant|coût|capacité|superficie|surface|longueur|hauteur|durée|valeur|budget|population|"
    r"puissance|poids|enveloppe)\b",
    re.I,
)
_PARTICIPLE_END = re.compile(r"(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|erts|ertes)$")
_MIN_LEAD_WORDS = 3
_DAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "midi", "aujourd'hui"}


def _opens_with_adjunct(ctx: ParseContext, comma: int) -> bool:
    """``doc[first:comma]`` is a verbless participle, descriptive or measure phrase, with no other comma."""
    doc, first = ctx.doc, ctx.first
    lead = doc[first:comma]
    words = [t for t in lead if not t.is_punct]
    if len(words) < _MIN_LEAD_WORDS or any(t.text in (",", ";", ":", "«", "»", '"') for t in lead):
        return False
    if _finite_in(ctx, first, comma - 1):
        return False
    head = doc[first]
    low = head.lower_
    if not head.text[:1].isupper():
        return False
    if low in _DESCRIPTIVE_HEADS and doc[first + 1].lower_ in ("de", "d'", "d’", "du", "des"):
        return True
    text = ctx.text[ctx.char(head) : ctx.char(doc[comma])]
    if _MEASURE_OPENING.match(text):
        return True
    # A participle heading its phrase, read on the word (the tagger often takes it for a noun): followed by an agent,
    # a place, a time or a figure ("Menés 13-21", "Exploité par", "Venu pour"), not by "de" (``Comité de …``).
    if low.endswith("ant") or not _PARTICIPLE_END.search(low) or len(low) < 4 or low in _DAYS:
        return False
    nxt = doc[first + 1]
    if nxt.lower_ in ("de", "d'", "d’", "du", "des"):
        return False
    return nxt.pos_ in ("ADP", "NUM", "ADV") or nxt.like_num


_CLITICS = {"ne", "n'", "n’", "se", "s'", "s’", "y", "en"}


def _subject_before_verb(ctx: ParseContext, begin: int) -> tuple[int, int] | None:
    """The character span of the words before the first finite verb from ``begin`` (a subject: a noun or a
    pronoun, no punctuation, at most eight words), or None."""
    doc = ctx.doc
    end = begin
    for t in doc[begin : min(ctx.last, begin + 9) + 1]:
        if t.is_punct and t.text not in "-'’":
            return None
        if _finite(t) and not (t.i > begin and doc[t.i - 1].pos_ == "DET"):  # "l'accusé": a noun after its article
            break
        if t.lower_ not in _CLITICS:
            end = t.i + 1
    else:
        return None
    words = doc[begin:end]
    if not len(words) or not (
        words[0].pos_ == "DET" or any(t.pos_ in ("NOUN", "PROPN", "PRON") or t.text[:1].isupper() for t in words)
    ):
        return None
    return ctx.char(doc[begin]), ctx.end_char(doc[end - 1])


@cue_rule(LEADING_ADJUNCT)
def leading_adjunct(ctx: ParseContext, tok: Any) -> bool:
    """``Auteur de 14 points, Casaubon a réussi …`` -> ``Auteur de 14 points … Casaubon`` and the main clause."""
    if _prev(ctx, tok) != "," or ctx.lead is not None:
        return False
    comma = tok.i - 1
    if any(t.text == "," for t in ctx.doc[ctx.first : comma]) or not _opens_with_adjunct(ctx, comma):
        return False
    subject = _subject_before_verb(ctx, tok.i)
    if subject is None:
        return False
    if ctx.rule in named.DISABLED:
        return True
    ctx.add(tok.i, False, "")
    ctx.lead = subject
    return True


@cue_rule("contrast_after_comma")
def contrast_after_comma(ctx: ParseContext, tok: Any) -> bool:
    """``, tandis que`` + at least four words is a clause of its own whatever the tagger made of its verb."""
    if _prev(ctx, tok) != "," or tok.lower_ not in ("tandis", "alors"):
        return False
    begin = tok.i + 1
    if begin > ctx.last or ctx.doc[begin].lower_ not in ("que", "qu'", "qu’"):
        return False
    words = [t for t in ctx.doc[begin + 1 : ctx.last + 1] if not t.is_punct]
    if len(words) < 4 or not _finite_in(ctx, ctx.first, tok.i - 1):
        return False
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words[:4]):
        return False
    ctx.add(tok.i, False, "")
    return True


@cue_rule("inserted_relative_cue")
def inserted_relative_cue(ctx: ParseContext, tok: Any) -> bool:
    """``Nantes, qui avait perdu 9 % en 2023, remonte …``: the relative between commas, read with ``Nantes``."""
    if _prev(ctx, tok) != "," or tok.lower_ not in ("qui", "dont"):
        return False
    doc, first = ctx.doc, ctx.first
    opening = tok.i - 1
    if opening - first < 1 or any(t.is_punct and t.text != "-" for t in doc[first:opening]):
        return False  # the antecedent is the sentence's opening noun phrase, nothing else
    if _finite_in(ctx, first, opening - 1) or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[first:opening]):
        return False
    closing = next((t.i for t in doc[tok.i + 1 : ctx.last + 1] if t.text in (",", ";", ":", "—", "–")), None)
    if closing is None or doc[closing].text != "," or closing - tok.i < 3 or ctx.last - closing < 2:
        return False
    if not any(_finite(t) or t.pos_ in ("VERB", "AUX") for t in doc[tok.i + 1 : closing]):
        return False
    start, end = ctx.char(doc[first]), ctx.end_char(doc[opening - 1])
    ctx.nest(ctx.char(tok), ctx.end_char(doc[closing - 1]), ctx.text[start:end], (start, end))
    return True


@cue_rule("short_participle")
def short_participle(ctx: ParseContext, tok: Any) -> bool:
    """``…, blessant quatre salariés``: a present participle with a two-word object, a consequence of its own."""
    low = tok.lower_
    if not (_prev(ctx, tok) == "," and low.endswith("ant") and len(low) >= 6 and low not in _NOT_PARTICIPLES):
        return False
    if not tok.text.islower() or ctx.last - tok.i != 2 or _finite_in(ctx, tok.i, ctx.last):
        return False
    if ctx.doc[tok.i + 1].pos_ not in ("DET", "NUM") and not ctx.doc[tok.i + 1].like_num:
        return False
    return _addition(ctx, tok)
