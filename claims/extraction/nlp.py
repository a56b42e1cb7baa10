"""spaCy model loading, once per process (module-level cache)."""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

# Pipes the extractor needs; everything else is excluded at load time (and in the speed bench).
NEEDED_PIPES = ("tok2vec", "morphologizer", "tagger", "parser", "ner")
MODELS = {"fr": "fr_core_news_sm", "en": "en_core_web_sm"}
SENTENCE_PIPE = "claims_presplit"

_cache: dict[str, Any] = {}
_lock = threading.Lock()
logger = logging.getLogger(__name__)


def model_available(language: str) -> bool:
    name = MODELS.get(language)
    return bool(name) and importlib.util.find_spec(name) is not None  # type: ignore[arg-type]


def load_raw(language: str) -> Any:
    """The bare spaCy model with only the pipes we use (no custom component). Cached."""
    key = f"raw:{language}"
    with _lock:
        if key not in _cache:
            import spacy

            name = MODELS[language]
            info = spacy.info(name)
            pipes = info.get("pipeline", []) if isinstance(info, dict) else []
            exclude = [p for p in pipes if p not in NEEDED_PIPES]
            _cache[key] = spacy.load(name, exclude=exclude)
            logger.info("spaCy model %s loaded in process %s", name, os.getpid())
        return _cache[key]


def get_nlp(language: str, sentence_splitter: Callable[[Any], Any]) -> Any | None:
    """The model for ``language`` with our sentence splitter first, or None if not installed."""
    if not model_available(language):
        return None
    key = f"pipe:{language}"
    with _lock:
        if key in _cache:
            return _cache[key]
    import spacy
    from spacy.language import Language

    nlp = load_raw(language)
    with _lock:
        if key not in _cache:
            if not Language.has_factory(SENTENCE_PIPE):
                Language.component(SENTENCE_PIPE, func=sentence_splitter)
            if SENTENCE_PIPE not in nlp.pipe_names:
                nlp.add_pipe(SENTENCE_PIPE, first=True)
            nlp.max_length = max(nlp.max_length, 2_100_000)
            _cache[key] = nlp
        del spacy
        return _cache[key]
