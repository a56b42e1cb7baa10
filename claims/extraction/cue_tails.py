"""Cue rules of the punctuation engine for a second fact closing an English sentence, run after :mod:`.cue_rules`.

* ``cue_share_tail``: a verbless share, gap or premium after a comma (``…, about 22% of its supply``);
* ``cue_as_clause``: ``, as`` + a clause with its own subject and verb (``…, as demand from the sector slowed``);
* ``cue_leading_participle``: a past participle opening the sentence (``Born in Portsmouth in 1933, she …``);
* ``cue_figure_participle``: a participle qualifying a noun with a figure (``repairs costing £380,000``);
* ``cue_gapped_clause``: a second clause whose verb is left out (``47 homes were destroyed and 12 damaged``);
* ``cue_and_clause``: ``and`` / ``while`` without a comma before a clause with its own subject and verb
  (``Exports rose 5% and imports fell 3%``);
* ``cue_change_from``: the earlier figure of a change, no comma (``fell to 4.41% from 4.58% in October``);
* ``cue_comma_splice``: a second clause joined by a comma alone (``…, flanker Owen Mabry added the third``).

Imports :mod:`.cue_rules` first, so its rules are registered, and run, before these.
"""

from __future__ import annotations

import re

from . import cue_rules as _registered_first  # noqa: F401  (its rules run before these)
from . import rules as named
from .attribution import _EN_VERBS
from .cue_clauses import _NOT_SUBJECT_START, _SUBJECT_WORD, _VERBISH, _clause_after, _english_verb, verb_at
from .cue_split import PUNCT_TRAIL, CueContext, alpha_count, cue_split_rule
from .en_words import is_finite, looks_english
from .verbs import EN_IRREGULAR_PAST

# An approximation before a figure ("about 22%"), and a word or figure of a sentence ("$1,862", "2.6").
_APPROX_WORDS = r"about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|some\s+|more\s+than\s+|over\s+|at\s+least\s+"
_APPROX = rf"(?:{_APPROX_WORDS})?"
_WORD_RE = re.compile(r"[$€£]?[\w’'%-]+(?:[.,]\d+)*")

# A verbless share, gap or premium closing a clause that holds the figure it qualifies: ", about 22% of the water",
# ", roughly a quarter of all pupils", ", 11 points behind leaders Essex", ", a premium of 27% to …", or the part of
# the figure counted apart: ", including £640 million on storm overflows", ", including nine fires".
_SHARE_TAIL = re.compile(
    r",\s+(?=(?:about|around|roughly|nearly|almost|some|more than|less than|just over|just under)\s+"
    r"(?:[$€£]?\d|(?:a|one)\s+(?:quarter|third|half|fifth|tenth)\b|half\b|one in\s|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|a few|a dozen)\s+(?:miles?|kilometres?|km|minutes?|hours?)\b)|"
    r"(?:\d[\d.,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:(?:points?|places?|seconds?|"
    r"minutes?|votes?|goals?|runs?|strokes?|shots?|lengths?)\s+)?(?:behind|ahead|clear|adrift|short)\b|"
    r"(?:a|an)\s+(?:premium|discount|mark-?up)\s+of\s|"
    r"including\s+(?:about\s+|around\s+|nearly\s+|almost\s+|more than\s+|some\s+|at least\s+)?(?:[$€£]?\d|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\b))",
    re.I,
)


@cue_split_rule("cue_share_tail")
def cue_share_tail(ctx: CueContext) -> None:
    """A share, gap or premium after a comma, closing the sentence, adds a fact to the clause before it.

    ``The firm lost 241 million litres a day, about 22% of its supply`` -> ``… about 22% of its supply``; only
    after a clause of four words or more (``In England, around 2.1 million pupils …`` opens a sentence).
    """
    sent = ctx.sentence_text
    if not looks_english(sent):
        return
    for m in _SHARE_TAIL.finditer(sent):
        # The tail runs to the sentence's end or to a clause already cut after it (", while the defeat …").
        stop = min((c[0] - ctx.start for c in ctx.cuts if c[0] - ctx.start > m.end() and not c[1]), default=len(sent))
        head, tail = sent[: m.start()], sent[m.end() : stop].rstrip(PUNCT_TRAIL)
        if m.end() in ctx.claimed or "," in tail or alpha_count(tail) < 3 or alpha_count(tail) > 14:
            continue
        words = head.split()
        clause = _english_verb(head) or _VERBISH.search(head) or not _NOT_SUBJECT_START.match(words[0])
        if len(words) < 4 or not clause:
            continue
        ctx.claimed.add(m.end())
        ctx.add(m.end(), True, head.rstrip(PUNCT_TRAIL))


# ", as demand from the construction sector slowed": "as" opening a clause with its own subject and verb.
_AS_CLAUSE = re.compile(
    r",\s+(?=as\s+(?!well\b|part\b|expected\b|usual\b|planned\b|such\b|soon\b|long\b|much\b|"
    r"many\b|far\b|if\b|though\b|of\b|a\s+result\b|an?\s+\w+\s+(?:of|for|to)\b)[a-z])",
    re.I,
)
_AS_SUBJECT_WORDS = 8
_AS_CONFORMITY = re.compile(
    r"^(?:said|says|say|promised|promises|expected|expects|planned|plans|predicted|predicts|forecast|forecasts|"
    r"announced|reported|hoped|feared|intended|did|does|do|had|has|have|was|were|is|are|would|will)$",
    re.I,
)


@cue_split_rule("cue_as_clause")
def cue_as_clause(ctx: CueContext) -> None:
    """``, as`` + a clause with its own subject and a past or present verb states a second fact (a cause or a
    circumstance): ``Revenue fell 6%, as demand from the construction sector slowed`` -> ``as demand … slowed``.

    ``, as expected``, ``, as part of``, ``, as well as`` and ``, as a result`` open no clause; the subject runs at
    most eight words before its verb.
    """
    sent = ctx.sentence_text
    if not looks_english(sent):
        return
    for m in _AS_CLAUSE.finditer(sent):
        head, rest = sent[: m.start()], sent[m.end() + len("as") :]
        if m.end() in ctx.claimed or not (_english_verb(head) or _VERBISH.search(head)) or "," in rest:
            continue
        ws = _WORD_RE.findall(rest)
        verb = next((i for i in range(1, min(len(ws), _AS_SUBJECT_WORDS + 1)) if verb_at(ws, i)), None)
        if verb is not None and _AS_CONFORMITY.match(ws[verb]):
            continue  # "as the company had promised", "as they did last year": how, not a second fact
        if verb is None or alpha_count(rest) < 4 or (not _SUBJECT_WORD.match(ws[0]) and not ws[0].islower()):
            continue
        ctx.claimed.add(m.end())
        ctx.add(m.end(), True, head.rstrip(PUNCT_TRAIL))


# "Born in Portsmouth in 1933, she studied …", "Founded in 1998 by two engineers, the firm employs …": a past
# participle and its complement open the sentence, then a subject and its verb.
_LEAD_PARTICIPLE = re.compile(
    r"^\W*(?:Born|Founded|Built|Elected|Appointed|Established|Opened|Launched|Created|Educated|Trained|Formed|"
    r"Named|Hired|Signed|Raised|Based|Set up|Bought|Sold|Completed|Inaugurated)\s+(?:in|on|at|by|as|from|near|"
    r"during|for|with|under|after)\b[^,;:]{2,90},\s+"
)
_LEAD_SUBJECT_WORDS = 6
_ADVERB = re.compile(r"(?:now|also|still|already|then|later|soon|first|\w{3,}ly)", re.I)


@cue_split_rule("cue_leading_participle")
def cue_leading_participle(ctx: CueContext) -> None:
    """A past participle opening the sentence states a fact of its own about the subject after it.

    ``Born in Portsmouth in 1933, she studied zoology at Southampton`` -> ``Born in Portsmouth in 1933 … she`` +
    ``she studied zoology at Southampton``. The clause after the comma needs a subject of at most six words and
    a finite verb (``Born in 1933, the year of …`` is no clause).
    """
    sent = ctx.sentence_text
    m = _LEAD_PARTICIPLE.match(sent)
    if m is None or not looks_english(sent) or m.end() in ctx.claimed:
        return
    ws = list(re.finditer(r"[$€£]?[\w’'%-]+(?:[.,]\d+)*", sent[m.end() :]))[: _LEAD_SUBJECT_WORDS + 2]
    if not ws or not (_SUBJECT_WORD.fullmatch(ws[0].group(0)) or ws[0].group(0)[0].isupper()):
        return
    for i in range(1, min(len(ws), _LEAD_SUBJECT_WORDS + 1)):
        following = ws[i + 1].group(0) if i + 1 < len(ws) else ""
        if is_finite(ws[i].group(0), following) or _VERBISH.fullmatch(ws[i].group(0)):
            ctx.claimed.add(m.end())
            ctx.add(m.end(), False, "")
            last = i - 1
            while last > 0 and _ADVERB.fullmatch(ws[last].group(0)):
                last -= 1  # "the firm now employs": the subject is "the firm"
            if ctx.rule not in named.DISABLED:
                ctx.lead = (ctx.start + m.end() + ws[0].start(), ctx.start + m.end() + ws[last].end())
            return


# "for repairs costing £380,000", "a ban affecting 1.1 million customers", "students aged 13 to 17": a participle
# (no comma before it) that gives the noun before it a figure of its own.
_FIGURE_PARTICIPLE = re.compile(
    r"(?<=[a-z])\s+(?P<part>(?:costing|affecting|totall?ing|covering|employing|involving|serving|housing|carrying|"
    r"weighing|measuring|lasting|spanning|worth|valued\s+at|estimated\s+at|aged)\s+"
    rf"(?:{_APPROX_WORDS}|up\s+to\s+)?[$€£]?\d(?:[\d,.]*\d)?)",
    re.I,
)
# An age ends with its range: "aged 13 to 17", "aged 60 and over", "aged between 18 and 24" is not matched.
_AGE = re.compile(r"aged\s+\d+(?:\s*(?:to|-|–)\s*\d+|\s+(?:and|or)\s+(?:over|older|above|under|younger))?", re.I)
# What else may close the phrase: a second clause ("… and 12 were damaged"), or a new adjunct after the figure.
_PHRASE_END = re.compile(
    r"[,;:()]|\s(?:and|but|while|whereas|which|who|after|before|when|because)\s(?!(?-i:[A-Z]))", re.I
)
# The noun phrase the participle qualifies: its last word, with a figure or an adjective before it ("6,300 students").
_NOUN_BEFORE = re.compile(r"(?:(?:[$€£]?\d[\d,.]*|[a-z]+-[a-z]+)\s+)?[\w’'-]+$")


@cue_split_rule("cue_figure_participle")
def cue_figure_participle(ctx: CueContext) -> None:
    """A participle that gives the noun before it a figure is a claim of its own, given as well.

    ``… will close for six weeks for repairs costing £380,000`` keeps the sentence and adds ``repairs costing
    £380,000`` (the noun and its participle phrase, read with the sentence); ``aged`` takes the age and its range
    only (``students aged 13 to 17 at 41 schools`` -> ``students aged 13 to 17``). The phrase ends at the next
    comma, clause or sentence end.
    """
    sent = ctx.sentence_text
    if not _FIGURE_PARTICIPLE.search(sent) or not looks_english(sent):
        return
    for m in _FIGURE_PARTICIPLE.finditer(sent):
        begin = m.start("part")
        if begin in ctx.claimed or not (_english_verb(sent[:begin]) or _VERBISH.search(sent[:begin])):
            continue
        age = _AGE.match(sent, begin)
        if age is not None:
            end = age.end()
        else:
            stop = _PHRASE_END.search(sent, m.end())
            end = stop.start() if stop else len(sent)
        end = begin + len(sent[begin:end].rstrip(PUNCT_TRAIL + ".!?"))
        noun = _NOUN_BEFORE.search(sent[: m.start()])
        if noun is None or end <= m.end("part") - 1 or alpha_count(sent[begin:end]) > 12:
            continue
        ctx.claimed.add(begin)
        head = sent[: noun.start()].rstrip(PUNCT_TRAIL)
        ctx.nest(begin, end, head, (noun.start(), noun.end()))


_NUMBER = rf"{_APPROX}(?:[$€£]?\d[\d,.]*%?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds)"
_PARTICIPLE = r"(?:[a-z]{3,}ed|sold|built|hurt|held|shut|lost|won|made|taken|given|seen|found|left|kept|paid|spent)"
# "At least 47 homes have been destroyed and 12 damaged": the auxiliary and the noun are left out of the second part.
_GAPPED_PARTICIPLE = re.compile(rf"\s(?P<cut>and\s+{_NUMBER}\s+{_PARTICIPLE})(?=\s*(?:[,;.!?]|$))", re.I)
_PASSIVE = re.compile(rf"\b(?:have|has|had|were|was|are|is|will\s+be)\s+(?:been\s+)?{_PARTICIPLE}\b", re.I)
# "capped at 27.5 cents per kWh, and gas at 7.1 cents", "rose to 5.2%, and inflation to 3.1%", "stands at 53.2% among
# the over-65s, and at 38.5% among children": the verb is left out of the second clause, which repeats the
# preposition and the figure.
_GAPPED_PREP = re.compile(
    rf",\s+(?P<cut>and\s+(?:(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}}?\s+)?(?P<prep>at|to|by|from|of|on|in)\s+"
    rf"{_APPROX}[$€£]?\d[^,;]*?)\s*[.!?]?$",
    re.I,
)


_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_COUNT_WORD = rf"(?:\d[\d.,]*%?|{_NUMBER_WORDS})"
# "The Civic Union won four of the six seats and the Lantern Party two": a named subject and its count in words
# alone (a count in figures, "and Jones 41%", is left to the ``gapped_amounts`` post-rule).
_GAPPED_COUNT = re.compile(
    rf",?\s(?P<cut>and\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,3}}\s+{_NUMBER_WORDS})(?=\s*(?:[,;.!?]|$))"
)
# "Prices rose 2.2% in Ellisby, and 3.9% in Pendrick", "up 3.6% on the year and 0.4% higher than in October": the
# second figure, its verb left out, before a place or a comparison.
_GAPPED_FIGURE = re.compile(
    rf"(?:,?\s(?P<cut>and\s+{_APPROX}[$€£]?\d[\d.,]*%?\s+(?:higher|lower|more|less|up|down)\b)|"
    rf",\s(?P<placed>and\s+{_APPROX}[$€£]?\d[\d.,]*%?\s+(?:in|at|for|among|on)\s+(?:the\s+)?[A-Z]))"
)  # (without the comma, "rose 7% in London and 5% in Manchester" is left to the gapped_amounts post-rule)
_COUNT_AFTER_VERB = re.compile(rf"\b[a-z]{{3,}}\s+{_COUNT_WORD}\b")


@cue_split_rule("cue_gapped_clause")
def cue_gapped_clause(ctx: CueContext) -> None:
    """A second clause whose verb is left out is a claim of its own, read with the first.

    ``At least 47 homes have been destroyed and 12 damaged`` -> ``… and 12 damaged``; ``The unit rate will be
    capped at 27.5 cents, and gas at 7.1 cents`` -> ``… and gas at 7.1 cents``; ``The Civic Union won four seats
    and the Lantern Party two`` -> ``… and the Lantern Party two``. The first clause must hold the construction the
    second one leaves out (a passive verb, the same preposition before a figure, or a verb and its count).
    """
    sent = ctx.sentence_text
    if not looks_english(sent):
        return
    gapped = (_GAPPED_PARTICIPLE, _GAPPED_PREP, _GAPPED_COUNT, _GAPPED_FIGURE)
    for m in sorted((m for r in gapped for m in r.finditer(sent)), key=lambda m: m.start()):
        begin, head = m.start("placed" if m.re is _GAPPED_FIGURE and m.group("placed") else "cut"), sent[: m.start()]
        if begin in ctx.claimed or (m.re is not _GAPPED_COUNT and not re.search(r"\d", head)):
            continue
        if m.re is _GAPPED_FIGURE:
            if not _english_verb(head, english=True):
                continue
        elif m.re is _GAPPED_COUNT:
            if not (_COUNT_AFTER_VERB.search(head) and _english_verb(head, english=True)):
                continue
        elif m.re is _GAPPED_PARTICIPLE:
            if not _PASSIVE.search(head):
                continue
        elif not re.search(rf"\b{m.group('prep')}\s+{_APPROX}[$€£]?\d", head, re.I):
            continue
        ctx.claimed.add(begin)
        ctx.add(begin, True, head.rstrip(PUNCT_TRAIL))


# "Exports rose 5% and imports fell 3%", "She won 52% while her rival took 41%": no comma before the connective.
_BARE_CONNECTIVE = re.compile(r"(?<![,;])\s(?=(?:and|while|whereas)\s)", re.I)


def _no_own_clause(rest: str) -> bool:
    """What follows the connective is not a clause with a subject of its own: a second verb of the same subject
    (``and produces 500,000 cars``), reported speech left to ``reported_and_that`` (``and that 500 workers …``), or a
    participle before "by" (``and equipment used by farmers``)."""
    ws = _WORD_RE.findall(rest)[:10]
    if len(ws) < 3 or ws[1].lower() in ("that", "said", "says") or verb_at(ws, 1):
        return True
    first = next((i for i in range(2, len(ws)) if verb_at(ws, i)), None)
    return first is not None and first + 1 < len(ws) and ws[first + 1].lower() == "by" and ws[first].endswith("ed")


@cue_split_rule("cue_and_clause")
def cue_and_clause(ctx: CueContext) -> None:
    """``and`` / ``while`` with no comma before it, between two clauses that each have a subject and a verb: a
    second claim.

    ``Exports rose 5% in May and imports fell 3%`` -> ``… and imports fell 3%``. Lists of nouns ("40 cars and 12
    vans"), subjects ("Whitaker and Ruiz voted"), second verbs of one subject ("and produces 500,000 cars", left to
    ``coordinated_present_predicate``) and infinitives are left to other rules.
    """
    sent = ctx.sentence_text
    if not (" and " in sent or " while " in sent or " whereas " in sent) or not looks_english(sent):
        return
    for m in _BARE_CONNECTIVE.finditer(sent):
        cut, head = m.end(), sent[: m.start()]
        rest = re.split(r"[,;:]\s", sent[cut:])[0]
        if (
            cut in ctx.claimed
            or alpha_count(head) < 4
            or alpha_count(rest) < 4
            or not _english_verb(head, english=True)
        ):
            continue
        if _clause_after(rest) and not _no_own_clause(rest):
            ctx.claimed.add(cut)
            ctx.add(cut, False, "")


# "fell to 4.41% from 4.58% in October", "cut her target to 1,250 pence from 1,420 pence": the figure a change
# reached, then the one it started from (a fact of its own); "from 4% to 5%" is one range and is left alone.
_UNIT = r"(?:\s*(?:%|per\s+cent|percent|million|billion|bn|m|pence|p|points?|cents?|euros?|dollars?|pounds?))"
_TO_FROM = re.compile(
    rf"\bto\s+{_APPROX}[$€£]?\d[\d.,]*{_UNIT}*\s+(?P<cut>from\s+{_APPROX}[$€£]?\d)",
    re.I,
)


@cue_split_rule("cue_change_from")
def cue_change_from(ctx: CueContext) -> None:
    """``from`` + the earlier figure after ``to`` + the new one, without a comma, is the comparison's own claim.

    ``Admissions fell to 23 from 31`` -> ``Admissions fell to 23`` + ``from 31``; not inside a range
    (``from 12 to 15``, ``between 10 and 12``).
    """
    sent = ctx.sentence_text
    if " from " not in sent or not looks_english(sent):
        return
    for m in _TO_FROM.finditer(sent):
        begin, head = m.start("cut"), sent[: m.start()]
        if begin in ctx.claimed or re.search(r"\b(?:from|between)\s+[$€£]?\d[^,;]{0,20}$", head, re.I):
            continue
        if not _english_verb(head, english=True) and not _VERBISH.search(head):
            continue
        ctx.claimed.add(begin)
        ctx.add(begin, True, head.rstrip(PUNCT_TRAIL) + " " + sent[m.start() : begin].strip(), keep=True)


# ", flanker Owen Mabry added the third": after a comma, a named subject (a role word may come first) and a
# past verb open a clause of their own; verbs of saying frame the sentence instead (", Smith said").
_SPLICE = re.compile(
    rf",\s+(?P<cut>(?:[a-z][\w-]+\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}}\s+"
    rf"(?P<verb>[a-z]{{3,}}ed|{EN_IRREGULAR_PAST})\s+(?P<next>[$€£]?[\w'’-]+))"
)
_SUBORDINATOR = re.compile(
    r"^\W*(?:after|when|before|as|if|although|though|because|since|while|once|until|unless|whether|whereas|"
    r"despite|with|without|by|in|on|at|for|from|during|under|over|according)\b",
    re.I,
)
_SAYING = re.compile(rf"^{_EN_VERBS}$", re.I)
_FRAME_NEXT = {"that", "on", "in", "at", "yesterday", "today", "last", "this", "earlier", "later"}


@cue_split_rule("cue_comma_splice")
def cue_comma_splice(ctx: CueContext) -> None:
    """Two clauses joined by a comma alone, each with a subject and a past verb, are two claims.

    ``Winger Tomasz Ebdon scored two tries, flanker Owen Mabry added the third`` -> ``… scored two tries`` +
    ``flanker Owen Mabry added the third``. Not after an opening subordinate clause or phrase (``After the vote,
    Smith resigned``), nor a verb of saying (``…, Reuters reported``).
    """
    sent = ctx.sentence_text
    if "," not in sent or not looks_english(sent) or _SUBORDINATOR.match(sent):
        return
    for m in _SPLICE.finditer(sent):
        begin, head = m.start("cut"), sent[: m.start()]
        verb = m.group("verb")
        framing = verb.lower() in ("said", "told") or m.group("next").lower() in _FRAME_NEXT
        if begin in ctx.claimed or (_SAYING.match(verb) and framing) or alpha_count(head) < 4:
            continue
        if not is_finite(m.group("verb"), m.group("next")) or not _english_verb(head, english=True):
            continue
        ctx.claimed.add(begin)
        ctx.add(begin, False, "", keep=True)  # "flanker Owen Mabry added the third" is no speech frame
