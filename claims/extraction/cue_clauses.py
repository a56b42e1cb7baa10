"""How the punctuation engine reads what follows a cue: a clause with its own subject and verb, a second predicate,
an inserted clause's end, an English finite verb. The cue patterns the rules of :mod:`.cue_rules` share live here
too; helpers only, no rule (so nothing here depends on the order the rules run in).
"""

from __future__ import annotations

import itertools
import re

from .attribution import _EN_VERBS, _FR_VERBS
from .cue_split import alpha_count
from .en_words import FUNCTION_WORDS, MONTHS, PAST_PARTICIPLE, WEEKDAYS, is_finite, is_past, looks_english
from .rules import _NOT_SUBJECT_START

__all__ = ["_NOT_SUBJECT_START"]  # re-exported for the rules that read a subject's first word

_SUBJECT_START = (
    r"(?:the|a|an|its|his|her|their|our|this|these|those|it|he|she|they|we|i|there|le|la|les|l['’]|un|une|des|"
    r"il|elle|ils|elles|on|nous|ce|cette|ces|cet|son|sa|ses|leur|leurs|[A-ZÀ-Ý][\w’'-]+)\b"
)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|do|said|says|"
    r"\w{2,}ed|rose|fell|grew|said|told|made|took|won|lost|hit|cut|gave|got|became|began|saw|went|came|left|paid|"
    r"sold|spent|set|put|kept|expects?|plans?|wants?|remains?|says|est|sont|était|étaient|a|ont|avait|avaient|sera|seront|va|vont|peut|peuvent|doit|doivent|"
    r"stood|held|met|led|ran|built|brought|bought|thought|found|felt|won|sent|struck|drew|drove|flew|knew|shot|"
    r"spoke|wrote|threw|broke|chose|stands|holds|stays|includes|contains|shows|costs|reaches|"
    r"\w{3,}(?:ait|aient|era|eront|ira|iront))\b",
    re.I,
)
_INDEPENDENT_RE = re.compile(
    r"(?:;\s+|,\s+(?:and|but|while|whereas|yet|although|though|even though|et|mais|tandis qu['’e]\s*|"
    r"alors qu['’e]\s*|"
    r"cependant)\s+)",
    re.I,
)
_SUBJECT_START_RE = re.compile(_SUBJECT_START, re.I)
# A determiner or pronoun opening a subject (``[A-Z]…`` in _SUBJECT_START matches any word once case is ignored).
_SUBJECT_WORD = re.compile(_SUBJECT_START.replace(r"|[A-ZÀ-Ý][\w’'-]+", ""), re.I)
_CLAUSE_WORDS = 7  # a coordinated clause shows its verb within this many words
_NOT_SUBJECT_WORDS = re.compile(
    r"^(?:to|in|on|at|by|for|from|with|of|as|not|also|then|than|so|de|du|des|à|au|aux|en|dans|par|pour|sur|avec|"
    r"pas|aussi|puis|ne|n['’]\w+|se|s['’]\w+)$",
    re.I,
)
_CLOSING_COMMA = re.compile(r",\s+")
_DEPENDENT_RE = re.compile(
    r",\s+(?=(?:which|who|whose|where|qui|dont|où|soit|ce qui|ce que|up from|down from|up by|down by|"
    r"(?:up|down|en hausse de|en baisse de)\s+(?:(?:nearly|almost|about|around|roughly|some|just|more than|over|"
    r"less than|under|près de|environ|plus de)\s+)?[$€£]?\d[\d.,]*|"
    r"at\s+(?:a|an)\s+(?:total\s+|estimated\s+|combined\s+)?(?:cost|price)\s+of\s+(?:about\s+|around\s+|some\s+)?"
    r"[$€£]?\d[\d.,]*|"
    r"(?:a|an|une|un)\s+(?:[\w%.,-]+\s+){0,2}(?:rise|increase|jump|drop|decline|fall|decrease|gain|cut|loss|hausse|"
    r"baisse|progression|augmentation|recul|diminution)\s+(?:of|de|d['’]|over|from|on|sur|par rapport)|"
    r"representing|bringing|marking|making it|"
    # ", or $1.87 per share" (the figure restated), ", from $254 million a year ago" (compared), ", payable on Dec. 15"
    r"or\s+[$€£]?\d[\d.,]*|"
    r"from\s+(?:about\s+|around\s+|some\s+)?[$€£]?\d[\d.,]*(?![^,;]*\b(?:to|until|through)\s+[$€£]?\d)|"
    r"(?:payable|due|effective|valid|redeemable)\s+(?:on|from|by|in|until)\s|"
    rf"{PAST_PARTICIPLE}\s+(?:by|in|on|at|from|for|after|during|under|last|this|over|with)\s|"
    r"(?:a|an|the|its|their|un|une|son|sa|leur)\s+(?:[\w-]+\s+){0,2}(?:record|level|high|low|figure|niveau|chiffre|"
    r"sommet|plancher)\b|"
    r"(?:the|its|their)\s+(?:highest|lowest|largest|biggest|smallest|best|worst|first|most|least|fastest|slowest|"
    r"second|third|fourth|fifth|same|only|last|latest|strongest|weakest|warmest|hottest|coldest|wettest|driest|"
    r"busiest|longest|shortest|oldest|youngest|deepest|heaviest|earliest|steepest|sharpest)\b|one of the\s|"
    r"adding that\s|"
    r"compared with|compared to|equivalent to|i\.e\.|aiming to|designed to|intended to|seeking to|visant à|"
    r"(?!including|according|following|citing|saying|adding|during|concerning|regarding)[a-z]{3,}ing\s|"
    r"(?:using|being)\s|"
    # The figure's clause closes the sentence; it ends on a word (the "\\b" below), its full stop looked ahead at.
    r"(?:contre|against|with|avec|pour|for|versus)\s+[^,;]{0,25}\d(?:[^,;]*\w)?(?=[\s.!?]*$)|"
    # ", to $1.9 billion" (where a change ends), ", along with nine helicopters" (a second count)
    r"to\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more than\s+|just over\s+|just under\s+)?[$€£]?\d[\d.,]*|"
    # ", 19 of whom needed intensive care", ", all of which were defeated": a relative on part of a count
    r"(?:all|most|some|none|many|several|both|each|half|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d[\d.,]*%?|(?:a|one)\s+(?:third|quarter|fifth|tenth))\s+of\s+(?:which|whom)|"
    # ", below the £63.0 million consensus", ", above the 2% target": the figure set against a reference
    r"(?:below|above|short of|ahead of|beating|exceeding|missing)\s+(?:the\s+|an?\s+|its\s+)?"
    r"(?:[\w-]+\s+){0,3}?[$€£]?\d[\d.,]*|"
    r"aged\s+\d+|along with\s+(?:about\s+|around\s+|some\s+|more than\s+|at least\s+)?(?:[$€£]?\d[\d.,]*|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds)|"
    r"destinée?s? à|afin de|afin d['’])\b)",
    re.I,
)
# The last verb of saying (or "that"/"que") before an embedded clause's subject.
_REPORTED_TAIL = re.compile(
    rf"^.*\b(?:{_EN_VERBS}|that|{_FR_VERBS}\w*\s+(?:que|qu['’])|que|qu['’])(?:\s+(?:that|que|qu['’]))?\s*",
    re.I,
)
_PURPOSE_RE = re.compile(r"\s+(?=(?:in order to|so as to|afin de|afin d['’])\s)", re.I)


# A date or time opening a coordinated clause before its subject: ", and in 1994 it moved …", ", but by March …".
_LEADING_WHEN = re.compile(
    r"^(?:(?:in|by|since|until|after|before|during|from|on)\s+(?:(?:early|late|mid-?)\s*)?"
    rf"(?:\d{{4}}|(?:{MONTHS}|{WEEKDAYS}|spring|summer|autumn|winter)\b(?:\s+\d{{1,4}})?|"
    r"the\s+(?:same|following|next|previous|first|second|third|fourth)\s+(?:year|month|week|day|quarter|half|"
    r"season|round)\b)|(?:last|this|next)\s+(?:year|month|week|season|quarter)\b|later|then|now|today|yesterday|"
    r"since then|by then)\s*,?\s+(?=\S)"
)


def _coordinated(rest: str, contrast: bool = False, subordinate: bool = False, english: bool = False) -> str:
    """What follows ``, and`` / ``, mais``: ``clause`` (own subject and verb), ``predicate`` (verb only) or ``""``.

    ``subordinate``: the connective is ``while`` / ``whereas`` / ``although``, which open a clause and nothing else,
    so any ``-s`` or ``-ed`` word after the subject's noun is its verb (``while the defeat leaves Saltmere ninth``).
    ``english``: the sentence is known to be English (a short clause such as ``shipping begins Friday`` has too few
    function words to tell by itself).
    """
    english = english or looks_english(rest)
    when = _LEADING_WHEN.match(rest)
    if when is not None and english:
        after = rest[when.end() :]
        # "…, and in 1994 it moved": the clause after the date has its own subject; a bare verb is a predicate.
        return "clause" if _coordinated(after, contrast, subordinate, english) == "clause" else ""
    if subordinate and english and _subordinate_clause(rest):
        return "clause"
    words = re.findall(r"[\w’'%-]+(?:[.,]\d+)*", re.split(r",\s", rest)[0])[:_CLAUSE_WORDS]
    if not words:
        return ""
    verb = _VERBISH.fullmatch(words[0]) or (
        english
        and (
            (len(words) > 1 and is_finite(words[0], words[1]))
            or (contrast and re.fullmatch(r"[a-z]{3,}(?:s|ed)", words[0]) and words[0] not in FUNCTION_WORDS)
        )
    )  # after ", but" a lowercase -s or -ed word can only be a verb ("but raises water and sewer fees")
    if verb and not (words[0][0].isupper() or _SUBJECT_WORD.fullmatch(words[0])):
        return "predicate"
    if _NOT_SUBJECT_WORDS.match(words[0]):
        return ""
    for i, word in enumerate(words[1:], start=1):
        if _VERBISH.fullmatch(word):
            return "clause" if i <= 5 else _long_clause(rest, english)
    return _long_clause(rest, english)


def _subordinate_clause(rest: str) -> bool:
    ws = re.findall(r"[\w’'%-]+(?:[.,]\d+)*", re.split(r",\s", rest)[0])[:_CLAUSE_WORDS]
    if len(ws) < 3 or not (_SUBJECT_WORD.fullmatch(ws[0]) or ws[0][0].isupper()):
        return False
    for prev, word in itertools.pairwise(ws[:6]):
        if word.lower() in FUNCTION_WORDS or not word.islower() or len(word) < 4:
            continue
        if re.fullmatch(r"[a-z]+(?:[^su]s|ed)", word) and not _SUBJECT_WORD.fullmatch(prev):
            return True
    return False


_INSERTION_OPEN = re.compile(r"(?:which|who|whose|a|an|the|its|his|her|their|[A-Z][\w'’-]+)\b")


def _long_clause(rest: str, english: bool = False) -> str:
    """``clause`` for an English subject longer than five words (``evening services on three other routes were
    withdrawn``) or set off by an apposition or relative (``the Conservative candidate, Peter Lomax, took 14.8%``)."""
    if not (english or looks_english(rest)):
        return ""
    parts = re.split(r",\s", rest, maxsplit=2)
    ws = [m.group(0) for m in re.finditer(r"[$€£]?[\w’'%-]+(?:[.,]\d+)*", parts[0])][:12]
    after_comma = re.match(r"\S+", parts[1]) if len(parts) > 1 else None
    follow = [*ws[1:], after_comma.group(0) if after_comma else ""]
    for i, (word, nxt) in enumerate(zip(ws, follow, strict=True)):
        if i and is_finite(word, nxt.rstrip(".,")):
            return "clause"
    if len(parts) == 3 and len(ws) <= 6 and _INSERTION_OPEN.match(parts[1]):
        after = re.match(r"([\w’'-]+)\s*([$€£]?[\w’'%.-]*)", parts[2])
        if after and (is_finite(after.group(1), after.group(2)) or _VERBISH.fullmatch(after.group(1))):
            return "clause"
    return ""


def _english_verb(head: str, *, english: bool = False) -> bool:
    """An English finite verb among ``head``'s words (``It funds six inspectors``): not a subject alone.
    ``english``: the sentence is known to be English (a short head such as ``Sales fell 4% last year`` has too few
    function words to tell by itself)."""
    ws = re.findall(r"[$€£]?[\w’'%-]+", head)
    if len(ws) < 2:
        return False
    return (english or looks_english(head)) and any(is_finite(w, n) for w, n in zip(ws[1:], [*ws[2:], ""], strict=True))


def _inserted_clause(sent_text: str, begin: int, head: str) -> int | None:
    """End of a clause set off by commas between a verbless subject and its predicate, else None.

    The subject may follow a verb of saying: ``He said the bridge, which cost $40m, would open in May``.
    """
    reported = _REPORTED_TAIL.search(head)
    if reported:
        head = head[reported.end() :]
    if not head or _VERBISH.search(head) or re.search(r",\s", head) or len(head.split()) > 8 or _english_verb(head):
        return None
    close = _CLOSING_COMMA.search(sent_text, begin)
    if close is None:
        return None
    after = sent_text[close.end() :]
    first = re.match(r"[\w’'-]+", after)
    if first is None or not first.group(0)[0].islower() or _NOT_SUBJECT_WORDS.match(first.group(0)):
        return None
    if re.match(r"(?:and|but|or|et|mais|ou|the|a|an|le|la|les|un|une|des|which|who|qui)$", first.group(0), re.I):
        return None
    if alpha_count(sent_text[begin : close.start()]) < 3:
        return None
    return close.start()


_NP_WORD = re.compile(r"^(?:the|a|an|its|their|his|her|our|this|these|those|of|[\w’'-]+|\d[\d.,]*)$", re.I)


def verb_at(ws: list[str], i: int) -> bool:
    """``ws[i]`` reads as a clause's verb: finite before the word after it, or a lowercase past form."""
    word, nxt = ws[i], ws[i + 1] if i + 1 < len(ws) else ""
    return is_finite(word, nxt) or (word.islower() and (word.endswith("ed") or is_past(word)) and len(word) > 3)


def _clause_after(rest: str) -> bool:
    """``after inspectors found cracks …``: a subject of one to five words, then a finite verb."""
    ws = re.findall(r"[$€£]?[\w’'%-]+(?:[.,]\d+)*", rest)[:10]
    for i in range(2, min(len(ws), 9)):
        if ws[i].lower() in FUNCTION_WORDS - {"of", "the", "a", "an", "its", "their", "his", "her", "our"}:
            return False
        if verb_at(ws, i):
            return all(_NP_WORD.match(w) and not w.endswith("ing") for w in ws[1:i])
    return False
