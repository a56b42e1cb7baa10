"""Claim extraction: split an article into atomic, check-worthy claims with structured facts.

Plain Python (no Django imports)::

    from claims.extraction import extract
    result = extract(text)            # language detected
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.text
"""

from .language import detect_language
from .pipeline import extract, extract_many
from .types import ExtractedClaim, ExtractionError, ExtractionInputError, ExtractionResult

__all__ = [
    "ExtractedClaim",
    "ExtractionError",
    "ExtractionInputError",
    "ExtractionResult",
    "detect_language",
    "extract",
    "extract_many",
]
