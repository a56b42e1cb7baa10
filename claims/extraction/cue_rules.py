"""The named rules of the punctuation-and-connective engine, in the order they run (see :mod:`.cue_split`).

Each looks at one sentence's text (``ctx.sentence_text``) and records cuts or inserted clauses. They work on
English news wording first (the English path has no parser) and on French words where a cue is shared.

The cue patterns they share and the helpers that read what follows a cue are in :mod:`.cue_clauses`.
"""

from __future__ import annotations

import re

from .cue_clauses import (
    _DEPENDENT_RE,
    _INDEPENDENT_RE,
    _PURPOSE_RE,
    _REPORTED_TAIL,
    _VERBISH,
    _clause_after,
    _coordinated,
    _english_verb,
    _inserted_clause,
)
from .cue_split import PUNCT_TRAIL, CueContext, alpha_count, cue_split_rule
from .en_words import PAST_PARTICIPLE, is_finite, looks_english
from .rules import _NOT_SUBJECT_START

# --- the rules, in the order they run ---------------------------------------------------------------------------------


@cue_split_rule("cue_semicolon")
def cue_semicolon(ctx: CueContext) -> None:
    """A semicolon joins two independent clauses: ``Exports fell 3%; imports rose 2%``."""
    for m in _INDEPENDENT_RE.finditer(ctx.sentence_text):
        if m.group(0).startswith(";"):
            ctx.add(m.end(), False, "")


def _is_contrast(m: re.Match[str]) -> bool:
    return m.group(0).strip(" ,").lower() in ("but", "yet")


def _is_subordinate(m: re.Match[str]) -> bool:
    return m.group(0).strip(" ,").lower() in ("while", "whereas", "although", "though", "even though")


def _connective_matches(ctx: CueContext, kind: str) -> list[re.Match[str]]:
    sent = ctx.sentence_text
    english = looks_english(sent)
    return [
        m
        for m in _INDEPENDENT_RE.finditer(sent)
        if not m.group(0).startswith(";")
        and _coordinated(sent[m.end() : m.end() + 200], _is_contrast(m), _is_subordinate(m), english) == kind
    ]


@cue_split_rule("cue_coordinated_clause")
def cue_coordinated_clause(ctx: CueContext) -> None:
    """``, and`` / ``, but`` / ``, while`` before a clause with its own subject and verb: two claims.

    ``Prices rose 4% in March, while wages fell 1%`` -> ``Prices rose 4% in March`` + ``while wages fell 1%``.
    """
    for m in _connective_matches(ctx, "clause"):
        ctx.add(m.start() + 1, False, "")  # the connective opens the second clause


@cue_split_rule("cue_coordinated_predicate")
def cue_coordinated_predicate(ctx: CueContext) -> None:
    """``, and`` before a verb: a second predicate of the same subject, read with the first clause.

    ``The mayor spoke for an hour, and said the plan would cost $12m`` -> ``… and said the plan would cost $12m``.
    """
    sent = ctx.sentence_text
    for m in _connective_matches(ctx, "predicate"):
        ctx.add(m.start() + 1, True, sent[: m.start()].rstrip(PUNCT_TRAIL))


def _dependent_matches(ctx: CueContext) -> list[re.Match[str]]:
    """Where a dependent clause opens, with four words or more after it (three when one is a figure or a year:
    ``…, graduating in 1955``)."""
    sent = ctx.sentence_text
    return [m for m in _DEPENDENT_RE.finditer(sent) if _long_enough(sent[m.end() :])]


def _long_enough(rest: str) -> bool:
    words = alpha_count(rest)
    return words >= 4 or (words == 3 and any(ch.isdigit() for ch in rest))


@cue_split_rule("cue_inserted_clause")
def cue_inserted_clause(ctx: CueContext) -> None:
    """A clause set off by commas between a subject and its verb stays in its sentence and is given as well.

    ``The bridge, which cost $40m, opened in 2019`` -> the whole sentence, and ``which cost $40m`` (read with
    ``The bridge``); the subject may follow a verb of saying (``He said the bridge, which cost $40m, …``).
    """
    sent = ctx.sentence_text
    for m in _dependent_matches(ctx):
        # The subject may open a coordinated clause: "…, and Iceland's trials, which ran from 2015, led to …".
        base = max((c.end() for c in _connective_matches(ctx, "clause") if c.end() < m.start()), default=0)
        head = sent[base : m.start()].rstrip(PUNCT_TRAIL)
        inserted = _inserted_clause(sent, m.end(), head)
        if inserted is None:
            continue
        ctx.claimed.add(m.end())
        reported = _REPORTED_TAIL.search(head)
        begin = base + (reported.end() if reported else 0)
        head = sent[: m.start()].rstrip(PUNCT_TRAIL)
        begin += len(head[begin:]) - len(head[begin:].lstrip())
        ctx.nest(m.end(), inserted, head[begin:], (begin, len(head)) if begin < len(head) else None)


_APPOSITION_OPEN = re.compile(
    r",\s+(?=(?:[a-z]{3,}ed|born|built|known|held|run|owned|led|made|set up)\s+(?:in|by|on|at|as|from|for|near)\b|"
    r"(?:the|a|an|its|his|her|their)\s+[\w'’-]+)"
)


@cue_split_rule("cue_inserted_apposition")
def cue_inserted_apposition(ctx: CueContext) -> None:
    """An apposition or past participle set off by commas after the subject, given as well with its subject.

    ``The company, based in Seattle, reported revenue of $5bn`` -> the sentence, and ``The company, based in
    Seattle``; ``Jane Doe, the city's mayor, said …`` -> ``Jane Doe, the city's mayor``.
    """
    sent = ctx.sentence_text
    m = _APPOSITION_OPEN.search(sent)
    if m is None or m.end() in ctx.claimed or sent.find(",") != m.start():
        return
    head = sent[: m.start()].rstrip(PUNCT_TRAIL)
    first = head.split()[0] if head.split() else ""
    if _NOT_SUBJECT_START.match(first) or first.lower() in ("according", "asked", "speaking", "overall"):
        return  # "According to the agency, the mission cost …": an introduction, not a subject
    inserted = _inserted_clause(sent, m.end(), head)
    if inserted is not None and not _REPORTED_TAIL.search(head):
        ctx.claimed.add(m.end())
        ctx.nest(m.end(), inserted, head, (0, len(head)))


@cue_split_rule("cue_trailing_clause")
def cue_trailing_clause(ctx: CueContext) -> None:
    """A trailing relative, participle, change or comparison after a comma: a dependent claim of its own.

    ``The hospital treated 1,200 patients last year, up from 900 in 2022`` -> ``… up from 900 in 2022``;
    ``The report was published by the World Bank, which estimates growth at 2.4%`` -> ``which estimates …``.
    """
    sent = ctx.sentence_text
    for m in _dependent_matches(ctx):
        if m.end() not in ctx.claimed:
            # A bare figure (", to £272,900,") is a fact however short: kept as a piece of its own.
            figure = bool(re.match(r"(?:to|from|up|down)\s+[$€£]?\d[\d.,]*%?\s*(?:,|$)", sent[m.end() :]))
            ctx.add(m.end(), True, sent[: m.start()].rstrip(PUNCT_TRAIL), keep=figure)


@cue_split_rule("cue_purpose")
def cue_purpose(ctx: CueContext) -> None:
    """``in order to`` / ``so as to`` opens a purpose clause: ``The city raised fares in order to fund …``."""
    sent = ctx.sentence_text
    for m in _PURPOSE_RE.finditer(sent):
        if alpha_count(sent[m.end() :]) >= 4:
            ctx.add(m.end(), True, sent[: m.start()].rstrip(PUNCT_TRAIL))


_AGE = re.compile(r"\b(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}),\s+(?P<age>\d{1,3}),\s+(?=[a-z])")


@cue_split_rule("cue_age_apposition")
def cue_age_apposition(ctx: CueContext) -> None:
    """A person's age set off by commas is a claim of its own: ``Alemu, 24, was running …`` -> ``Alemu, 24``."""
    for m in _AGE.finditer(ctx.sentence_text):
        if 0 < int(m.group("age")) < 120:
            ctx.nest(m.start("age"), m.end("age"), m.group("name"), (m.start("name"), m.end("name")))


_SPEAKER_APPOSITION = re.compile(
    r"\b(?:said|says|told|wrote|added|according to)\s+(?:[a-z]+\s+){0,3}?"
    r"(?P<name>(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w'’-]+),\s+(?P<app>(?:a|an|the)\s+[^,;]{3,140}?)\s*[.!]?[\"”]?$"
)


@cue_split_rule("cue_speaker_apposition")
def cue_speaker_apposition(ctx: CueContext) -> None:
    """Who a speaker is, closing the sentence, is a claim of its own: ``…," said Mette Kjaergaard, an epidemiologist
    who led the study.`` gives as well ``Mette Kjaergaard, an epidemiologist who led the study``."""
    m = _SPEAKER_APPOSITION.search(ctx.sentence_text)
    if m is not None and looks_english(ctx.sentence_text):
        ctx.nest(m.start("app"), m.end("app"), m.group("name"), (m.start("name"), m.end("name")))


# "after" asserts the event it opens (a fact of its own), and so does "as" with its own subject and verb ("as a cold
# front moves in"); "before"/"until" only date the main claim, and "because" mostly gives a reason (an argument: on
# the ct24 debate sentences it turned opinions into check-worthy pieces). A comma may come before "after"; after a
# comma "as" mostly comments on the clause ("…, as the company had promised").
_SUBORDINATE = re.compile(
    r"(?<=\w)\s+(?=(?:after|as)\s+(?!\w+ing\b)\w)|(?<=[\w%)]),\s+(?=after\s+(?!\w+ing\b)\w)", re.I
)
_AS_NOT_CLAUSE = re.compile(
    r"as\s+(?:well|part|a result|expected|usual|such|much|many|long|soon|far|of|for|if|though)\b", re.I
)


@cue_split_rule("cue_subordinate_clause")
def cue_subordinate_clause(ctx: CueContext) -> None:
    """``after`` or ``as`` + a clause with its own subject and verb is a claim of its own (not ``before``, nor
    ``because``).

    ``The bridge was closed on Monday after inspectors found cracks in two beams`` -> ``The bridge was closed on
    Monday`` + ``after inspectors found cracks in two beams``; ``after winning 46%`` or ``after the meeting`` is no
    clause.
    """
    sent = ctx.sentence_text
    if not looks_english(sent):
        return
    for m in _SUBORDINATE.finditer(sent):
        if _AS_NOT_CLAUSE.match(sent, m.end()):
            continue  # "as well as", "as part of", "as expected": no clause of its own
        left = sent[: m.start()]
        last = left.split()[-1].lower() if left.split() else ""
        if last in ("is", "was", "are", "were", "be", "been", "that", "just", "only", "partly", "largely", "mainly"):
            continue  # "The reason is because …": the clause is the predicate itself
        if len(left.split()) >= 5 and _english_verb(left, english=True) and _clause_after(sent[m.end() :]):
            ctx.add(m.end(), True, left.rstrip(PUNCT_TRAIL))


_WHEN = re.compile(r",\s+(?=when\s+\w)", re.I)
_QUESTION_START = re.compile(
    r"[\"“‘']?(?:why|what|how|who|whom|where|do|does|did|would|could|should|can|is|are|was|were|"
    r"have|has|had|shall|isn['’]t|aren['’]t|don['’]t|doesn['’]t|didn['’]t|wouldn['’]t)\b",
    re.I,
)


@cue_split_rule("cue_when_clause")
def cue_when_clause(ctx: CueContext) -> None:
    """``, when`` + a clause with its own subject and verb is a claim of its own, read with the clause before.

    ``It was last inspected in 2022, when it received a fair rating`` -> ``… in 2022`` + ``when it received a fair
    rating``; ``…, when asked about the cost`` (no subject) or ``when`` without a comma (``I left when it rained``)
    stays whole.
    """
    sent = ctx.sentence_text
    if not looks_english(sent) or _QUESTION_START.match(sent) or sent.rstrip(" \"”'’)").endswith("?"):
        return  # "Why would you do that, when we have such a tough time…": the clause belongs to the question
    for m in _WHEN.finditer(sent):
        left = sent[: m.start()]
        if len(left.split()) >= 4 and _english_verb(left) and _clause_after(sent[m.end() :]):
            ctx.add(m.end(), True, left.rstrip(PUNCT_TRAIL))


_PARTICIPLE_OPEN = re.compile(rf",\s+(?={PAST_PARTICIPLE}\s+(?:by|in|on|at|from|for|during|under|with)\s)")
_PREPOSITION_TAIL = re.compile(r",\s+(?=(?:by|in|on|at|for|from|with|after|before|during|over|under)\s)", re.I)


@cue_split_rule("cue_participle_close")
def cue_participle_close(ctx: CueContext) -> None:
    """A participle set off by commas after an object ends at its closing comma; what follows, a phrase of the
    main verb, is read with the main clause.

    ``She improved the course record of 2:11:53, set by Tigist Assefa in 2023, by 33 seconds`` -> ``set by
    Tigist Assefa in 2023`` (with ``the course record of 2:11:53``) + ``by 33 seconds`` (with ``She improved …``).
    Only a short phrase without a verb is cut off: ``…, set by X in 2023, and it still stands`` is left to the
    coordination rules, and a participle after the subject (``The record, set in 2023, fell``) is an insertion.
    """
    sent = ctx.sentence_text
    if not looks_english(sent):
        return
    for m in _PARTICIPLE_OPEN.finditer(sent):
        if m.end() in ctx.claimed or not _english_verb(sent[: m.start()]):
            continue
        close = _PREPOSITION_TAIL.search(sent, m.end())
        if close is None or "," in sent[m.end() : close.start()]:
            continue
        tail = re.split(r",\s|;", sent[close.end() :], maxsplit=1)[0]
        words = re.findall(r"[$€£]?[\w’'%-]+(?:[.,]\d+)*", tail)
        if not 2 <= len(words) <= 6 or alpha_count(tail) < 3:
            continue
        if any(_VERBISH.fullmatch(w) or is_finite(w, n) for w, n in zip(words, [*words[1:], ""], strict=True)):
            continue
        ctx.add(close.end(), True, sent[: m.start()].rstrip(PUNCT_TRAIL))


_AND_AUXILIARY = re.compile(
    r"(?<=\w)\s+and\s+(?=(?:is|are|was|were|has|have|had|will|would|can|could|should|must)\s+(?!not\b)[\w$€£])", re.I
)


@cue_split_rule("cue_and_auxiliary")
def cue_and_auxiliary(ctx: CueContext) -> None:
    """``and`` + an auxiliary, without a comma, opens a second predicate of the subject: a claim of its own.

    ``Teenagers who use phones after midnight sleep 62 minutes less and are twice as likely to report depression``
    -> ``… sleep 62 minutes less`` + ``and are twice as likely to report depression``. The first part must hold a
    verb and five words (``Smith and Jones said``, ``quiet and relaxed``, ``between 2009 and 2017`` have no
    auxiliary after ``and``; ``rose and is`` alone is too short to stand).
    """
    sent = ctx.sentence_text
    if not looks_english(sent) or _QUESTION_START.match(sent):
        return
    for m in _AND_AUXILIARY.finditer(sent):
        left = sent[: m.start()]
        lead = re.split(r"[,;:]\s", left)[-1]
        if len(lead.split()) < 5 or not (_english_verb(lead) or re.search(r"\b(?:who|that|which)\s+[a-z]{3,}", lead)):
            continue
        if alpha_count(sent[m.end() :]) >= 4:
            ctx.add(m.start() + 1, True, left.rstrip(PUNCT_TRAIL))
