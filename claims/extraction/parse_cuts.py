"""The named clause rules of the dependency-parse engine, in the order they are tried (see :mod:`.parse_rules`).

Each gets a :class:`~.parse_rules.Clause` (a token heading a clause-like dependent) and returns True when it
has decided on that token (whether or not it cut), so the rules after it are not tried on it.
"""

from __future__ import annotations

import re
from typing import Any

from . import rules as named
from .parse_rules import (
    _INDEPENDENT_MARKS,
    _PARTICIPLE_ENDS,
    _PLAN_HEADS,
    RELATIVE_WORDS,
    Clause,
    ParseContext,
    _first_word,
    clause_rule,
    clause_subject,
    has_subject,
    is_clause,
    is_form,
    subject_span,
    subject_text,
)

# --- coordination ----------------------------------------------------------------------------------------------------


def _main_conjunct(ctx: ParseContext, tok: Any) -> Any | None:
    """The verb whose subject a conjunct of the main clause shares, or None when ``tok`` is no such conjunct.

    A finite verb the parser hung on the main verb's object (``ont évacué 300 habitants mais restent prudents``)
    counts as a second predicate of the main clause too; the main verb is then the object's head.
    """
    if tok.dep_ != "conj" or not is_clause(tok) or tok.i <= tok.head.i:
        return None
    on_object = (
        tok.pos_ in ("VERB", "AUX")
        and is_form(tok, "Fin")
        and tok.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
        and tok.head.head.i in ctx.main_chain
        and any(c.dep_ == "cc" for c in tok.children)
    )
    if on_object:
        return tok.head.head
    return tok.head if tok.head.i in ctx.main_chain else None


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


@clause_rule("coordinated_clause")
def coordinated_clause(ctx: ParseContext, c: Clause) -> bool:
    """A second main clause with its own subject stands alone.

    ``Les prix ont baissé de 2 % et les salaires ont augmenté de 3 %`` / ``Prices fell 2% and wages rose 3%``.
    """
    if _main_conjunct(ctx, c.tok) is None or not has_subject(c.tok):
        return False
    ctx.add(c.left, False, ctx.head_phrase(c.tok))
    return True


@clause_rule("coordinated_verb")
def coordinated_verb(ctx: ParseContext, c: Clause) -> bool:
    """A second verb of the main clause's subject, after a comma or a conjunction, read with that subject.

    ``La mairie a évacué 300 habitants et a ouvert un gymnase`` -> ``… a ouvert un gymnase`` (head: ``La mairie``);
    ``The council closed the road and opened a shelter``.
    """
    verb = _main_conjunct(ctx, c.tok)
    if verb is None:
        return False
    if c.comma_before or any(ch.dep_ == "cc" for ch in c.tok.children):
        subj = [ch for ch in verb.children if ch.dep_.startswith("nsubj")]
        head = subject_text(subj[0], ctx.offset, ctx.text) if subj else ctx.head_phrase(c.tok)
        ctx.add(c.left, True, head, subj[0] if subj else None)
    return True


# --- adverbial clauses and parataxis on the main verb ----------------------------------------------------------------


def _on_main_verb(ctx: ParseContext, c: Clause) -> bool:
    return c.dep in ("advcl", "parataxis") and c.tok.head.i in ctx.main_chain


def _marks(tok: Any) -> set[str]:
    return {ch.lower_ for ch in tok.children if ch.dep_ in ("mark", "cc", "advmod")}


@clause_rule("adverbial_with_subject")
def adverbial_with_subject(ctx: ParseContext, c: Clause) -> bool:
    """A clause with its own subject after the main verb, set off by a comma or ``et``/``and``, is cut off.

    ``L'usine a fermé en mars, 200 salariés ayant été licenciés`` (an absolute participle: dependent);
    ``The plant closed in March, and 200 workers lost their jobs`` (a clause of its own: independent).
    """
    if not _on_main_verb(ctx, c):
        return False
    marks = _marks(c.tok)
    if not (c.tok.i > c.tok.head.i and has_subject(c.tok) and (c.comma_before or "et" in marks or "and" in marks)):
        return False
    absolute = is_form(c.tok, "Part") and not any(ch.dep_.startswith(("aux", "cop")) for ch in c.tok.children)
    # "…, qui a coûté 40 millions" parsed as an adverbial clause: a relative, read with its antecedent.
    relative = any(ch.dep_.startswith("nsubj") and ch.lower_ in RELATIVE_WORDS for ch in c.tok.children)
    dependent = absolute or relative
    ctx.add(c.left, dependent, ctx.head_phrase(c.tok) if dependent else "")
    return True


@clause_rule("contrast_clause")
def contrast_clause(ctx: ParseContext, c: Clause) -> bool:
    """A ``tandis que`` / ``alors que`` / ``mais`` / ``while`` / ``whereas`` clause is a statement of its own.

    ``Le chômage recule à Paris, tandis qu'il progresse à Lyon`` / ``Sales rose in May, while costs fell``.
    """
    if not _on_main_verb(ctx, c) or not (_marks(c.tok) & _INDEPENDENT_MARKS and (c.comma_before or c.trailing)):
        return False
    ctx.add(c.left, False, "")
    return True


@clause_rule("purpose_clause")
def purpose_clause(ctx: ParseContext, c: Clause) -> bool:
    """A trailing ``pour``/``afin de``/``to`` + infinitive clause is cut off, unless the main verb is a plan.

    ``La ville a fermé le pont pour réparer ses piles`` / ``The city closed the bridge to repair its piers``;
    kept whole: ``Le ministre a annoncé un plan pour réduire la dette`` (the purpose is the plan's content).
    """
    if not _on_main_verb(ctx, c):
        return False
    tok = c.tok
    is_purpose = bool(_marks(tok) & {"pour", "afin", "to"}) and is_form(tok, "Inf")
    if not (is_purpose and c.trailing and tok.i - c.left < 3 and (tok.right_edge.i - c.left) >= 4):
        return False
    head_verb = tok.head
    if not _PLAN_HEADS.match(head_verb.lower_) and not any(
        _PLAN_HEADS.match(ch.lower_) for ch in head_verb.children if ch.dep_ in ("obj", "nsubj")
    ):
        ctx.add(c.left, True, ctx.head_phrase(tok))
    return True


def _trailing_verb_without_subject(c: Clause) -> bool:
    return c.comma_before and c.trailing and c.tok.pos_ == "VERB" and not has_subject(c.tok)


@clause_rule("participle_root_misparse")
def participle_root_misparse(ctx: ParseContext, c: Clause) -> bool:
    """An inserted participle the parser took for the main verb: keep the sentence whole, give it on its own.

    ``Les îles, s'étendant de Kyushu à Taïwan, serviront de base`` (``s'étendant`` parsed as root,
    ``serviront`` as its dependent); ``The islands, stretching from Kyushu to Taiwan, will serve as a base``.
    """
    if not (_on_main_verb(ctx, c) and _trailing_verb_without_subject(c)):
        return False
    root, tok, doc = ctx.root, c.tok, ctx.doc
    root_subj = clause_subject(root)
    if not (
        tok.head.i == root.i
        and is_form(tok, "Fin")
        and is_form(root, "Part", "Ger")
        and not any(ch.dep_.startswith("aux") for ch in root.children)
        and root_subj is not None
        and root_subj.i < root.i
    ):
        return False
    begin = root_subj.right_edge.i + 1
    while begin < c.left - 1 and doc[begin].is_punct:
        begin += 1
    if begin <= c.left - 2:
        ctx.nest(
            ctx.char(doc[begin]),
            ctx.end_char(doc[c.left - 2]),
            subject_text(root_subj, ctx.offset, ctx.text),
            subject_span(root_subj, ctx.offset),
        )
    return True


@clause_rule("trailing_predicate")
def trailing_predicate(ctx: ParseContext, c: Clause) -> bool:
    """A subjectless verb closing the sentence after a comma depends on the main clause.

    ``La crue a atteint 6 mètres, inondant 200 maisons`` / ``The river rose 6 metres, flooding 200 homes``.
    Decides on every adverbial clause or parataxis of the main verb (cut or not).
    """
    if not _on_main_verb(ctx, c):
        return False
    if _trailing_verb_without_subject(c):
        tok = c.tok
        past = is_form(tok, "Part") and tok.morph.get("Tense") == ["Past"] and not has_aux(tok)
        ctx.add(c.left, True, ctx.head_phrase(tok), _noun_before(ctx, c.left - 2) if past else None)
    return True


def has_aux(tok: Any) -> bool:
    return any(ch.dep_.startswith(("aux", "cop")) for ch in tok.children)


@clause_rule("trailing_participle")
def trailing_participle(ctx: ParseContext, c: Clause) -> bool:
    """A trailing participial adverbial clause attached lower than the main verb depends on what precedes.

    ``… a visité le site, construit en 1970 et rénové en 2019`` / ``… the plant, built in 1970, employing 300``.
    """
    if not (c.dep == "advcl" and _trailing_verb_without_subject(c)):
        return False
    if is_form(c.tok, "Part", "Ger") and (c.tok.right_edge.i - c.left) >= 3:
        ctx.add(c.left, True, ctx.head_phrase(c.tok), _noun_before(ctx, c.left - 2))
    return True


@clause_rule("participle_adjective")
def participle_adjective(ctx: ParseContext, c: Clause) -> bool:
    """A trailing participle the parser labelled an adjective (``amod``) after a comma is cut off.

    ``… un nouveau satellite, lancé le 3 mars depuis Kourou`` / ``… a new satellite, launched on 3 March``.
    """
    if c.dep != "amod":
        return False
    tok = c.tok
    if c.comma_before and c.trailing and (tok.right_edge.i - c.left) >= 3 and tok.lower_.endswith(_PARTICIPLE_ENDS):
        ctx.add(c.left, True, ctx.head_phrase(tok), _noun_before(ctx, c.left - 2))
    return True


# --- relatives, participles and appositions on a noun ----------------------------------------------------------------


def _on_noun(c: Clause) -> bool:
    return c.dep in ("acl:relcl", "relcl", "acl", "appos") and c.comma_before


def _is_relative(tok: Any) -> bool:
    return any(t.lower_ in RELATIVE_WORDS for t in tok.subtree if t.i <= tok.i)


def _predicate_hung_on_relative(rel: Any, root: Any) -> Any | None:
    """The main verb when the parser made it a conjunct of a relative on a verbless root subject, else None."""
    if rel.head.i != root.i or is_clause(root) or rel.head.i > rel.i:
        return None
    for conj in rel.children:
        if conj.dep_ != "conj" or conj.i <= rel.i or has_subject(conj) or not is_clause(conj):
            continue
        begin = conj.left_edge.i
        while begin < conj.i and conj.doc[begin].is_punct:
            begin += 1
        if begin - 1 > rel.i and conj.doc[begin - 1].text == ",":
            return conj
    return None


@clause_rule("relative_hung_verb")
def relative_hung_verb(ctx: ParseContext, c: Clause) -> bool:
    """The main verb parsed as a conjunct of an inserted relative: keep the sentence whole, give the relative.

    ``Les associations, qui contestent le projet, ont déposé un recours`` / ``The groups, which oppose the
    plan, filed an appeal`` -> the relative is also its own claim, read with ``Les associations``.
    """
    if not (_on_noun(c) and _is_relative(c.tok)):
        return False
    main_verb = _predicate_hung_on_relative(c.tok, ctx.root)
    if main_verb is None:
        return False
    close = ctx.doc[_first_word(main_verb) - 2]
    antecedent = ctx.antecedent(c.tok, c.left)
    if antecedent and close.i >= c.left:
        ctx.nest(ctx.char(ctx.doc[c.left]), ctx.end_char(close), antecedent, ctx.antecedent_span(c.tok, c.left))
    return True


def _clause_on_noun(c: Clause) -> bool:
    """A relative, participle or verbal apposition of at least four tokens, set off by a comma."""
    tok = c.tok
    if not _on_noun(c) or not (_is_relative(tok) or tok.pos_ == "VERB" or is_form(tok, "Part", "Ger")):
        return False
    return (tok.right_edge.i - c.left) >= 3


@clause_rule("trailing_relative")
def trailing_relative(ctx: ParseContext, c: Clause) -> bool:
    """A relative or participle on a noun, closing the sentence, depends on the sentence before it.

    ``Le maire a inauguré le pont, qui a coûté 40 millions d'euros`` / ``The mayor opened the bridge, which cost
    $40m``.
    """
    if not (_clause_on_noun(c) and c.trailing):
        return False
    ctx.add(c.left, True, ctx.head_phrase(c.tok))
    return True


@clause_rule("inserted_relative")
def inserted_relative(ctx: ParseContext, c: Clause) -> bool:
    """A clause inserted between commas after a noun stays in its sentence and is also given on its own.

    ``Les îles, qui comptent 5 000 habitants, accueilleront les exercices`` / ``The islands, home to 5,000
    people, will host the drills`` -> a nested claim read with its antecedent (``Les îles``).
    """
    if not _clause_on_noun(c) or c.trailing:
        return False
    tok, doc = c.tok, ctx.doc
    if tok.right_edge.i + 1 <= ctx.last and doc[tok.right_edge.i + 1].text in (",", "—", "–", ")"):
        antecedent = ctx.antecedent(tok, c.left)
        if tok.head.i < c.left and antecedent:
            ctx.nest(ctx.char(doc[c.left]), ctx.end_char(tok.right_edge), antecedent, ctx.antecedent_span(tok, c.left))
    return True
