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
"""

from __future__ import annotations

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


def detect_language(text: str) -> str:
    """ISO 639-1 code of the dominant language of ``text``; ``""`` when it is too short or undecided."""
    sample = language_sample(text)
    if len(sample) < _MIN_CHARS or len(sample.split()) < _MIN_WORDS:
        return ""
    language = detector().detect_language_of(sample)
    if language is None:
        return ""
    return str(language.iso_code_639_1.name).lower()


def warm_up() -> None:
    """Build the detector (loading its models) and run it once, so the first article or page does not pay for it."""
    detect_language("The council approved the budget on Tuesday. Le conseil a approuvé le budget mardi.")
