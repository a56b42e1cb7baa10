"""Why a claim was scored the way it was, as stable codes with parameters: ``{"code": "figures", "params":
{"figures": ["7 percent"]}}``. The reviewer's page puts them into words in her language (``claims.labels``); the
pipeline only says which reason applies, never how it reads.
"""

from __future__ import annotations

from typing import Any

Reason = dict[str, Any]

FIGURES = "figures"  # figures: the numbers found (up to 3)
DATES = "dates"  # dates: ISO dates (up to 3)
NAMES = "names"  # names: the entities (up to 4)
ADDS_FACT = "adds_fact"
ATTRIBUTED = "attributed"  # speaker
PLAN = "plan"
COMPARISON = "comparison"
TOO_SHORT = "too_short"
VERIFIABLE = "verifiable"
LEARNED_SCORE = "learned_score"  # score, threshold, terms (the words that weigh most, may be empty)
KEPT_NEWS_FACTS = "kept_news_facts"
STAMP = "stamp"
BOILERPLATE = "boilerplate"
QUESTION = "question"
BIBLIOGRAPHY = "bibliography"
CALL_TO_ACTION = "call_to_action"
OPINION = "opinion"
EMPTY_PROMISE = "empty_promise"  # a promise of effort or goodwill, nothing to check
QUOTED_JUDGEMENT = "quoted_judgement"  # a speaker's judgement or demand in quotes, no checkable fact
QUOTED_WORDS = "quoted_words"  # mostly a speaker's words, with no figure or proportion in them
PERSONAL = "personal"
BELOW_THRESHOLD = "below_threshold"
NO_FACTS = "no_facts"
INTERVIEWER_QUESTION = "interviewer_question"
CONTINUES_CLAUSE = "continues_clause"
REFERS_OUTSIDE = "refers_outside"  # ref: the word that refers back
SPEAKER_ELSEWHERE = "speaker_elsewhere"  # speaker: the pronoun standing for the speaker


def reason(code: str, **params: Any) -> Reason:
    return {"code": code, "params": params}


def codes(reasons: list[Reason] | list[Any]) -> list[str]:
    """The codes of ``reasons`` (text stored before codes existed is kept as it is)."""
    return [r["code"] if isinstance(r, dict) else str(r) for r in reasons]
