"""Cue rules of the punctuation engine for a second fact closing an English sentence, run after :mod:`.cue_rules`.

* ``cue_share_tail``: a verbless share, gap or premium after a comma (``…, about 22% of its supply``);
* ``cue_as_clause``: ``, as`` + a clause with its own subject and verb (``…, as demand from the sector slowed``);
* ``cue_leading_participle``: a past participle opening the sentence (``Born in Portsmouth in 1933, she …``).

Imports :mod:`.cue_rules` first, so its rules are registered, and run, before these.
"""

from __future__ import annotations

import re

from . import rules as named
from .cue_rules import _NOT_SUBJECT_START, _SUBJECT_WORD, _VERBISH, _english_verb, verb_at
from .cue_split import PUNCT_TRAIL, CueContext, alpha_count, cue_split_rule
from .en_words import is_finite, looks_english

# A verbless share, gap or premium closing a clause that holds the figure it qualifies: ", about 22% of the water",
# ", roughly a quarter of all pupils", ", 11 points behind leaders Essex", ", a premium of 27% to …", or the part of
# the figure counted apart: ", including £640 million on storm overflows", ", including nine fires".
_SHARE_TAIL = re.compile(
    r",\s+(?=(?:about|around|roughly|nearly|almost|some|more than|less than|just over|just under)\s+"
    r"(?:[$€£]?\d|(?:a|one)\s+(?:quarter|third|half|fifth|tenth)\b|half\b|one in\s)|"
    r"\d[\d.,]*\s+(?:points?|places?|seconds?|minutes?|votes?|goals?|runs?|strokes?|shots?|lengths?)\s+"
    r"(?:behind|ahead|clear|adrift|short)\b|"
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
        head, tail = sent[: m.start()], sent[m.end() :]
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
        ws = re.findall(r"[$€£]?[\w’'%-]+(?:[.,]\d+)*", rest)
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
