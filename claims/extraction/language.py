"""Offline language detection with lingua, restricted to common newsroom languages."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

SUPPORTED = ("fr", "en", "de", "es", "it", "pt", "nl")
_lock = threading.Lock()
_SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()


def normalise_language(code: str | None) -> str | None:
    """``"FR"``, ``"fr-FR"``, ``"fr_CA"`` -> ``"fr"``; blank or ``"auto"`` -> None."""
    if code is None:
        return None
    code = code.strip().lower().replace("_", "-")
    if not code or code == "auto":
        return None
    return code.split("-")[0]


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the dominant language of ``text`` (``default`` when undecidable)."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 3:
        return default
    with _lock:
        detector = _detector()
        language = detector.detect_language_of(sample)
    if language is None:
        return default
    return str(language.iso_code_639_1.name).lower()
