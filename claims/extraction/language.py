"""The project's one language detector (lingua, offline): articles before extraction and archived pages alike.

``sources.archiving`` imports it from here (sources may import claims, never the reverse), so a page imported as an
article and the article's extraction can never disagree on how a language was decided.

- **One language set**: about twenty languages common in European newsrooms. Restricting the set makes lingua faster
  and less error-prone than all 75, and still names the Russian, Arabic or Chinese sources a fact-check cites.
- **One mode**: low accuracy (trigrams only), with every model loaded when the detector is built (~40 MB for the set).
  lingua uses trigrams alone for any text over 120 characters in either mode, so articles and pages are decided
  exactly as in high-accuracy mode, which would hold ~600 MB of models for the same set.
- **One bounded sample**: the first ``SAMPLE_CHARS`` characters, cut back to a word boundary. lingua's cost grows
  with the input and a few sentences decide an article's language.
- **One default**: ``""`` when the text is too short or lingua cannot decide; each caller says what it falls back on
  (the extraction pipeline on English, an archived page on its title, then on ``<html lang>``).
- **One shortcut**: lingua costs about a millisecond a sample, a twentieth of a French article's whole extraction.
  A sample plainly French or plainly English (several function words found in no other language of the set, none
  of the other one's, none of the other languages' and no letter of another alphabet) is decided by counting them;
  anything less plain, mixed or short, goes to lingua. Wherever it decides, the shortcut agrees with lingua on the
  texts of bench/eval read from each of their paragraphs on (tests/claims/test_language_vote.py).
"""

from __future__ import annotations

import re
import threading
from typing import Any

LANGUAGES = (
    "en", "fr", "es", "de", "it", "pt", "nl", "pl", "ro", "sv", "da", "fi", "cs", "hu", "el", "ru", "uk", "ar",
    "tr", "ca", "zh", "ja",
)  # fmt: skip
SAMPLE_CHARS = 1200
_MIN_CHARS = 20
_MIN_WORDS = 3

_lock = threading.Lock()
_detector: Any = None


def detector() -> Any:
    """The lingua detector, built once per process (the worker builds it before forking: see :func:`warm_up`)."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
                builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
                _detector = builder.with_low_accuracy_mode().with_preloaded_language_models().build()
    return _detector


def normalise_language(code: str | None) -> str | None:
    """``"FR"``, ``"fr-FR"``, ``"fr_CA"`` -> ``"fr"``; blank or ``"auto"`` -> None."""
    if code is None:
        return None
    code = code.strip().lower().replace("_", "-")
    if not code or code == "auto":
        return None
    return code.split("-")[0]


def language_sample(text: str) -> str:
    """What the detector reads of ``text``: its first ``SAMPLE_CHARS`` characters, cut back to a word boundary."""
    sample = text[:SAMPLE_CHARS]
    if len(text) > SAMPLE_CHARS:
        cut = sample.rfind(" ")
        if cut > SAMPLE_CHARS // 2:
            sample = sample[:cut]
    return sample.strip()


# Function words of French or of English that no other language of LANGUAGES uses as a common word (checked
# against spaCy's stop-word lists), and common words of those other languages that neither French nor English uses.
_FRENCH = frozenset((
    "une", "est", "dans", "pour", "sur", "aux", "avec", "ont", "été", "sont", "cette", "ces", "elle", "ils", "nous",
    "leur", "par", "était", "avait", "aussi", "depuis", "selon", "lors",
))  # fmt: skip
_ENGLISH = frozenset((
    "the", "and", "that", "with", "said", "from", "this", "which", "been", "would", "their", "its", "it", "not", "but",
    "they", "she", "his", "who", "were",
))  # fmt: skip
_OTHERS = frozenset((
    "el", "los", "las", "del", "una", "con", "para", "por", "como", "pero", "está",  # es
    "della", "delle", "degli", "dei", "nel", "nella", "che", "di", "gli", "sono", "è", "anche", "questo",  # it
    "uma", "os", "das", "dos", "não", "em", "com", "também", "são", "é",  # pt
    "els", "amb", "és", "dels", "aquest", "però",  # ca
    "și", "în", "că", "cu", "pe", "pentru", "este", "sunt", "nu", "din",  # ro
    "der", "die", "das", "und", "ist", "nicht", "ein", "eine",  # de
    "het", "een", "zijn", "niet", "ook", "voor", "naar", "maar", "wordt", "worden",  # nl
    "och", "att", "är", "og", "ikke", "det", "som", "på", "af", "til",  # sv, da
    "jest", "się", "nie", "że", "jsou", "také", "který", "hogy", "az", "egy", "ja", "että", "ovat", "oli", "bir",
    "için", "ile",  # pl, cs, hu, fi, tr
))  # fmt: skip
# A letter that neither French nor English writes (ä ö ñ ł ş å ø ő ...) or another script: a sample holding one goes
# to lingua (Finnish, Polish or Greek words next to French ones are what lingua weighs, not the vote).
_LATIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzàâçéèêëîïôœùûüÿABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÇÉÈÊËÎÏÔŒÙÛÜŸ")
_VOTE_WORD = re.compile(r"[^\W\d_]+")
_VOTE_MIN_WORDS = 30


def _plain_language(sample: str) -> str:
    """``"fr"`` or ``"en"`` when the sample's function words leave no doubt, else ``""`` (ask lingua).

    Plain means: no letter of another alphabet, at least 30 words, at least four (three distinct) of one
    language's own function words making at least 3 % (French) or 6 % (English) of the words, and not one word of
    the other language's list nor of the other languages' list. A French article quoting English, an English one
    quoting French, an Italian or Finnish sentence next to French ones: none is plain.
    """
    if any(ch.isalpha() and ch not in _LATIN_LETTERS for ch in set(sample)):
        return ""
    words = _VOTE_WORD.findall(sample.lower())
    if len(words) < _VOTE_MIN_WORDS:
        return ""
    french = [w for w in words if w in _FRENCH]
    english = [w for w in words if w in _ENGLISH]
    if (french and english) or any(w in _OTHERS for w in words):
        return ""
    if len(french) >= 4 and len(set(french)) >= 3 and len(french) >= 0.03 * len(words):
        return "fr"
    if len(english) >= 5 and len(set(english)) >= 4 and len(english) >= 0.06 * len(words):
        return "en"
    return ""


def detect_language(text: str) -> str:
    """ISO 639-1 code of the dominant language of ``text``; ``""`` when it is too short or undecided."""
    sample = language_sample(text)
    if len(sample) < _MIN_CHARS or len(sample.split()) < _MIN_WORDS:
        return ""
    return _plain_language(sample) or _lingua(sample)


def _lingua(sample: str) -> str:
    language = detector().detect_language_of(sample)
    if language is None:
        return ""
    return str(language.iso_code_639_1.name).lower()


def warm_up() -> None:
    """Build the detector (loading its models) and run it once, so the first article or page does not pay for it."""
    detect_language("The council approved the budget on Tuesday. Le conseil a approuvé le budget mardi.")
