"""A sentence split into clauses keeps its check-worthiness: the last pass of :mod:`.build`.

Splitting moves a sentence's figure or date into one of its pieces; the other clause ("… and residents will be
directed to the branch at Chapel Allerton", the figure "about two miles away" now a piece of its own) may then
score below the threshold although the whole sentence was worth checking. When the whole sentence is check-worthy,
each of its main-clause pieces that no veto rejected (an opinion, a question, boilerplate …) is kept at the
threshold, with the reason reviewers already know ("kept: news statements with such facts are usually worth
checking"). Nested pieces (an inserted clause also given alone) are left as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from . import learned
from . import reasons as R
from .checkworthiness import THRESHOLD, score_claim
from .types import ExtractedClaim, Sentence

# Reasons that reject a piece on its own merits: never lifted by its sentence.
_VETOES = {
    R.STAMP,
    R.BOILERPLATE,
    R.QUESTION,
    R.BIBLIOGRAPHY,
    R.CALL_TO_ACTION,
    R.OPINION,
    R.EMPTY_PROMISE,
    R.QUOTED_JUDGEMENT,
    R.QUOTED_WORDS,
    R.PERSONAL,
    R.INTERVIEWER_QUESTION,
}
_MIN_WORDS = 3


def keep_split_clauses(claims: list[ExtractedClaim], text: str, sentences: Sequence[Sentence], language: str) -> None:
    """Lift, in place, the rejected main-clause pieces of sentences that are check-worthy as a whole.

    The whole sentence (``text[sentence.start:sentence.end]``) is scored only where a piece is to be lifted.
    """
    by_sentence: dict[int, list[ExtractedClaim]] = defaultdict(list)
    for claim in claims:
        by_sentence[claim.sentence_index].append(claim)
    model = learned.get_model() if language == "en" else None
    threshold = model.threshold if model is not None else THRESHOLD
    for index, group in by_sentence.items():
        main = [c for c in group if not _nested(c, group)]
        rejected = [c for c in main if not c.checkworthy and not set(R.codes(c.reasons)) & _VETOES]
        rejected = [c for c in rejected if len(c.text.split()) >= _MIN_WORDS]
        if len(main) < 2 or not rejected or index >= len(sentences):
            continue
        whole = score_claim(
            text[sentences[index].start : sentences[index].end],
            entities=[e for c in main for e in c.entities],
            dates=[d for c in main for d in c.dates],
            numbers=[n for c in main for n in c.numbers],
            attribution=next((c.attribution for c in main if c.attribution), None),
            language=language,
        )
        if not whole.checkworthy:
            continue
        for claim in rejected:
            claim.reasons = [r for r in claim.reasons if r.get("code") not in (R.BELOW_THRESHOLD, R.NO_FACTS)]
            claim.reasons.append(R.reason(R.KEPT_NEWS_FACTS))
            claim.score, claim.checkworthy = max(claim.score, threshold), True


def _nested(claim: ExtractedClaim, group: list[ExtractedClaim]) -> bool:
    """Given inside another claim of its sentence (an inserted clause also shown on its own)."""
    return any(
        other is not claim and all(any(s <= a and b <= e for s, e in other.spans) for a, b in claim.spans)
        for other in group
    )
