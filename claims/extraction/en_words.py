"""English word classes without a parser: is this word a finite verb here, and where does a subject end?

The English path has no parse, and a fixed list of verbs always misses the verb of the next article
(``employs``, ``chairs``, ``pocketed``). A finite verb is recognised instead from three general signs:

* a closed class: auxiliaries and modals (``is``, ``were``, ``has``, ``will``, ``could`` …) and irregular past
  tenses (``rose``, ``took``, ``broke`` …);
* its morphology: a regular past (``-ed``) or a third-person present (``-s`` / ``-es``);
* what follows it: a verb opens its object or complement (a determiner, a number or amount, an object pronoun,
  a preposition or a particle), which a noun of a list (``sand and water``, ``Smith and Jones said``) does not.

Words of a closed class of function words (determiners, pronouns, prepositions, conjunctions, number words)
are never verbs, and neither is a capitalised word inside a sentence (``Jones``, ``Reynolds``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .verbs import EN_IRREGULAR_PAST, EN_PRESENT

AUXILIARY = re.compile(
    r"^(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|shall|should|does|did|do|"
    r"isn['’]t|aren['’]t|wasn['’]t|weren['’]t|hasn['’]t|haven['’]t|hadn['’]t|won['’]t|wouldn['’]t|can['’]t|"
    r"couldn['’]t|doesn['’]t|didn['’]t|don['’]t)$",
    re.I,
)
MODAL = re.compile(r"^(?:will|would|can|could|may|might|must|shall|should|to)$", re.I)
_IRREGULAR = re.compile(
    rf"^(?:{EN_IRREGULAR_PAST}|stood|thought|felt|wore|rang|sang|swam|hung|dug|fed|bled|slept|woke|forgot|"
    r"forgave|overtook|undertook|withheld|upheld|oversaw|underwent|overcame|became|arose|froze|rode|rose|"
    r"slid|spun|stuck|stung|swung|tore|wept|won|wound|got|heard|meant|sold|told|lay|sat|said)$",
    re.I,
)
# Past tenses that are not also participles or nouns: a verb whatever follows (``The participants wore …``).
_PAST_ONLY = re.compile(
    r"^(?:rose|fell|grew|took|gave|went|came|began|became|knew|flew|drew|spoke|wrote|chose|broke|drove|stole|threw|"
    r"wore|rang|sang|swam|woke|forgot|froze|rode|tore|withdrew|ate|arose|overtook|underwent|oversaw|overcame|"
    r"stood|fought|sought|caught|taught|brought|bought|thought|ran|sank|swung|struck)$",
    re.I,
)
# Linking verbs in -s: followed by an adjective as well (``and turns white``, ``remains closed``).
_LINKING_S = re.compile(
    r"^(?:becomes|remains|seems|appears|stays|gets|goes|turns|grows|looks|sounds|feels|keeps|proves)$", re.I
)
# A past participle opening a trailing or inserted phrase (", hurt by the closure", ", set by Tigist Assefa in 2023");
# verbs of saying are left out (", added the minister" gives a speaker, not a fact).
PAST_PARTICIPLE = (
    r"(?!(?:said|added|noted|stated|claimed|reported|asked|argued|explained|insisted|warned|announced|confirmed|"
    r"replied|continued|declared|stressed|acknowledged|admitted)\b)(?:[a-z]{3,}ed|set|held|built|known|made|won|run|"
    r"led|given|taken|seen|shown|sold|paid|written|chosen|hit|cut|hurt|driven|brought|caught|struck|spent|kept|"
    r"bought|found|beaten|born|grown|drawn|thrown|worn|broken|spoken|stolen|frozen|hidden|sent|lent|lost|left|used|"
    r"owed|axed|tied)"
)
_KNOWN_PRESENT = re.compile(rf"^(?:{EN_PRESENT})$", re.I)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that are never a finite verb, whatever their ending.
FUNCTION_WORDS = _word_set(
    "the a an this that these those my your his her its our their some any no every each all both either "
    "neither i you he she it we they me him us them who whom whose which what where when why how there "
    "here of in on at by for from with to into onto over under about after before between through during "
    "without within against among across per via than as like near off up down out around along behind "
    "beyond despite toward towards and or but nor so yet if because while whereas although though since "
    "unless until whether not also then one two three four five six seven eight nine ten eleven twelve "
    "hundred thousand million billion hundreds thousands millions billions dozens "
    "more most less least much many few several such only just even "
    "still already very too news series species means lens thus plus always perhaps sometimes towards "
    "afterwards across unless "
)
# -ed words that are not past tenses.
_ED_NOT_VERB = re.compile(
    r"^(?:hundred|kindred|naked|wicked|sacred|beloved|rugged|ragged|aged|bed|red|wed|shed)$", re.I
)
# What opens a verb's object or complement.
_STRONG_OPENER = re.compile(
    r"^(?:[$€£]|\d|(?:the|a|an|its|his|her|their|our|this|these|those|some|all|no|every|each|more|about|nearly|"
    r"almost|over|around|roughly|some|only|just|it|them|him|us|me|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|dozens|hundreds|thousands|millions|several|most|much|many|half|twice|another)$)",
    re.I,
)
# Openers that also follow a noun ("sales around the world", "immigrants all over"): not enough after an -s word.
# A day or month right after a verb opens its time ("shipping begins Friday", "the plant closed March 3"): US wire
# style drops the "on".
WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_WORD = re.compile(rf"^(?:{WEEKDAYS}|{MONTHS})$")
_NOUN_FOLLOWER = re.compile(r"^(?:about|over|around|all|only|just|some|most|much|more|half|twice|roughly)$", re.I)
_WEAK_OPENER = re.compile(
    r"^(?:that|in|on|at|to|from|for|with|into|by|against|after|before|during|up|down|out|off|back|away|through|"
    r"across|under|over|[a-z]+ly|again|last|next|overnight|later|early|home|abroad|twice|second|first|white|"
    r"black|red|green|higher|lower|sharply|slightly|steadily|below|above|ahead|behind|past|unchanged|short|"
    r"open|closed|empty|silent|positive|negative|loose)$",
    re.I,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*|[$€£]?\d(?:[\d.,:%-]*[\d%])?", re.U)


@lru_cache(maxsize=16384)
def is_finite(word: str, following: str = "", *, inside: bool = True) -> bool:
    """``word`` reads as a finite verb when ``following`` comes after it (``inside``: not the sentence's first word).

    ``employs 4,000``, ``chairs the``, ``filled in``, ``pocketed a``, ``rose 7%``, ``are twice``, ``begins Friday``:
    yes;
    ``Jones said``, ``roll``, ``relaxed`` at the end, ``tables and`` : no.
    """
    low = word.lower()
    if low in FUNCTION_WORDS or not word[:1].isalpha() or (inside and word[0].isupper()):
        return False
    if AUXILIARY.match(word):
        return True
    dated = bool(following) and bool(_DATE_WORD.match(following))
    opener = bool(following) and (_STRONG_OPENER.match(following) or _WEAK_OPENER.match(following) or dated)
    if _PAST_ONLY.match(word):
        return True
    if _IRREGULAR.match(word):
        return bool(opener)
    if _LINKING_S.match(word):
        return bool(following) and (
            bool(_STRONG_OPENER.match(following))
            or (following.lower() not in FUNCTION_WORDS and not following[0].isupper() and following[0].isalpha())
        )
    if len(low) >= 5 and low.endswith("ed") and not _ED_NOT_VERB.match(low) and not low.endswith("eed"):
        return bool(opener)
    strong = dated or (
        bool(following) and bool(_STRONG_OPENER.match(following)) and not _NOUN_FOLLOWER.match(following)
    )
    if _KNOWN_PRESENT.match(low):
        return strong  # "back", "face", "cuts" are nouns as well
    if len(low) >= 4 and low.endswith("s") and not re.search(r"(?:ss|us|is|ous|[’']s|ics)$", low):
        return strong  # a plural noun takes no object
    return False


def is_past(word: str) -> bool:
    """An irregular past tense (``took``, ``rose``): not a bare verb sharing a modal."""
    return bool(_PAST_ONLY.match(word) or (_IRREGULAR.match(word) and not _KNOWN_PRESENT.match(word)))


def words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, start, end))


_EN_MARKERS = _word_set("the of and is was were are has have with that said from by it its this their which ")
_FR_MARKERS = _word_set("le la les des du et est sont une dans pour sur au aux qui que été ont avec il elle ")


@lru_cache(maxsize=4096)
def looks_english(text: str) -> bool:
    """More English function words than French ones (a sentence, not a whole article)."""
    low = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    return sum(w in _EN_MARKERS for w in low) > sum(w in _FR_MARKERS for w in low)


# A wire dateline opening the first sentence: "ATHENS, Aug 14 (Wire) - ", "PORT ELLERY - ".
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(?:,[^-–—\n]{1,40}?)?\s+[-–—]+\s+")
# What a subject opens with: a determiner or pronoun, a capitalised word, a number.
_SUBJECT_OPEN = re.compile(
    r"^(?:[A-Z\d$€£].*|the|a|an|this|that|these|those|its|his|her|their|our|my|some|all|most|many|each|every|no|"
    r"i|you|he|she|it|we|they|there|one|two|three|four|five|six|seven|eight|nine|ten)$"
)
_RELATIVE = re.compile(r"^(?:who|which|that|whose)$", re.I)
_INTRO_START = re.compile(
    r"^(?:in|on|at|by|for|from|with|after|before|since|during|under|according|as|if|when|while|although|though|"
    r"because|despite|unlike|like|following|amid|once|until|over|last|this|earlier|later|[a-z]+ing|[a-z]+ed|"
    r"[a-z]+ly|however|meanwhile|overall)$",
    re.I,
)


def subject_end(text: str, start: int, before: int) -> tuple[int, int] | None:
    """The subject of the English clause opening at ``start``: from its first word up to its finite verb.

    A dateline and an introductory phrase (``In 2022,``, ``Running in cool, still conditions,``) are skipped; an
    apposition or relative set off by commas after the subject is left out (``The bridge, the main link …,
    was closed`` -> ``The bridge``). None when no finite verb is found in the first words.
    """
    pos = start
    dateline = _DATELINE.match(text, pos, before)
    if dateline:
        pos = dateline.end()
    if re.match(r"\s*[\"“”«'‘]", text[pos:before]):
        return None  # a quotation opens the sentence: its words are the speaker's, not a subject
    ws = words(text, pos, before)
    skipped = False
    for _ in range(3):  # an introduction ends at a comma followed by the subject
        if not ws or not (_INTRO_START.match(ws[0].group(0)) or (skipped and not _SUBJECT_OPEN.match(ws[0].group(0)))):
            break
        skipped = True
        comma = next((i for i, w in enumerate(ws) if i and "," in text[ws[i - 1].end() : w.start()]), None)
        if comma is None or comma > 12:
            return None
        ws = ws[comma:]
    if not ws or ws[0].group(0).lower() in ("and", "but", "or", "who", "which", "that", "when", "while"):
        return None
    first = ws[0]
    relative: int | None = None  # index of "who"/"that" opening a relative inside the subject
    relative_verb = False  # the relative's own verb has been passed
    comma_at: int | None = None
    for i, w in enumerate(ws[:16]):
        if i == 0:
            continue
        gap = text[ws[i - 1].end() : w.start()]
        if re.search(r"[;:()«»\"“”]", gap):
            return None
        if "," in gap and comma_at is None:
            comma_at = i
        word = w.group(0)
        if _RELATIVE.match(word) and relative is None and comma_at is None:
            relative = i
            continue
        if relative is not None and i == relative + 1 and word.lower() not in FUNCTION_WORDS:
            relative_verb = True  # "who use phones …": the word after the pronoun is the relative's verb
            continue
        following = ws[i + 1].group(0) if i + 1 < len(ws) else ""
        if not is_finite(word, following):
            continue
        if relative is not None and not relative_verb:
            relative_verb = True  # "that broke out …": the main verb comes after the relative's own
            continue
        end = i
        if relative is not None and (_DETERMINED.match(first.group(0)) or _NAME.match(text, first.start())):
            end = relative  # "A wildfire that broke out on Sunday … has killed": the subject is "A wildfire"
        elif comma_at is not None:
            end = comma_at  # "The bridge, the main road link …, was closed": the subject before its apposition
        return first.start(), ws[end - 1].end()
    return None


_NAME = re.compile(r"[A-Z][\w'’-]+\s+[A-Z]")  # two capitalised words: a name ("Mount Parnitha", "Jane Doe")
_DETERMINED = re.compile(r"^(?:the|a|an|this|that|these|those|its|his|her|their|our|my|one|each|every)$", re.I)
