"""Clause rules of the dependency-parse engine tried first: coordinated ``que`` clauses and infinitives,
distributive lists, and a participle the parser took for a second verb (see :mod:`.parse_rules` for the order).

Imported by :mod:`.parse_cuts` before it registers its own rules, so these run before them on a token.
"""

from __future__ import annotations

import re
from typing import Any

from . import rules as named
from .parse_rules import Clause, ParseContext, _first_word, clause_rule, has_subject, is_clause, is_form, subject_text


@clause_rule("coordinated_que_clause")
def coordinated_que_clause(ctx: ParseContext, c: Clause) -> bool:
    """A second ``que`` clause or a second infinitive after ``et``/``ou`` is read with what governs both.

    ``Le ministre a déclaré que le plan coûterait 3 milliards et qu'il créerait 2 000 emplois`` -> ``Le ministre
    a déclaré … qu'il créerait 2 000 emplois`` (the attribution kept with each piece); ``Il a indiqué que le
    chantier devrait débuter en septembre et durer dix-huit mois`` -> ``Il a indiqué que le chantier devrait …
    durer dix-huit mois``.
    """
    tok, head = c.tok, c.tok.head
    if c.dep != "conj" or tok.i <= head.i or not any(ch.dep_ == "cc" for ch in tok.children):
        return False
    marks = {ch.lower_ for ch in tok.children if ch.dep_ == "mark"}
    if head.dep_ == "ccomp" and marks & {"que", "qu'", "qu’"} and is_clause(tok):
        governor = next((ch for ch in head.children if ch.dep_ == "mark"), None)  # read up to the first "que"
        if governor is None or governor.i <= ctx.first:
            return False
        end = ctx.doc[governor.i - 1]
    elif head.dep_ == "xcomp" and is_form(tok, "Inf") and is_form(head, "Inf") and head.head.i < head.i:
        end = ctx.doc[head.i - 1]  # "devrait débuter … et durer": read with everything up to the infinitive
        while end.i > ctx.first and end.dep_.startswith(("advmod", "mark")) and end.head.i == head.i:
            end = ctx.doc[end.i - 1]
    else:
        return False
    if _first_word(tok) - 1 <= end.i:
        return False
    lead = (ctx.char(ctx.doc[ctx.first]), ctx.end_char(end))
    ctx.add(c.left, True, ctx.text[lead[0] : lead[1]], lead=lead)
    return True


_COLLECTIVE_VERBS = re.compile(
    r"^(?:mélang|combin|réuni|uni|reli|compar|sépar|oppos|associ|fusionn|partag|divis|alli|entre|mêl|confond)", re.I
)


def _first_item(tok: Any) -> Any:
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


_COUNT_NOUNS = re.compile(r"^(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|centaine|millier|million|milliard)s?$")


def _amount(item: Any) -> bool:
    """The item is itself a quantity: ``trois morts``, ``une quinzaine de blessés``, ``38 milliards d'euros``."""
    return bool(
        item.like_num
        or _COUNT_NOUNS.match(item.lower_)
        or any(ch.dep_ in ("nummod", "det") and ch.like_num for ch in item.children)
    )


@clause_rule("distributive_object")
def distributive_object(ctx: ParseContext, c: Clause) -> bool:
    """Each item of a list of objects closing the clause is a claim, read with the verb.

    ``Le camion transporte des légumes, des fruits et des boissons`` -> ``Le camion transporte des légumes``,
    ``Le camion transporte … des fruits``, ``Le camion transporte … des boissons``; two amounts are enough
    (``a fait trois morts et une quinzaine de blessés``; ``compte sur 38 milliards d'économies et sur 12 milliards
    de recettes``, the preposition repeated). Not after a verb that brings its objects together (``mélange du
    sable, de l'argile et de l'eau``), nor for long items.
    """
    tok = c.tok
    if c.dep != "conj" or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    first = _first_item(tok)
    verb = first.head
    if verb.i not in ctx.main_chain or verb.i > first.i or _COLLECTIVE_VERBS.match(verb.lemma_):
        return False
    items = [
        first,
        *sorted((t for t in first.subtree if t.dep_ == "conj" and _first_item(t).i == first.i), key=lambda t: t.i),
    ]
    repeated_case = first.dep_.startswith("obl") and all(any(ch.dep_ == "case" for ch in t.children) for t in items)
    if not (first.dep_ == "obj" or repeated_case) or any(t.pos_ not in ("NOUN", "PROPN") for t in items):
        return False
    after = items[-1].right_edge.i + 1
    if after <= ctx.last and ctx.doc[after].text != ",":
        return False  # the list does not close the clause
    starts = [_first_word(t) if t.i != first.i else first.left_edge.i for t in items]
    ends = [*(s - 1 for s in starts[1:]), after - 1]
    amounts = all(_amount(t) for t in items)
    if len(items) < 3 and not amounts:
        return False
    if any(e - s > (8 if amounts else 5) for s, e in zip(starts, ends, strict=True)):
        return False  # long items: a description, not a list a verb distributes over
    lead_end = ctx.doc[first.left_edge.i - 1]
    lead = (ctx.char(ctx.doc[ctx.first]), ctx.end_char(lead_end))
    ctx.add(_first_word(tok), True, ctx.text[lead[0] : lead[1]], lead=lead)
    if ctx.rule not in named.DISABLED:
        ctx.items.add(_first_word(tok))
    return True


def _noun_before(ctx: ParseContext, index: int) -> Any | None:
    """The noun phrase ending right before token ``index`` (its topmost noun under the clause), or None."""
    tok = ctx.doc[index]
    if tok.pos_ not in ("NOUN", "PROPN", "NUM") and not (
        tok.pos_ == "PRON" and any(c.dep_ == "det" for c in tok.children)
    ):
        return None  # (``un nouveau satellite`` may come out as a pronoun with a determiner)
    while tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < index and tok.dep_ == "nmod":
        tok = tok.head
    return tok


@clause_rule("participle_conj_misparse")
def participle_conj_misparse(ctx: ParseContext, c: Clause) -> bool:
    """A bare participle after a noun and a comma, parsed as a second verb of the main clause, qualifies the noun.

    ``L'agence a présenté un nouveau satellite, lancé le 3 mars par Ariane 6`` -> ``un nouveau satellite, lancé
    le 3 mars par Ariane 6`` (read with the noun it follows, not the sentence's subject). A list of participles
    sharing the auxiliary (``a évacué 300 habitants, ouvert un gymnase et fermé la route``) is left alone.
    """
    tok = c.tok
    if c.dep != "conj" or tok.head.i not in ctx.main_chain or tok.i <= tok.head.i:
        return False
    if tok.pos_ != "VERB" or not is_form(tok, "Part") or has_subject(tok):
        return False
    if any(ch.dep_.startswith(("aux", "cop", "cc")) for ch in tok.children):
        return False
    first = _first_word(tok)
    if first != tok.i or ctx.doc[first - 1].text != ",":
        return False
    siblings = [t for t in (*tok.children, *tok.head.children) if t.dep_ == "conj" and t.i > tok.i]
    if any(any(ch.dep_ == "cc" for ch in t.children) and is_form(t, "Part") for t in siblings):
        return False  # the last of a list of participles sharing the main verb's auxiliary
    noun = _noun_before(ctx, first - 2)
    if noun is None or tok.right_edge.i - first < 2:
        return False
    ctx.add(first, True, ctx.head_phrase(tok), noun)
    return True


@clause_rule("participle_after_object")
def participle_after_object(ctx: ParseContext, c: Clause) -> bool:
    """A second participle after ``et``, which the parser hung on the main verb's object, shares that verb's
    auxiliary and subject.

    ``Le BEA a ouvert une enquête de sécurité et dépêché deux enquêteurs sur place`` -> ``Le BEA a ouvert une
    enquête de sécurité`` + ``Le BEA … dépêché deux enquêteurs sur place`` (``dépêché`` parsed as a conjunct of
    ``enquête``). Only a participle with no auxiliary or subject of its own, after an object of a compound tense.
    """
    tok, noun = c.tok, c.tok.head
    if c.dep != "conj" or tok.pos_ != "VERB" or not is_form(tok, "Part") or has_subject(tok):
        return False
    if not any(ch.dep_ == "cc" for ch in tok.children) or any(
        ch.dep_.startswith(("aux", "cop")) for ch in tok.children
    ):
        return False
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "obj" or noun.head.i not in ctx.main_chain:
        return False
    verb = noun.head
    if not is_form(verb, "Part") or not any(ch.dep_.startswith("aux") for ch in verb.children):
        return False
    subj = [ch for ch in verb.children if ch.dep_.startswith("nsubj")]
    if not subj:
        return False
    ctx.add(c.left, True, subject_text(subj[0], ctx.offset, ctx.text), subj[0])
    return True
