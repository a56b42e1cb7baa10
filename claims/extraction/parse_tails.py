"""Cue rules of the dependency-parse engine for French news copy, run after those of :mod:`.parse_cues`.

A phrase inserted between a subject and its verb (given as its own claim with that subject), verbless additions
after a comma (``, dont 900 camions``, ``, à 7,1 %``, ``, son plus haut niveau``, ``, lors d'un déplacement à
…``) and a clause after a colon or a comma and ``et``/``puis``/``tandis que``. Read on the words as much as on the
parse: the small French model often hangs these anywhere.
"""

from __future__ import annotations

from typing import Any

from . import rules as named
from .parse_coord import _noun_before
from .parse_cues import _addition, _prev
from .parse_rules import ParseContext, clause_subject, cue_rule, is_form, subject_text

# --- a phrase inserted between the subject and its verb ------------------------------------------------------------

_INTRO_POS = ("ADP", "ADV", "SCONJ", "CCONJ")
_NOT_APPOSITION = {"y", "hors", "sauf", "excepté", "notamment", "surtout", "même", "ni"}
_CLITICS = {"ne", "n'", "n’", "se", "s'", "s’", "y", "en", "lui", "leur", "le", "la", "les", "l'", "l’"}


def _finite(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") and is_form(tok, "Fin")


def _verb_opens(ctx: ParseContext, index: int) -> bool:
    """A finite verb at ``index``, maybe after clitics or one adverb (``n'a plus``, ``a depuis été``)."""
    doc = ctx.doc
    for i in range(index, min(index + 3, ctx.last + 1)):
        t = doc[i]
        if _finite(t) or (t.pos_ == "AUX" and i == index):
            return True
        if not (t.lower_ in _CLITICS or (t.pos_ == "ADV" and i == index)):
            return False
    return False


@cue_rule("inserted_apposition")
def inserted_apposition(ctx: ParseContext, tok: Any) -> bool:
    """A phrase set off by commas between a subject and its verb is also a claim of its own, with that subject.

    ``Le département, propriétaire du pont, prendra en charge 60 %`` -> ``Le département, propriétaire du pont``
    (and the main claim ``Le département … prendra en charge 60 %``); ``Marie Castagné, 52 ans, préside …``;
    ``En 2023, 11 800 animaux, essentiellement des brebis, ont été tués`` (past an introductory phrase).
    Read on the words, not the parse: the parser often hangs the verb on the apposition.
    """
    doc, first = ctx.doc, ctx.first
    if _prev(ctx, tok) != "," or tok.i - 1 <= first:
        return False
    begin = first
    if doc[first].pos_ in _INTRO_POS or doc[first].lower_ == "selon":
        commas = [t.i for t in doc[first : tok.i - 1] if t.text == ","]
        if not commas:
            return False
        begin = commas[-1] + 1  # the subject opens after the introductory phrase
    que = [t.i for t in doc[begin : tok.i - 1] if t.lower_ in ("que", "qu'", "qu’")]
    if que:
        begin = que[-1] + 1  # "Le maire a répondu que le prix du repas, désormais fixé à 3,45 euros, restait …"
    subject = doc[begin : tok.i - 1]
    if not 1 <= len(subject) <= 12 or subject[0].pos_ not in ("DET", "PROPN", "NOUN", "NUM", "PRON"):
        return False
    if any((t.is_punct and t.text not in "-'’") or _finite(t) for t in subject):
        return False
    close = next(
        (t.i for t in doc[tok.i : min(ctx.last, tok.i + 25) + 1] if t.is_punct and t.text not in "«»-'’"), None
    )
    if close is None or doc[close].text != "," or close == tok.i or close + 1 > ctx.last:
        return False
    inserted = doc[tok.i : close]
    relative = inserted[0].lower_ in ("qui", "dont", "où")  # "Nantes, qui n'a plus gagné depuis six matchs, pointe …"
    after = doc[close + 1]
    # After an inserted relative, the next word is the main verb even when tagged otherwise ("pointe" as a noun).
    verb_like = relative and after.text.islower() and after.pos_ not in ("DET", "ADP", "CCONJ", "SCONJ", "PUNCT")
    if not (_verb_opens(ctx, close + 1) or verb_like):
        return False
    if (any(_finite(t) for t in inserted) and not relative) or inserted[0].lower_ in _NOT_APPOSITION:
        return False  # a clause of its own (the relative rules give inserted relatives), or a restriction
    if all(t.pos_ == "PROPN" or t.lower_ in ("m.", "me", "mme", "dr") for t in inserted):
        return False  # ``L'avocat, Me Yann Guéguen, a annoncé``: the name identifies the subject, no fact of its own
    ante = (ctx.char(subject[0]), ctx.end_char(subject[-1]))
    if ctx.rule not in named.DISABLED:
        ctx.cuts.pop(tok.i, None)  # a cut there would part the subject from its verb (a relative taken as trailing)
    ctx.nest(ctx.char(tok), ctx.end_char(doc[close - 1]), ctx.text[ante[0] : ante[1]], ante)
    return True


# --- verbless additions and a clause after a colon ---------------------------------------------------------------


def _next_comma(ctx: ParseContext, begin: int) -> int:
    """The last token before the next comma, semicolon or colon after ``begin`` (or the sentence's last word)."""
    for t in ctx.doc[begin : ctx.last + 1]:
        if t.text in (",", ";", ":"):
            return int(t.i) - 1
    return ctx.last


def _verbless(ctx: ParseContext, begin: int, end: int) -> bool:
    return not any(_finite(t) for t in ctx.doc[begin : end + 1])


@cue_rule("dont_addition")
def dont_addition(ctx: ParseContext, tok: Any) -> bool:
    """A verbless ``, dont …`` singles out part of the figure before it: a claim read with that noun phrase.

    ``L'ouvrage voit passer 11 000 véhicules, dont près de 900 camions`` -> ``11 000 véhicules, dont près de
    900 camions``; ``Le parquet avait requis quatre ans de prison, dont deux ferme``.
    """
    if _prev(ctx, tok) != "," or tok.lower_ != "dont" or not _verbless(ctx, tok.i, _next_comma(ctx, tok.i + 1)):
        return False
    if _next_comma(ctx, tok.i + 1) <= tok.i:
        return False
    ctx.add(tok.i, True, ctx.head_phrase(tok), _noun_before(ctx, tok.i - 2))
    return True


_CHANGE_NOUNS = {"hausse", "baisse", "recul", "progression", "repli", "augmentation", "diminution", "chute"}


@cue_rule("figure_tail")
def figure_tail(ctx: ParseContext, tok: Any) -> bool:
    """A verbless ``, à 7,1 %`` / ``, en hausse de six points`` after a comma gives the level or change reached.

    ``Le chômage a reculé de 0,2 point, à 7,1 % de la population active`` -> ``à 7,1 % de la population active``
    (read with the clause before it); ``La participation s'est établie à 38,6 %, en hausse de six points``.
    """
    if _prev(ctx, tok) != ",":
        return False
    end = _next_comma(ctx, tok.i + 1)
    doc = ctx.doc
    if tok.lower_ == "à":
        window = list(doc[tok.i + 1 : min(end, tok.i + 4) + 1])
        num = next((n for n, t in enumerate(window) if t.like_num and t.lower_ not in ("un", "une")), None)
        # "à 7,1 %", "à l'âge de 88 ans"; not "à Lyon (33-10)" (a place, then a score)
        ok = num is not None and not any(t.pos_ == "PROPN" or t.is_punct for t in window[:num])
    elif tok.lower_ == "en" and tok.i + 1 <= end:
        ok = doc[tok.i + 1].lower_ in _CHANGE_NOUNS
    else:
        return False
    if not ok or end - tok.i < 1 or not _verbless(ctx, tok.i, end):
        return False
    subject = clause_subject(ctx.root)  # "Le taux de chômage … à 7,1 %": the level of the sentence's subject
    if subject is not None and not (ctx.first <= subject.i < tok.i):
        subject = None
    ctx.add(tok.i, True, ctx.head_phrase(tok), subject)
    if ctx.rule not in named.DISABLED:
        ctx.items.add(tok.i)  # "à 18,3 %" is a level of its own, however short: never glued back
    return True


_SPEECH_END = {"déclaré", "affirmé", "expliqué", "indiqué", "précisé", "souligné", "ajouté", "résumé", "dit",
               "annoncé", "prévenu", "estimé", "assuré", "rappelé", "déclare", "affirme", "explique", "indique",
               "précise", "souligne", "ajoute", "résume", "estime", "assure", "rappelle", "prévient", "annonce",
               "selon", "voici", "suivants", "suivantes", "ainsi", "notamment"}  # fmt: skip


@cue_rule("colon_clause")
def colon_clause(ctx: ParseContext, tok: Any) -> bool:
    """A clause after a colon that follows a clause is a statement of its own (not a quote or a list).

    ``Les pluies ont empêché les semis : 500 000 hectares n'ont jamais été emblavés`` -> two claims; the second
    depends on the first when it has no subject of its own. Kept whole after a verb of saying (``a déclaré :``).
    """
    if _prev(ctx, tok) != ":" or tok.text in ("«", '"', "“") or tok.i - 2 <= ctx.first:
        return False
    doc = ctx.doc
    before = doc[ctx.first : tok.i - 1]
    if doc[tok.i - 2].lower_ in _SPEECH_END or not any(_finite(t) for t in before):
        return False
    after = doc[tok.i : ctx.last + 1]
    finite = [t for t in after if _finite(t) and t.dep_ not in ("acl:relcl", "relcl")]
    if len([t for t in after if not t.is_punct]) < 4 or not finite:
        return False
    own_subject = any(any(c.dep_.startswith("nsubj") and c.i >= tok.i for c in t.children) for t in after)
    ctx.add(tok.i, not own_subject, "" if own_subject else ctx.head_phrase(tok))
    return True


_CLAUSE_LINKS = {"et", "puis", "tandis", "alors", "mais", "ensuite"}


def _subject_then_verb(ctx: ParseContext, begin: int) -> tuple[bool, bool]:
    """(a finite verb opens a clause at ``begin`` within 8 words and no punctuation, a subject comes before it)."""
    saw_noun = False
    for t in ctx.doc[begin : min(ctx.last, begin + 8) + 1]:
        if t.is_punct and t.text not in "-'’":
            return False, False
        if _finite(t):
            return True, saw_noun
        if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and t.lower_ not in ("se", "s'", "s’", "y", "en", "ne", "n'"):
            saw_noun = True
    return False, False


@cue_rule("clause_after_comma_link")
def clause_after_comma_link(ctx: ParseContext, tok: Any) -> bool:
    """``, et``/``, puis``/``, tandis que``/``, alors que`` + a finite clause: a statement of its own.

    ``Le taux atteignait 27,4 %, et il montait à 61 % chez les conducteurs`` and ``Le mildiou a frappé en mai,
    puis la grêle a détruit 400 hectares`` -> two claims each (the parser often hangs such clauses anywhere);
    ``elle obtient une licence en 1958, puis soutient une thèse en 1965`` -> the second is read with ``elle``.
    """
    if _prev(ctx, tok) != "," or tok.lower_ not in _CLAUSE_LINKS:
        return False
    begin = tok.i + 1
    if tok.lower_ in ("tandis", "alors"):
        if begin > ctx.last or ctx.doc[begin].lower_ not in ("que", "qu'", "qu’"):
            return False
        begin += 1
    if not any(_finite(t) for t in ctx.doc[ctx.first : tok.i - 1]):
        return False  # no clause before: "Paris, et surtout Lyon, ont …"
    verb, subject = _subject_then_verb(ctx, begin)
    if not verb:
        return False
    if subject or tok.lower_ in ("tandis", "alors"):
        ctx.add(tok.i, False, "")
    else:
        left_verbs = [t for t in ctx.doc[ctx.first : tok.i - 1] if _finite(t) and clause_subject(t) is not None]
        subj = clause_subject(left_verbs[-1]) if left_verbs else None
        if subj is None or not (ctx.first <= subj.i < tok.i):
            return False
        ctx.add(tok.i, True, subject_text(subj, ctx.offset, ctx.text), subj)
    return True


_APPOSITION_OPEN = {"un", "une", "le", "la", "l'", "l’", "son", "sa", "ses", "leur", "seul", "seule", "seuls", "seules"}


@cue_rule("apposition_tail")
def apposition_tail(ctx: ParseContext, tok: Any) -> bool:
    """A verbless noun phrase after a comma that says something about what precedes it is a claim of its own.

    ``La Garonne a atteint 9,2 mètres mardi, son plus haut niveau depuis 1981`` -> ``son plus haut niveau depuis
    1981`` (read with the clause before it); ``…, le trouble du rythme cardiaque le plus fréquent, selon …``.
    Not an item of a list (``la Gironde, les Landes et le Lot``), nor a short phrase.
    """
    if _prev(ctx, tok) != "," or tok.lower_ not in _APPOSITION_OPEN or tok.i - 2 <= ctx.first:
        return False
    doc = ctx.doc
    end = _next_comma(ctx, tok.i + 1)
    if end - tok.i < 2 or not _verbless(ctx, tok.i, end) or not any(_finite(t) for t in doc[ctx.first : tok.i - 1]):
        return False
    head = tok.head if tok.pos_ == "DET" else tok
    if head.dep_ == "conj" or any(t.lower_ in ("et", "ou") for t in doc[tok.i : end + 1]):
        return False  # an item of a list
    governor = head.head
    if (
        head.dep_ in ("obj", "nsubj", "nsubj:pass", "iobj", "obl:arg")
        and governor.i < tok.i - 1
        and any(t.text == "," for t in doc[governor.i : tok.i - 1])
    ):
        return False  # the verb's own object after an inserted adjunct ("conduit, en 1974, la campagne")
    if doc[tok.i - 2].pos_ not in ("NOUN", "PROPN", "NUM", "ADJ", "SYM", "ADV"):
        return False
    noun = None
    if tok.lower_ in ("le", "la", "l'", "l’", "seul", "seule", "seuls", "seules"):
        noun = _noun_before(ctx, tok.i - 2)  # "la cage d'escalier, seule issue du bâtiment": names the noun again
    ctx.add(tok.i, True, ctx.head_phrase(tok), noun)
    return True


_CIRCUMSTANCE_OPEN = {"lors", "pendant", "durant", "notamment", "principalement", "essentiellement", "surtout",
                      "jusqu'en", "jusqu’en", "jusqu'à", "jusqu’à", "dans", "sur", "devant", "grâce"}  # fmt: skip


@cue_rule("circumstance_tail")
def circumstance_tail(ctx: ParseContext, tok: Any) -> bool:
    """A verbless circumstance after a comma that names a place, a person or a figure is a fact of its own.

    ``…, a annoncé le ministre, lors d'un déplacement sur la base aérienne de Mont-de-Marsan`` -> ``lors d'un
    déplacement sur la base aérienne de Mont-de-Marsan`` (read with the clause before it); ``…, principalement en
    Côte d'Ivoire``. Not a bare adverbial (``, dans un premier temps``) nor one inserted before the verb.
    """
    if _prev(ctx, tok) != "," or tok.lower_ not in _CIRCUMSTANCE_OPEN or tok.i - 2 <= ctx.first:
        return False
    end = _next_comma(ctx, tok.i + 1)
    span = ctx.doc[tok.i : end + 1]
    if end - tok.i < 2 or not _verbless(ctx, tok.i, end) or not any(_finite(t) for t in ctx.doc[ctx.first : tok.i - 1]):
        return False
    if end < ctx.last and ctx.doc[end + 1].text == "," and _verb_opens(ctx, end + 2):
        return False  # inserted before the main verb: part of its clause
    if not any(t.pos_ == "PROPN" or (t.like_num and t.lower_ not in ("un", "une")) for t in span):
        return False  # no name nor figure: a manner, not a checkable circumstance
    return _addition(ctx, tok)


@cue_rule("name_title")
def name_title(ctx: ParseContext, tok: Any) -> bool:
    """A bare title after a name and a comma says who the person is: a claim of its own, read with the name.

    ``…, témoigne Pierre Arnaud, éleveur dans les Hautes-Alpes`` -> ``Pierre Arnaud, éleveur dans les
    Hautes-Alpes``; ``…, observe Julien Marchetti, directeur adjoint de l'OFCE``. Not before the name's verb
    (``Pierre Arnaud, éleveur, a témoigné`` is an apposition inserted in the subject).
    """
    if _prev(ctx, tok) != "," or tok.pos_ != "NOUN" or not tok.text.islower() or tok.i - 2 <= ctx.first:
        return False
    name = ctx.doc[tok.i - 2]
    if name.pos_ != "PROPN" or any(c.dep_ == "det" for c in tok.children):
        return False
    end = _next_comma(ctx, tok.i + 1)
    if end - tok.i < 1 or not _verbless(ctx, tok.i, end):
        return False
    if end < ctx.last and ctx.doc[end + 1].text == "," and _verb_opens(ctx, end + 2):
        return False
    while name.dep_ == "flat:name" and name.head.i < name.i:
        name = name.head  # "Pierre Arnaud": the name's first word heads it
    ctx.add(tok.i, True, ctx.head_phrase(tok), name)
    return True
