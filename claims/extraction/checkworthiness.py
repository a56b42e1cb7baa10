"""Check-worthiness scoring: a 0–1 score, a boolean and the reasons (codes, see ``reasons``).

A little over 400 lines: the rule score, the learned model's blend and the vetoes read one set of cue patterns in
one order; the stance cues already live in ``stance`` and the model in ``learned``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import en_words, learned, stance
from . import reasons as R
from .furniture import is_bibliography, is_boilerplate, is_byline, is_stamp, opens_with_boilerplate
from .regex_prefix import with_first_chars

THRESHOLD = 0.5
# A statement with a verb: "Quicksand is a mixture of sand and water" is verifiable without a name or figure.
# Searched as two patterns (only whether either matches is read): the listed verbs behind a first-letter lookahead, and
# a word of at least three letters before an -ed/-es/-ait/-é... ending, found from its ending. "\b\w{3,}(?:ed|es)\b" is
# a whole word ending so with three letters before it, which is what the lookbehind reads; trying \w{3,} at every
# word was the costly part.
_STATEMENT_VERB = with_first_chars(
    r"\b(?:is|are|was|were|has|have|had|contains?|consists?|causes?|caused|makes?|made|kills?|killed|produces?|"
    r"produced|lives?|lived|reaches?|reached|covers?|covered|takes?|took|uses?|used|holds?|held|grows?|grew|"
    r"est|sont|était|étaient|a|ont|avait|avaient|fut|furent|contient|contiennent|compte|comptent|"
    r"représente|représentent|provoque|provoquent|cause|causent|permet|permettent|vit|vivent|atteint|atteignent)\b",
    re.I,
)
_STATEMENT_ENDING = with_first_chars(r"(?<=\w\w\w)(?:ed|es|ait|aient|ent|é|ée|és|ées)\b", re.I)

_CALL_TO_ACTION = re.compile(
    r"^\W*(?:signez|rejoignez|participez|découvrez|cliquez|inscrivez|téléchargez|donnez|votez|agissez|"
    r"n['’]hésitez pas|contactez|écrivez-nous|dites-nous|envoyez|soutenez|faites un don|achetez|profitez|"
    r"sign|join|click|download|donate|vote for|register|don['’]t miss|let us know|tell us|contact us|write to us|"
    r"send us|support us|buy|shop|try|get your|check out|sign the petition|help us|act now|call your)\b",
    re.I,
)
# A question ends the line, or ends a quotation followed only by its speech tag ("… dirtier?" she asked.).
_QUESTION = re.compile(
    r"\?\s*[»\"”)’']*\s*$|\?\s*[»\"”’']\s*,?\s*(?:[\w'’.-]+\s+){0,5}(?:asked|asks|wondered|demande|demandé|"
    r"s['’]interroge|interroge|s['’]est interrogée?)(?:\s+[\w'’.-]+){0,5}\s*\.?\s*$",
    re.I,
)
_QUESTION_START = re.compile(
    r"^\W*(?:pourquoi|comment|quand|combien|est-ce que|faut-il|peut-on|doit-on|why|how|what|when|where|who|"
    r"should|could|can|is it|are we|will|do we|does)\b[^.!]*$",
    re.I,
)
_OPINION = with_first_chars(
    r"\b(?:je pense|je crois|j['’]estime|à mon avis|selon moi|il faut|il faudrait|nous devons|on doit|honte|"
    r"scandaleu\w*|inacceptable|magnifique|formidable|catastrophique|lamentable|absurde|ridicule|merveilleu\w*|"
    r"formidable|incroyable|il est temps|i think|i believe|i feel|in my view|in my opinion|we must|we should|"
    r"it['’]s time|shameful|disgrace\w*|wonderful|terrible|awful|amazing|ridiculous|outrageous|unacceptable|"
    r"beautiful|brilliant|tragedy|tragédie|drame|heartbreaking|great|fantastic|horrible)\b",
    re.I,
)
# Searched as two patterns, like _STATEMENT_VERB: the words, and a French future or conditional ending ("-eront",
# "-erait") after at least three letters of the word.
_FUTURE = with_first_chars(
    r"\b(?:will|shall|plans? to|planned|is set to|are set to|is expected to|are expected to|aims? to|intends? to|"
    r"is to|are to|going to|next (?:year|month|week|quarter)|by 20\d\d|expects?|expected|forecasts?|"
    r"sera|seront|serait|seraient|aura|"
    r"auront|fera|feront|ferait|feraient|ira|devra|devrait|devraient|pourrait|pourraient|would|"
    r"pourra|pourront|(?:va|vont|compte|comptent)\s+(?:(?:ne|n['’]|pas|plus|bientôt|encore|y|en|se|s['’]|le|la|les|"
    r"l['’]|lui|leur)\s*)*\w+(?:er|ir|re|oir)\b|prévoit|prévoient|prévu|projette|plans\b|envisage|annonc\w*|"
    r"d['’]ici (?:à |la fin |20)|à partir de|dès 20\d\d|promet|s['’]engage|objectif)\b",
    re.I,
)
_FUTURE_ENDING = with_first_chars(
    r"(?<=\w\w\w)(?:eront|iront|ront|erai|erons|erez|erait|eraient|irait|iraient)\b", re.I
)
_COMPARISON = with_first_chars(
    r"\b(?:plus (?:de|que|d['’])|moins (?:de|que|d['’])|davantage|hausse|baisse|augment\w*|diminu\w*|recul\w*|"
    r"progress\w*|chut\w*|bondi|doubl\w*|tripl\w*|record|par rapport|comparé|contre \d|supérieur\w*|inférieur\w*|"
    r"le plus|la plus|les plus|premier|première|deuxième|dernier|fois plus|fois moins|"
    r"more than|less than|fewer than|higher|lower|than|increase\w*|decrease\w*|rise|rose|risen|fell|fall|"
    r"drop\w*|grew|growth|declin\w*|up from|down from|compared|record|largest|biggest|smallest|highest|lowest|"
    r"most|least|times (?:more|less|as)|doubled|tripled|half|twice|first|worst|best)\b",
    re.I,
)
# A quantity said in words: "perdu un tiers de la récolte", "réduire de moitié", "half of the budget".
_PROPORTION = with_first_chars(
    r"\b(?:(?:un|deux|le|les) (?:tiers|quarts?)|(?:de|la|une) moitié|trois quarts|(?:a|one|two) (?:third|quarter)s?|"
    r"half (?:of|the)|by half|(?:almost|nearly|about|roughly|more than|over|less than|under) half|twice|"
    r"(?:times|fois) (?:as|plus|moins)|doubl\w+|tripl\w+|quadrupl\w+)\b",
    re.I,
)
# A first or a record inside a speaker's words is something to check ("the first time we've come from behind this
# season", "un record depuis la création du club").
_MILESTONE = with_first_chars(
    r"\b(?:first time|première fois|(?:a|new|all-time|un|nouveau) record|record (?:high|low|level)s?|"
    r"(?:highest|lowest|biggest|largest|best|worst|most) ever|ever recorded)\b",
    re.I,
)
_RELATIVE_START = re.compile(r"^\W*(?:who|which|where|when|whose)\b", re.I)
_FIRST_PERSON_ONLY = re.compile(r"^\W*(?:je|j['’]|nous|i|we)\b", re.I)


@dataclass(slots=True)
class Score:
    score: float
    checkworthy: bool
    kind: str
    reasons: list[R.Reason] = field(default_factory=list)


def score_claim(
    text: str,
    *,
    entities: list[dict[str, str]],
    dates: list[dict[str, Any]],
    numbers: list[dict[str, Any]],
    attribution: str | None,
    quoted: bool = False,
    dependent: bool = False,
    head_has_facts: bool = False,
    paragraph_text: str = "",
    refers_back: bool = False,
    language: str = "",
    sentence_text: str = "",
) -> Score:
    """Score one claim: the rules' evidence, then the learned model (English), then the vetoes, then its kind."""
    # The plan and comparison cues are searched once: the score and the kind both read them.
    plan = bool(_FUTURE.search(text) or _FUTURE_ENDING.search(text))
    comparison = bool(_COMPARISON.search(text))
    facts = _Facts(entities, dates, numbers, attribution, quoted, dependent, head_has_facts, plan, comparison)
    score, reasons = _rule_score(text, facts, refers_back)
    model = learned.get_model() if language == "en" else None
    if model is not None:
        score = _learned_score(text, facts, score, model, reasons, sentence_text)
    negative, score = _veto(text, facts, score, model, paragraph_text, sentence_text)
    if negative:
        reasons[:] = [r for r in reasons if r["code"] != R.KEPT_NEWS_FACTS]  # nothing was kept after all
        reasons.append(negative)
    score = max(0.0, min(1.0, score))
    threshold = model.threshold if model is not None else THRESHOLD
    checkworthy = score >= threshold and not negative
    if checkworthy and not reasons:
        reasons.append(R.reason(R.VERIFIABLE))
    if not checkworthy and not negative:
        reasons.append(R.reason(R.BELOW_THRESHOLD if model is not None else R.NO_FACTS))
    return Score(round(score, 3), checkworthy, _kind(text, facts), reasons)


@dataclass(frozen=True)
class _Facts:
    """What the pipeline found in and around a claim, as :func:`score_claim` weighs it."""

    entities: list[dict[str, str]]
    dates: list[dict[str, Any]]
    numbers: list[dict[str, Any]]
    attribution: str | None
    quoted: bool
    dependent: bool
    head_has_facts: bool
    plan: bool = False  # _FUTURE in the text
    comparison: bool = False  # _COMPARISON in the text


_WORD_RUN = re.compile(r"\w+")


def _rule_score(text: str, f: _Facts, refers_back: bool) -> tuple[float, list[R.Reason]]:
    """The rules' score: each kind of checkable content adds to a base of 0.25, with the reason shown."""
    reasons: list[R.Reason] = []
    words = len(_WORD_RUN.findall(text))
    score = 0.25
    if words >= 5:
        score += 0.1
    if f.numbers:
        score += 0.25
        reasons.append(R.reason(R.FIGURES, figures=[n["text"] for n in f.numbers[:3]]))
    if f.dates:
        score += 0.15
        reasons.append(R.reason(R.DATES, dates=[d["iso"] for d in f.dates[:3]]))
    if f.entities:
        score += min(0.3, 0.15 * len(f.entities))
        reasons.append(R.reason(R.NAMES, names=[e["text"] for e in f.entities[:4]]))
    if (f.dependent or refers_back) and f.head_has_facts:
        score += 0.15
        reasons.append(R.reason(R.ADDS_FACT))
    if f.attribution:
        score += 0.2 if f.quoted else 0.1
        reasons.append(R.reason(R.ATTRIBUTED, speaker=f.attribution))
    is_plan = f.plan
    if is_plan:
        score += 0.1
        reasons.append(R.reason(R.PLAN))
    if f.comparison:
        score += 0.1
        reasons.append(R.reason(R.COMPARISON))
    if words < 4 and not (f.dependent and f.head_has_facts and f.numbers):
        # (A short conjunct with its own figure after a clause with facts, "l'irrigation 61 %", is a list item.)
        score -= 0.25
        reasons.append(R.reason(R.TOO_SHORT))
    elif (
        words >= 6
        and not (f.numbers or f.dates or f.entities)
        and (_STATEMENT_VERB.search(text) or _STATEMENT_ENDING.search(text))
        and not is_plan
    ):
        score += 0.15
        reasons.append(R.reason(R.VERIFIABLE))
    return score, reasons


def _learned_score(
    text: str, f: _Facts, rule_score: float, model: Any, reasons: list[R.Reason], sentence_text: str = ""
) -> float:
    """The calibrated probability of the English model, with its weighing words as a reason."""
    dense = learned.dense_features(text, numbers=len(f.numbers), dates=len(f.dates), entities=len(f.entities))
    learned_score = model.probability(text, dense)
    weighing = model.weighing_terms(text)
    reasons.append(
        R.reason(
            R.LEARNED_SCORE, score=round(learned_score, 2), threshold=round(model.threshold, 2), terms=list(weighing)
        )
    )
    # The model learnt from debate sentences; in news copy a statement with a figure, a date or a named
    # actor is worth checking more often than there. Such evidence lifts a low learned score to the
    # threshold, never beyond; everything else keeps the calibrated probability.
    backed = rule_checkworthy_evidence(rule_score, f.numbers, f.dates, f.entities, f.head_has_facts, f.dependent)
    backed = (
        backed
        or stance.plain_statement(text)
        or _past_event_with_a_name(text, f)
        or _short_count(text, f)
        or _scheduled_event(text, f)
    )
    # A speaker's wish, belief or duty ("I want to give every American…", "we've got to make sure") is talk,
    # whatever figure it holds: the model's score stands. Quoted and attributed in news copy ("« We want to reopen
    # the line by December », said the minister") it is a reported commitment, which can be checked later.
    if backed and not (f.quoted and f.attribution) and stance.speaker_stance(sentence_text or text):
        backed = False
    if backed and learned_score < model.threshold:
        reasons.append(R.reason(R.KEPT_NEWS_FACTS))
        learned_score = max(learned_score, model.threshold)
    return float(learned_score)


def half_quoted(text: str) -> bool:
    """An opening or a closing quotation mark without its pair: a piece of a quotation split in two."""
    return text.count("«") != text.count("»") or text.count("“") != text.count("”") or text.count('"') % 2 == 1


def _entity_quoted(text: str, entities: list[dict[str, str]]) -> bool:
    """A named organisation or place inside the quoted words ("« … approuvé par le Sénat »"): something to check."""
    passages = stance.quotes(text)
    return any(
        e.get("type") in ("organisation", "place") and any(e.get("text", "") in p for p in passages) for e in entities
    )


def _veto(
    text: str, f: _Facts, score: float, model: Any, paragraph_text: str, sentence_text: str
) -> tuple[R.Reason | None, float]:
    """What makes a line not a claim whatever its score (stamp, boilerplate, question…), and the capped score."""
    if is_stamp(text):
        return R.reason(R.STAMP), min(score, 0.05)
    if (
        is_boilerplate(text)
        or (paragraph_text and (opens_with_boilerplate(paragraph_text) or is_byline(paragraph_text)))
        or (f.dependent and sentence_text and _is_boilerplate_sentence(sentence_text))
    ):
        return R.reason(R.BOILERPLATE), min(score, 0.05)
    if _QUESTION.search(text) or (
        _QUESTION_START.match(text)
        and not text.rstrip().endswith(".")
        and not (f.dependent and _RELATIVE_START.match(text))  # "who scored 17 goals": a relative, not a question
    ):
        return R.reason(R.QUESTION), min(score, 0.15)
    if is_bibliography(text):
        return R.reason(R.BIBLIOGRAPHY), min(score, 0.05)
    if (
        _CALL_TO_ACTION.match(text)
        or stance.addresses_reader(text)
        or (f.dependent and sentence_text and stance.addresses_reader(sentence_text))
    ):
        return R.reason(R.CALL_TO_ACTION), min(score, 0.1)
    no_facts = not f.numbers and not f.dates and not _PROPORTION.search(text)
    if no_facts and (stance.evaluative_quote(text) or stance.quoted_stance(text)):
        return R.reason(R.QUOTED_JUDGEMENT), min(score, 0.2)
    # A piece of a quotation split in two ("« La dynamique reste positive" + "mais elle s'essouffle … »") is read
    # with its whole sentence.
    lines = [text, sentence_text] if sentence_text and half_quoted(text) else [text]
    if any(
        not _PROPORTION.search(line)
        and not _MILESTONE.search(line)
        and stance.bare_quote(line)
        and not _entity_quoted(line, f.entities)
        for line in lines
    ):
        return R.reason(R.QUOTED_WORDS), min(score, 0.2)
    if no_facts and stance.empty_promise(text):
        return R.reason(R.EMPTY_PROMISE), min(score, 0.2)
    # A judgement about a quantity ("a regretté « vingt dernières minutes trop relâchées »"): the figure is the
    # speaker's, inside the judging words, and nothing outside the quotes is checkable.
    if (
        not f.dates
        and stance.evaluative_quote(text)
        and stance.quoted_stance(text)
        and not re.search(r"\d", _unquoted(text))
    ):
        return R.reason(R.QUOTED_JUDGEMENT), min(score, 0.2)
    # The English model has learnt unquoted opinion from its data; the rules need these cues.
    if (
        no_facts
        and model is None
        and (
            stance.stance_words(_unquoted(text))
            or stance.first_person_attitude(text)
            or (not f.entities and stance.advice(_unquoted(text)))
        )
    ):
        return R.reason(R.OPINION), min(score - 0.3, 0.2)
    if no_facts and model is None and not f.entities and stance.presentative(text):
        return R.reason(R.OPINION), min(score - 0.3, 0.2)
    if _OPINION.search(text) and no_facts and model is None:
        return R.reason(R.OPINION), min(score - 0.3, 0.35)
    if _FIRST_PERSON_ONLY.match(text) and no_facts and not f.entities and not f.quoted and model is None:
        return R.reason(R.PERSONAL), min(score, 0.4)
    return None, score


def _unquoted(text: str) -> str:
    """The line without its quoted passages (a speaker's words are judged by :func:`stance.quoted_stance`)."""
    for passage in stance.quotes(text):
        text = text.replace(passage, " ")
    return text


# Every dependent piece of a sentence asks this of the whole sentence, one piece after the other: searched once per
# sentence (a pure function of the text; a few entries are enough for the pieces of the sentence being scored).
@lru_cache(maxsize=8)
def _is_boilerplate_sentence(sentence_text: str) -> bool:
    return is_boilerplate(sentence_text)


def _kind(text: str, f: _Facts) -> str:
    """Quantity, comparison, plan, event, attribution or other: what the reviewer will be checking."""
    is_plan, is_comparison = f.plan, f.comparison
    if f.quoted and f.attribution:
        return "attribution"
    if f.numbers:
        return "quantity"
    if is_comparison and (f.entities or f.dates):
        return "comparison"
    if is_plan:
        return "plan"
    if f.dates:
        return "event"
    if f.attribution:
        return "attribution"
    if is_comparison:
        return "comparison"
    return "other"


_PRONOUN_PAST = re.compile(r"^\W*(?:he|she|they|it)\s+(?:(?:also|later|then|first|had)\s+)?([a-z]{3,})\b", re.I)


def _past_event_with_a_name(text: str, f: _Facts) -> bool:
    """``She studied zoology at the University of Southampton``: a third-person pronoun, a past-tense verb and a
    named organisation or place: a life's or a company's record (read with who "she" is), worth checking."""
    m = _PRONOUN_PAST.match(text)
    if m is None or not any(e.get("type") in ("organisation", "place") for e in f.entities):
        return False
    verb = m.group(1).lower()
    return en_words.is_past(verb) or (verb.endswith("ed") and verb not in en_words.FUNCTION_WORDS)


def _short_count(text: str, f: _Facts) -> bool:
    """``Police arrested 14 men``, ``Vale hit 27 fours``: a short third-person statement of a count (often one item
    of a list split in two), which the model, trained on whole debate sentences, scores as a fragment."""
    words = _WORD_RUN.findall(text)
    return bool(f.numbers) and 3 <= len(words) <= 8 and not stance.first_person(text) and not f.quoted


# A day it is set for: "will be sworn in on Monday", "reopens next week".
_WHEN_SET = with_first_chars(
    r"\b(?:(?:on|from|by|until|before|after|next|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:next|this)\s+(?:week|month|weekend)|tomorrow)\b"
)


def _scheduled_event(text: str, f: _Facts) -> bool:
    """``Mr Oyelaran will be sworn in on Monday``: a named subject's plan set for a day is a schedule to check, not a
    promise (the model, trained on debates, reads every "will" as one)."""
    return f.plan and bool(f.entities) and bool(_WHEN_SET.search(text)) and not stance.first_person(text)


def rule_checkworthy_evidence(
    rule_score: float, numbers: list[Any], dates: list[Any], entities: list[Any], head_has_facts: bool, dependent: bool
) -> bool:
    """News evidence the debate-trained model undervalues: a figure or a date, a fact added to a named subject
    (a relative, a participle), or a statement the rules rate very high.

    A piece split off a factual sentence that carries a figure or a date of its own (``by 33 seconds``, ``Alemu,
    24``) keeps the sentence's weight however short it is: the model never saw such fragments.
    """
    if rule_score >= 0.8:
        return True
    if rule_score >= 0.6 and (numbers or dates):
        return True
    return dependent and head_has_facts and (rule_score >= 0.5 or bool(numbers or dates))


def training_features(text: str, language: str = "en") -> list[float]:
    """The structural cues of :mod:`learned` for a bare sentence, found the way the pipeline finds them."""
    from .facts import find_dates, find_numbers, rule_entities

    dates = find_dates(text, language=language)
    numbers = find_numbers(text, language, exclude=[(int(d["start"]), int(d["end"])) for d in dates])
    return learned.dense_features(text, numbers=len(numbers), dates=len(dates), entities=len(rule_entities(text)))
