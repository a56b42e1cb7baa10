"""Load the extraction models before the worker forks its pool (plain Python, no Django)."""

from __future__ import annotations

from . import language
from . import nlp as nlp_models
from .pipeline import extract, presplit

# A French and an English paragraph that exercise every stage (dates, numbers, attribution, entities).
_WARM_UP_TEXTS = (
    "Le conseil municipal de Lyon a voté mardi 12 mars 2024 un budget de 3,5 millions d'euros, selon le maire."
    "\n\nIl prévoit 200 logements d'ici 2026.",
    "The city council approved a budget of 3.5 million euros on 12 March 2024, the mayor said."
    "\n\nIt plans 200 homes by 2026.",
)


def warm_up() -> list[str]:
    """Load every installed spaCy model and the language detector now and run each stage once.

    Called in the Celery worker's main process before the pool forks (see ``factcheck.celery``), so the children
    share the models copy-on-write and no article pays the cold start. Returns the languages with a spaCy model.
    """
    language.warm_up()  # the one detector, which archived pages use too
    loaded = [code for code in nlp_models.MODELS if nlp_models.get_nlp(code, presplit) is not None]
    for text in _WARM_UP_TEXTS:
        extract(text)  # language detected
    return loaded
