"""The named cue rules of the dependency-parse engine: lexical cues the parser does not label reliably.

They run after the clause rules of :mod:`.parse_cuts`, on each word of the sentence, in the order below; the
first that returns True has decided on the word.
"""

from __future__ import annotations

from typing import Any

from .parse_rules import (
    _NUMBER_PREPS,
    _VERBLESS_TAIL_CUES,
    ParseContext,
    _finite_verb_follows,
    clause_subject,
    cue_rule,
    is_form,
    subject_text,
)

# --- lexical cues ----------------------------------------------------------------------------------------------------


def _prev(ctx: ParseContext, tok: Any) -> str:
    return str(ctx.doc[tok.i - 1].text)


@cue_rule("semicolon")
def semicolon(ctx: ParseContext, tok: Any) -> bool:
    """A semicolon separates two statements: ``Le budget baisse ; la dette monte`` / ``Sales rose; costs fell``."""
    if _prev(ctx, tok) != ";":
        return False
    ctx.add(tok.i, False, "")
    return True


@cue_rule("verbless_apposition")
def verbless_apposition(ctx: ParseContext, tok: Any) -> bool:
    """A verbless apposition closing the sentence adds a fact about it.

    ``Les ventes ont atteint 2 millions, un record depuis 1976`` / ``Sales hit 2 million, a record since 1976``.
    """
    doc, last = ctx.doc, ctx.last
    if not (
        _prev(ctx, tok) == ","
        and tok.pos_ == "DET"
        and tok.lower_ in ("un", "une", "a", "an", "the")
        and last - tok.i >= 2
        and tok.i + 1 <= last
        and (_VERBLESS_TAIL_CUES.match(doc[tok.i + 1].lower_) or _VERBLESS_TAIL_CUES.match(doc[tok.i + 2].lower_))
        and not any(t.pos_ in ("VERB", "AUX") and is_form(t, "Fin") for t in doc[tok.i : last + 1])
    ):
        return False
    ctx.add(tok.i, True, ctx.head_phrase(tok))
    return True


@cue_rule("verb_tagged_as_noun")
def verb_tagged_as_noun(ctx: ParseContext, tok: Any) -> bool:
    """A second verb the tagger took for a noun, after ``et``/``mais``, is a predicate of the main subject.

    ``Le syndicat conteste ce chiffre et évoque 1 200 postes`` / ``The union disputes the figure and cites 1,200``.
    """
    doc = ctx.doc
    nxt = doc[tok.i + 1] if tok.i + 1 <= ctx.last else None
    if not (
        tok.lower_ in ("et", "mais", "and", "but")
        and _prev(ctx, tok) != ","
        and nxt is not None
        and tok.i + 2 <= ctx.last
        and nxt.dep_ == "conj"
        and nxt.pos_ == "NOUN"
        and nxt.text.islower()
        and not any(ch.dep_ in ("det", "case", "nummod") for ch in nxt.children)
        and doc[tok.i + 2].pos_ in ("DET", "NUM")
        and nxt.head.dep_ in ("obj", "obl", "obl:arg")
        and nxt.head.head.i in ctx.main_chain
    ):
        return False
    root_subj = clause_subject(ctx.root)
    head = subject_text(root_subj, ctx.offset, ctx.text) if root_subj is not None else ctx.head_phrase(tok)
    ctx.add(tok.i, True, head, root_subj)
    return True


@cue_rule("clause_tagged_as_noun")
def clause_tagged_as_noun(ctx: ParseContext, tok: Any) -> bool:
    """A second subject and verb the parser attached to the first clause as a conjoined noun stand alone.

    ``Les ventes sont tombées à 780 000 et les taux atteignent 3,6 %`` / ``Sales fell to 780,000 and rates hit
    3.6%``.
    """
    head = tok.head
    if not (
        tok.lower_ in ("et", "mais", "and", "but")
        and tok.dep_ == "cc"
        and head.dep_ == "conj"
        and head.pos_ in ("NOUN", "PROPN")
        and head.head.i in ctx.main_chain
        and head.i > tok.i
        and _finite_verb_follows(ctx.doc, tok.i + 1, min(ctx.last, tok.i + 8))
    ):
        return False
    ctx.add(tok.i, False, "")
    return True


def _addition(ctx: ParseContext, tok: Any) -> bool:
    ctx.add(tok.i, True, ctx.head_phrase(tok))
    return True


@cue_rule("number_comparison")
def number_comparison(ctx: ParseContext, tok: Any) -> bool:
    """A verbless ``, contre``/``, avec``/``, against`` + figure tail compares the sentence's figure.

    ``Le taux atteint 7,4 %, contre 7,1 % en 2023`` / ``The rate reached 7.4%, against 7.1% in 2023``;
    ``…, pour un coût estimé à 10,6 milliards d'euros`` (a bare participle is no verb of its own).
    """
    doc, last = ctx.doc, ctx.last
    # The tail runs to the next comma ("…, contre 81 % en juillet, et les campings ont affiché complet …").
    last = next((t.i - 1 for t in doc[tok.i + 1 : last + 1] if t.text == ","), last)
    if not (
        _prev(ctx, tok) == ","
        and tok.lower_ in _NUMBER_PREPS
        and any(t.like_num for t in doc[tok.i : last + 1])
        and not any(
            t.pos_ in ("VERB", "AUX") and not _bare_participle(t) and not _after_determiner(t)
            for t in doc[tok.i : last + 1]
        )
        and last - tok.i >= 2
    ):
        return False
    return _addition(ctx, tok)


def _after_determiner(tok: Any) -> bool:
    """A "verb" right after a determiner is a noun the tagger misread: ``l'été dernier`` (summer, not "been")."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and (prev.pos_ == "DET" or prev.lower_ in ("l'", "l’", "cet", "ce"))


def _bare_participle(tok: Any) -> bool:
    """A past participle with no auxiliary: ``un coût estimé à 10 milliards`` (an adjective, not a clause)."""
    return is_form(tok, "Part") and tok.pos_ == "VERB" and not any(c.dep_.startswith("aux") for c in tok.children)


@cue_rule("soit_addition")
def soit_addition(ctx: ParseContext, tok: Any) -> bool:
    """``, soit 12 %`` / ``, i.e.``/``, representing``/``, bringing``/``, marking`` restates the figure before."""
    if _prev(ctx, tok) != "," or tok.lower_ not in ("soit", "i.e.", "representing", "bringing", "marking"):
        return False
    return _addition(ctx, tok)


@cue_rule("ce_qui_addition")
def ce_qui_addition(ctx: ParseContext, tok: Any) -> bool:
    """``, ce qui représente 3 % du budget`` / ``, ce que …``: a comment on the whole sentence."""
    if not (_prev(ctx, tok) == "," and tok.lower_ == "ce" and tok.i + 1 <= ctx.last):
        return False
    if ctx.doc[tok.i + 1].lower_ not in ("qui", "que"):
        return False
    return _addition(ctx, tok)


@cue_rule("change_from")
def change_from(ctx: ParseContext, tok: Any) -> bool:
    """``, up from 3.1%`` / ``, down by 12%``: the change of the sentence's figure (English wire style)."""
    if not (_prev(ctx, tok) == "," and tok.lower_ in ("up", "down") and tok.i + 1 <= ctx.last):
        return False
    if ctx.doc[tok.i + 1].lower_ not in ("from", "by"):
        return False
    return _addition(ctx, tok)


_NOT_PARTICIPLES = {"pendant", "durant", "avant", "cependant", "maintenant", "suivant", "concernant", "moyennant",
                    "nonobstant", "étant", "ayant", "devant", "néanmoins"}  # fmt: skip


def _no_finite_verb(ctx: ParseContext, begin: int) -> bool:
    return not any(t.pos_ in ("VERB", "AUX") and is_form(t, "Fin") for t in ctx.doc[begin : ctx.last + 1])


@cue_rule("present_participle")
def present_participle(ctx: ParseContext, tok: Any) -> bool:
    """A trailing present-participle phrase after a comma states a consequence of the sentence's subject.

    ``La crue a atteint 6 mètres, inondant plus de 200 maisons`` -> ``La crue … inondant plus de 200 maisons``;
    ``The river rose 6 metres, flooding 200 homes`` (English goes through the punctuation engine's ``-ing`` cue).
    """
    low = tok.lower_
    if not (_prev(ctx, tok) == "," and low.endswith("ant") and len(low) >= 6 and low not in _NOT_PARTICIPLES):
        return False
    if not tok.text.islower() or ctx.last - tok.i < 3 or not _no_finite_verb(ctx, tok.i):
        return False
    return _addition(ctx, tok)


@cue_rule("absolute_participle")
def absolute_participle(ctx: ParseContext, tok: Any) -> bool:
    """A trailing absolute construction (noun + ``ayant``/``étant`` + participle) is a fact of its own.

    ``L'usine a fermé en mars, 200 salariés ayant été licenciés`` / ``…, 200 workers having been laid off``.
    """
    if _prev(ctx, tok) != "," or tok.pos_ not in ("DET", "NUM", "NOUN", "PROPN"):
        return False
    tail = ctx.doc[tok.i : ctx.last + 1]
    aux = next((t for t in tail[1:6] if t.lower_ in ("ayant", "étant", "having")), None)
    if aux is None or any(t.is_punct for t in ctx.doc[tok.i : aux.i]) or not _no_finite_verb(ctx, tok.i):
        return False
    return _addition(ctx, tok)
