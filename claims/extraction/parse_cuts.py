"""The named clause rules of the dependency-parse engine, in the order they are tried (see :mod:`.parse_rules`).

Each gets a :class:`~.parse_rules.Clause` (a token heading a clause-like dependent) and returns True when it
has decided on that token (whether or not it cut), so the rules after it are not tried on it.
"""

from __future__ import annotations

from typing import Any

from .parse_coord import _noun_before
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
        # a past participle qualifies the noun before it (``le site, construit en 1970``); a present one
        # (``…, visant à faire face à …``) qualifies the whole clause and is read with its subject
        present = "Pres" in c.tok.morph.get("Tense") or c.tok.lower_.endswith("ant")
        ctx.add(c.left, True, ctx.head_phrase(c.tok), None if present else _noun_before(ctx, c.left - 2))
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
