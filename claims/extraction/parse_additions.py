"""Cue rules of the dependency-parse engine for French verbless additions, run after those of :mod:`.parse_tails`.

Each cuts before a phrase that adds a second checkable fact to the clause before it without a verb of its own:
a vote tally (``, par 289 voix contre 251``), an earlier figure the sentence's figure is compared with
(``, après 5,8 % attendus cette année``), a second amount under the same preposition (``sur 38 milliards
d'économies et sur 12 milliards de recettes``), an item added with ``ainsi que``, a cause that gives a figure
or a name (``, en raison d'une croissance attendue à 0,9 %``) and a figure compared with after ``contre`` even
without a comma (``35 % de nos volumes contre 15 % il y a dix ans``). Read on the words: the small French model
hangs these phrases almost anywhere.

Last, ``, puis`` + a second verb the tagger took for an adverb (``, puis soutient en 1965 une thèse``) is read with
the subject before it.

Imports :mod:`.parse_tails`, so its cue rules are registered, and tried, before these.
"""

from __future__ import annotations

import re
from typing import Any

from .parse_cues import _addition, _prev
from .parse_rules import ParseContext, cue_rule, is_form, subject_text
from .parse_tails import _next_comma  # (importing it first also registers its rules before these)

_FIGURE_UNITS = re.compile(r"^(?:%|points?|euros?|dollars?|millions?|milliards?|€|\$)$", re.I)
_VOTES = {"voix", "votes", "suffrages"}
_AMOUNT_PREPS = {"sur", "à", "de", "pour", "dans", "avec", "en", "par", "contre"}


def _finite_in(ctx: ParseContext, begin: int, end: int) -> bool:
    """A finite verb in ``doc[begin:end + 1]`` (not the ``a`` of ``il y a dix ans``, a date)."""
    doc = ctx.doc
    return any(
        t.pos_ in ("VERB", "AUX") and is_form(t, "Fin") and not (t.i > begin and doc[t.i - 1].lower_ == "y")
        for t in doc[begin : end + 1]
    )


@cue_rule("vote_tally")
def vote_tally(ctx: ParseContext, tok: Any) -> bool:
    """A vote count after a comma is a fact of its own about the vote.

    ``L'Assemblée a adopté le budget, par 289 voix contre 251`` -> ``… par 289 voix contre 251``; ``…, par 27 voix
    pour et 6 contre``. Not ``, par la voix de son porte-parole`` (no count).
    """
    doc = ctx.doc
    if _prev(ctx, tok) != "," or tok.lower_ != "par" or tok.i + 2 > ctx.last:
        return False
    if not (doc[tok.i + 1].like_num and doc[tok.i + 2].lower_ in _VOTES):
        return False
    return _addition(ctx, tok)


@cue_rule("earlier_figure")
def earlier_figure(ctx: ParseContext, tok: Any) -> bool:
    """``, après 5,8 % attendus cette année``: the figure the sentence's figure follows is a fact of its own.

    Only when the clause before gives a figure too, the ``après`` phrase opens on a figure with a unit (``%``,
    ``points``, ``euros``, ``millions``...) and has no verb of its own: not ``, après trois mois de travaux`` nor
    ``, après 5 % l'an dernier, elle a bondi``.
    """
    doc = ctx.doc
    if _prev(ctx, tok) != "," or tok.lower_ != "après" or tok.i + 2 > ctx.last:
        return False
    num = doc[tok.i + 1]
    if not (num.like_num and _FIGURE_UNITS.match(doc[tok.i + 2].text)):
        return False
    if not any(t.like_num for t in doc[ctx.first : tok.i]):
        return False
    if _finite_in(ctx, tok.i, _next_comma(ctx, tok.i + 1)):
        return False
    return _addition(ctx, tok)


@cue_rule("repeated_preposition_amount")
def repeated_preposition_amount(ctx: ParseContext, tok: Any) -> bool:
    """``et`` + the preposition of an amount before + a second amount: two figures, two claims.

    ``Le gouvernement compte sur 38 milliards d'économies et sur 12 milliards de recettes`` -> ``… et sur 12
    milliards de recettes``. Not ``entre 150 et 250 millions`` (no preposition repeated) nor ``sur 38 milliards
    et sur la durée`` (no second figure), nor a clause (``et sur 12 sites, l'usine a fermé``, a verb follows).
    """
    doc = ctx.doc
    if tok.lower_ != "et" or tok.i + 2 > ctx.last:
        return False
    prep = doc[tok.i + 1]
    if prep.lower_ not in _AMOUNT_PREPS or not doc[tok.i + 2].like_num:
        return False
    earlier = [
        t.i for t in doc[ctx.first : tok.i - 1] if t.lower_ == prep.lower_ and t.i + 1 < tok.i and doc[t.i + 1].like_num
    ]
    if not earlier or any(t.text in (",", ";") for t in doc[earlier[-1] : tok.i]):
        return False  # the first amount must be in the same stretch of the clause
    if _finite_in(ctx, tok.i, ctx.last):
        return False
    return _addition(ctx, tok)


@cue_rule("ainsi_que_item")
def ainsi_que_item(ctx: ParseContext, tok: Any) -> bool:
    """An item added with ``ainsi que`` is a claim of its own, read with the verb before it.

    ``Les députés ont rejeté le gel du barème ainsi que la hausse de la taxe`` -> ``… ainsi que la hausse de la
    taxe``. Not ``ainsi que l'a annoncé le ministre`` (a clause: a verb follows), nor a short item (``ainsi que
    lui``).
    """
    doc = ctx.doc
    if tok.lower_ != "ainsi" or tok.i + 3 > ctx.last or doc[tok.i + 1].lower_ not in ("que", "qu'", "qu’"):
        return False
    if doc[tok.i + 2].pos_ not in ("DET", "NOUN", "PROPN", "NUM", "ADJ"):
        return False
    if _finite_in(ctx, tok.i, ctx.last):
        return False
    return _addition(ctx, tok)


_TALLY_WORDS = _VOTES | {"pour"}


@cue_rule("bare_number_comparison")
def bare_number_comparison(ctx: ParseContext, tok: Any) -> bool:
    """``35 % de nos volumes contre 15 % il y a dix ans``: the figure compared with, even without a comma.

    Only right after a figure with a unit (``%``, ``euros``, ``millions``...) a few words back, when another
    figure follows ``contre`` and no verb: not ``par 289 voix contre 251`` (a vote count, one fact), nor ``se bat
    contre 3 concurrents`` (no figure before), nor ``contre 15 % qui l'avaient fait en 2020`` (a clause).
    """
    doc = ctx.doc
    if tok.lower_ != "contre" or _prev(ctx, tok) in (",", ";") or tok.i + 1 > ctx.last:
        return False
    if not doc[tok.i + 1].like_num or doc[tok.i + 1].lower_ in ("un", "une"):
        return False
    window = doc[max(ctx.first, tok.i - 6) : tok.i]
    if any(t.lower_ in _TALLY_WORDS or t.text in (",", ";", ":", "(", ")") for t in window[-3:]):
        return False
    if not any(t.like_num and t.i + 1 < tok.i and _FIGURE_UNITS.match(doc[t.i + 1].text) for t in window):
        return False
    if _finite_in(ctx, tok.i, _next_comma(ctx, tok.i + 1)) or doc[tok.i + 2 : tok.i + 4].text.lower().count("qu"):
        return False
    return _addition(ctx, tok)


_CAUSE_OPENERS = {("en", "raison"), ("à", "cause"), ("du", "fait"), ("faute", "de"), ("faute", "d'"), ("faute", "d’")}


@cue_rule("cause_tail")
def cause_tail(ctx: ParseContext, tok: Any) -> bool:
    """A verbless cause after a comma that gives a figure or a name is a fact of its own.

    ``La Banque de France table sur 7,5 % de chômage, en raison d'une croissance attendue à 0,9 %`` -> ``en raison
    d'une croissance attendue à 0,9 %``; ``…, à cause de la grève des contrôleurs de la SNCF``. Not a bare cause
    (``, en raison de la météo``: nothing to check on its own), nor one with its own verb.
    """
    doc = ctx.doc
    if _prev(ctx, tok) != "," or tok.i + 3 > ctx.last or tok.i - 2 <= ctx.first:
        return False
    if (tok.lower_, doc[tok.i + 1].lower_) not in _CAUSE_OPENERS:
        return False
    end = _next_comma(ctx, tok.i + 1)
    span = doc[tok.i + 2 : end + 1]
    if not any(t.pos_ == "PROPN" or (t.like_num and t.lower_ not in ("un", "une")) for t in span):
        return False
    if _finite_in(ctx, tok.i, end) or not _finite_in(ctx, ctx.first, tok.i - 1):
        return False
    return _addition(ctx, tok)


_LINKS = {"puis", "et"}


@cue_rule("mistagged_second_verb")
def mistagged_second_verb(ctx: ParseContext, tok: Any) -> bool:
    """``, puis``/``, et`` + a second verb the tagger took for an adverb or an adjective: a predicate of the subject.

    ``elle obtient une licence à Rennes en 1958, puis soutient en 1965 une thèse`` (``soutient`` tagged as an
    adverb, but parsed as the second conjunct of ``obtient`` with its own object) -> ``elle … soutient en 1965
    une thèse``. Not a noun or a name (``, puis Lyon en 1960``), nor a word with no object or oblique of its own.
    """
    doc = ctx.doc
    if _prev(ctx, tok) != "," or tok.lower_ not in _LINKS or tok.i + 2 > ctx.last:
        return False
    word = doc[tok.i + 1]
    if word.pos_ not in ("ADV", "ADJ") or not word.text.islower() or word.dep_ != "conj":
        return False
    if word.head.i not in ctx.main_chain or word.head.i > tok.i:
        return False
    if not any(ch.dep_ in ("obj", "obl", "obl:mod", "obl:arg") for ch in word.children):
        return False
    # the subject of the last finite verb before the comma (the parser may have made an opening participle the root)
    verbs = [t for t in doc[ctx.first : tok.i - 1] if t.pos_ in ("VERB", "AUX") and is_form(t, "Fin")]
    subj = next((ch for ch in verbs[-1].children if ch.dep_.startswith("nsubj")), None) if verbs else None
    if subj is None or not (ctx.first <= subj.i < tok.i):
        return False
    ctx.add(tok.i, True, subject_text(subj, ctx.offset, ctx.text), subj)
    return True
